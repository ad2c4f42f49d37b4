// Measuring helpers shared by the benchmark programs: wall and CPU clocks,
// RSS (peak and sampled), percentiles, and the one-line result records that
// bench/run.sh collects and `naap_bench report` turns into the table.
#pragma once

#include <fmt/format.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace naap::bench {

using Clock = std::chrono::steady_clock;

inline double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

// User + system CPU seconds of the whole process (every thread, the engine's too).
inline double process_cpu_s() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

inline double peak_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

inline double current_rss_mb() {
  FILE* f = std::fopen("/proc/self/statm", "r");
  if (!f) return 0;
  long pages = 0, resident = 0;
  if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
  std::fclose(f);
  return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

// Samples the RSS every `period` while alive; steady() is the median of the
// second half of the samples (after warm-up), peak() the largest.
class RssSampler {
 public:
  explicit RssSampler(std::chrono::milliseconds period = std::chrono::milliseconds(50))
      : thread_([this, period] {
          while (!stop_.load()) {
            const double v = current_rss_mb();
            {
              std::lock_guard<std::mutex> l(mu_);
              samples_.push_back(v);
            }
            std::this_thread::sleep_for(period);
          }
        }) {}
  ~RssSampler() { stop(); }
  void stop() {
    if (!stop_.exchange(true) && thread_.joinable()) thread_.join();
  }
  double steady() {
    stop();
    if (samples_.empty()) return current_rss_mb();
    std::vector<double> tail(samples_.begin() + static_cast<long>(samples_.size() / 2), samples_.end());
    std::sort(tail.begin(), tail.end());
    return tail[tail.size() / 2];
  }
  double peak() {
    stop();
    double m = current_rss_mb();
    for (double v : samples_) m = std::max(m, v);
    return m;
  }

 private:
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::vector<double> samples_;
  std::thread thread_;
};

inline double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

// Percentile (0..100) of nanosecond samples, in microseconds.
inline double percentile_us(std::vector<uint32_t>& ns, double p) {
  if (ns.empty()) return 0;
  const size_t k = std::min(ns.size() - 1, static_cast<size_t>(p / 100.0 * static_cast<double>(ns.size())));
  std::nth_element(ns.begin(), ns.begin() + static_cast<long>(k), ns.end());
  return ns[k] / 1000.0;
}

// One result: a name and ordered key=value fields, printed as one line
// "RESULT<TAB>name<TAB>k=v<TAB>..." (values without tabs or newlines).
class Record {
 public:
  explicit Record(std::string name) : name_(std::move(name)) {}
  Record& set(const std::string& k, double v) { return set(k, fmt::format("{:.6g}", v)); }
  Record& set(const std::string& k, uint64_t v) { return set(k, std::to_string(v)); }
  Record& set(const std::string& k, int v) { return set(k, std::to_string(v)); }
  Record& set(const std::string& k, const std::string& v) {
    for (auto& kv : fields_) {
      if (kv.first == k) {
        kv.second = v;
        return *this;
      }
    }
    fields_.emplace_back(k, v);
    return *this;
  }
  Record& set(const std::string& k, const char* v) { return set(k, std::string(v)); }
  void print() const {
    std::string line = "RESULT\t" + name_;
    for (const auto& [k, v] : fields_) line += "\t" + k + "=" + v;
    std::puts(line.c_str());
    std::fflush(stdout);
  }

 private:
  std::string name_;
  std::vector<std::pair<std::string, std::string>> fields_;
};

}  // namespace naap::bench
