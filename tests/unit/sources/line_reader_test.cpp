#include "sources/line_reader.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace {

std::string write_temp(const std::string& content) {
  char path[] = "/tmp/naap_line_reader_XXXXXX";
  const int fd = mkstemp(path);
  EXPECT_GE(fd, 0);
  FILE* f = fdopen(fd, "wb");
  std::fwrite(content.data(), 1, content.size(), f);
  std::fclose(f);
  return path;
}

struct Got {
  std::string bytes;
  uint64_t number, original_size;
};

std::vector<Got> read_all(const std::string& content, size_t max_line = 1 << 20) {
  const std::string path = write_temp(content);
  naap::sources::LineReader r(path, max_line);
  std::vector<Got> out;
  naap::sources::Line l;
  while (r.next(l)) out.push_back({std::string(l.bytes), l.number, l.original_size});
  std::remove(path.c_str());
  return out;
}

TEST(LineReader, SplitsLinesAndKeepsEmptyOnes) {
  auto got = read_all("a\n\nbc\r\nlast");
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got[0].bytes, "a");
  EXPECT_EQ(got[1].bytes, "");
  EXPECT_EQ(got[2].bytes, "bc");
  EXPECT_EQ(got[2].original_size, 2u);
  EXPECT_EQ(got[3].bytes, "last");
  EXPECT_EQ(got[3].number, 4u);
}

TEST(LineReader, EmptyInputHasNoLines) { EXPECT_TRUE(read_all("").empty()); }

TEST(LineReader, BinaryBytesAndNulsPassThrough) {
  std::string bin("\x00\xff\xfe{\x01", 5);
  auto got = read_all(bin + "\n" + "x");
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].bytes, bin);
  EXPECT_EQ(got[1].bytes, "x");
}

TEST(LineReader, LinesLongerThanTheBufferAreWhole) {
  std::string big(3u << 20, 'q');  // 3 MiB, larger than the 1 MiB read buffer
  auto got = read_all("s\n" + big + "\nt\n", 16u << 20);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[1].bytes.size(), big.size());
  EXPECT_EQ(got[1].original_size, big.size());
  EXPECT_EQ(got[2].bytes, "t");
  EXPECT_EQ(got[2].number, 3u);
}

TEST(LineReader, OverlongLinesAreCutAndFlagged) {
  std::string big(5u << 20, 'z');
  auto got = read_all(big + "\nafter", 1u << 20);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].bytes.size(), 1u << 20);
  EXPECT_EQ(got[0].original_size, big.size());
  EXPECT_EQ(got[1].bytes, "after");
}

TEST(LineReader, MissingFileIsOneClearError) {
  try {
    naap::sources::LineReader r("/nonexistent/naap/input.jsonl");
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()),
              "cannot open input '/nonexistent/naap/input.jsonl': No such file or directory");
  }
}

}  // namespace
