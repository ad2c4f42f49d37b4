// The benchmark regression check of `make test` (ctest label `bench`).
//
// It runs benchmark 2 (decode + quality gate + lifecycle engine + batch
// encoding into a null sink) on a small seeded workload and counts the
// instructions it executes under callgrind, only inside the measured region
// (--toggle-collect on naap_bench_measured). Baseline (a), simdjson parsing
// the same bytes, is counted the same way. The check fails when
//   instructions per event of benchmark 2 > budget * kIrMargin
// where the budget is recorded per build flavour in
// bench/regression_budget.txt (instruction counts depend on the compiler
// flags, e.g. UBSan roughly doubles them), or, for a flavour without a
// budget, when the instruction ratio to (a) exceeds the largest recorded
// ratio * kIrMargin.
//
// Without valgrind it falls back to the wall-time ratio to (a), both measured
// in this process, interleaved, median of 7, against the recorded time ratio
// * kTimeMargin. Never an absolute wall-clock threshold.
//
//   naap_bench_regress --check             the test
//   naap_bench_regress --record            prints this flavour's budget line
//   naap_bench_regress --measure MODE      (internal) one measured run
#include <fmt/format.h>
#include <simdjson.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "runtime/pipeline.hpp"
#include "workload.hpp"

namespace {

constexpr uint64_t kEvents = 2000;
constexpr uint64_t kSeed = 7;
constexpr double kIrMargin = 1.5;    // > +50 % instructions per event: a gross regression
constexpr double kTimeMargin = 2.5;  // wall-time ratios are noisy: only a gross regression

std::vector<std::string> g_lines;

class NullSink final : public naap::sinks::Sink {
 public:
  void write(const naap::sinks::Batch& b) override { rows += b.rows; }
  std::string describe() const override { return "null"; }
  uint64_t rows = 0;
};

uint64_t g_sink_rows = 0;

void run_lifecycle() {
  NullSink sink;
  naap::runtime::PipelineConfig config;
  naap::runtime::Pipeline pipeline(sink, config);
  uint64_t n = 0;
  for (const auto& line : g_lines) pipeline.process(line, "regress.jsonl", ++n);
  pipeline.finish();
  g_sink_rows = sink.rows;
}

void run_simdjson() {
  simdjson::dom::parser parser;
  uint64_t ok = 0;
  for (const auto& line : g_lines) {
    simdjson::dom::element doc;
    if (!parser.parse(line.data(), line.size(), true).get(doc)) ++ok;
  }
  g_sink_rows = ok;
}

}  // namespace

// The measured region: callgrind collects only while this runs.
extern "C" __attribute__((noinline)) void naap_bench_measured(int mode) {
  if (mode == 2) {
    run_lifecycle();
  } else {
    run_simdjson();
  }
  asm volatile("" ::: "memory");
}

namespace {

void load_workload() {
  naap::bench::WorkloadConfig c;
  c.events = kEvents;
  c.seed = kSeed;
  c.concurrency = 32;
  naap::bench::generate(c, [](std::string_view line) { g_lines.emplace_back(line); });
}

std::string self_path() {
  char buf[4096];
  const ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
  if (n <= 0) return "naap_bench_regress";
  return std::string(buf, static_cast<size_t>(n));
}

bool have_valgrind() {
  return std::system("valgrind --version >/dev/null 2>&1") == 0;
}

// Instructions executed inside naap_bench_measured(mode), per callgrind.
double callgrind_ir(const std::string& mode) {
  char tmpl[] = "/tmp/naap-bench-callgrind-XXXXXX";
  const int fd = mkstemp(tmpl);
  if (fd < 0) throw std::runtime_error("mkstemp failed");
  close(fd);
  const std::string out = tmpl;
  const std::string cmd = fmt::format(
      "valgrind --tool=callgrind --collect-atstart=no --toggle-collect=naap_bench_measured "
      "--callgrind-out-file={} '{}' --measure {} >/dev/null 2>{}.log",
      out, self_path(), mode, out);
  const int rc = std::system(cmd.c_str());
  std::ifstream f(out);
  std::string line;
  double ir = -1;
  while (std::getline(f, line)) {
    if (line.starts_with("summary:") || line.starts_with("totals:")) {
      ir = std::stod(line.substr(line.find(':') + 1));
    }
  }
  std::string log;
  if (ir < 0) {
    std::ifstream l(out + ".log");
    std::stringstream ss;
    ss << l.rdbuf();
    log = ss.str();
  }
  std::remove(out.c_str());
  std::remove((out + ".log").c_str());
  if (rc != 0 || ir < 0) {
    throw std::runtime_error(fmt::format("callgrind run failed (exit {}):\n{}", rc, log));
  }
  return ir;
}

double time_once(int mode) {
  const auto t0 = std::chrono::steady_clock::now();
  naap_bench_measured(mode);
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// Median over 7 interleaved runs of time(benchmark 2) / time((a)).
double time_ratio() {
  time_once(2);
  time_once(1);
  std::vector<double> r;
  for (int i = 0; i < 7; ++i) {
    const double l = time_once(2);
    const double s = time_once(1);
    r.push_back(l / s);
  }
  std::sort(r.begin(), r.end());
  return r[r.size() / 2];
}

struct Budget {
  double ir_per_event = 0, ir_ratio = 0, time_ratio = 0;
};

std::map<std::string, Budget> read_budgets() {
  std::map<std::string, Budget> out;
  std::ifstream f(NAAP_BENCH_BUDGET);
  std::string line;
  while (std::getline(f, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream ss(line);
    std::string flavour;
    Budget b;
    if (ss >> flavour >> b.ir_per_event >> b.ir_ratio >> b.time_ratio) out[flavour] = b;
  }
  return out;
}

int check(bool record) {
  const std::string flavour = NAAP_BENCH_FLAVOR;
  const auto budgets = read_budgets();
  const auto it = budgets.find(flavour);
  fmt::print("bench regression: benchmark 2 (decode + gate + lifecycle, null sink) on {} seeded events; "
             "build flavour '{}'\n",
             kEvents, flavour);
  if (have_valgrind()) {
    const double ir2 = callgrind_ir("lifecycle");
    const double ira = callgrind_ir("simdjson");
    const double per_event = ir2 / kEvents;
    const double ratio = ir2 / ira;
    fmt::print("  callgrind: {:.0f} instructions per event; (a) simdjson {:.0f} per event; ratio {:.2f}\n",
               per_event, ira / kEvents, ratio);
    if (record) {
      load_workload();
      const double tr = time_ratio();
      fmt::print("{} {:.0f} {:.3f} {:.3f}\n", flavour, per_event, ratio, tr);
      return 0;
    }
    if (it != budgets.end()) {
      const double limit = it->second.ir_per_event * kIrMargin;
      fmt::print("  budget {:.0f} per event x margin {:.1f} = limit {:.0f}: {}\n", it->second.ir_per_event,
                 kIrMargin, limit, per_event <= limit ? "ok" : "REGRESSION");
      return per_event <= limit ? 0 : 1;
    }
    double worst = 0;
    for (const auto& [_, b] : budgets) worst = std::max(worst, b.ir_ratio);
    if (worst == 0) {
      fmt::print("  no budget recorded in {}: nothing to compare\n", NAAP_BENCH_BUDGET);
      return 1;
    }
    const double limit = worst * kIrMargin;
    fmt::print("  no budget for this flavour; ratio to (a) limit {:.2f} (largest recorded {:.2f} x {:.1f}): {}\n",
               limit, worst, kIrMargin, ratio <= limit ? "ok" : "REGRESSION");
    return ratio <= limit ? 0 : 1;
  }
  fmt::print("  valgrind not found: falling back to the wall-time ratio to baseline (a)\n");
  load_workload();
  const double tr = time_ratio();
  double budget = 0;
  if (it != budgets.end()) {
    budget = it->second.time_ratio;
  } else {
    for (const auto& [_, b] : budgets) budget = std::max(budget, b.time_ratio);
  }
  if (record) {
    fmt::print("{} 0 0 {:.3f}   (no valgrind: instruction budgets not measured)\n", flavour, tr);
    return 0;
  }
  if (budget == 0) {
    fmt::print("  no budget recorded in {}\n", NAAP_BENCH_BUDGET);
    return 1;
  }
  const double limit = budget * kTimeMargin;
  fmt::print("  time(benchmark 2) / time((a)) = {:.2f}; budget {:.2f} x margin {:.1f} = limit {:.2f}: {}\n", tr,
             budget, kTimeMargin, limit, tr <= limit ? "ok" : "REGRESSION");
  return tr <= limit ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const std::string cmd = argc > 1 ? argv[1] : "--check";
    if (cmd == "--measure" && argc > 2) {
      load_workload();
      const std::string mode = argv[2];
      naap_bench_measured(mode == "lifecycle" ? 2 : 1);
      std::printf("rows %llu\n", static_cast<unsigned long long>(g_sink_rows));
      return 0;
    }
    if (cmd == "--check") return check(false);
    if (cmd == "--record") return check(true);
    std::fprintf(stderr, "usage: naap_bench_regress --check | --record\n");
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "naap_bench_regress: %s\n", e.what());
    return 1;
  }
}
