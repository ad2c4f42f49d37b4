#include "ingest/capability_catalog.hpp"

#include <array>

namespace naap::ingest {

namespace {

struct Entry {
  std::string_view name;
  std::string_view group;
};

constexpr std::string_view kTranscoding = "transcoding";
constexpr std::string_view kStorage = "storage";
constexpr std::string_view kInference = "inference";

// Indexed by capability id; ids 0..36 are all present.
constexpr std::array<Entry, 37> kCatalog = {{
    {"H.264", kTranscoding},                                     // 0
    {"MPEGTS", kTranscoding},                                    // 1
    {"MP4", kTranscoding},                                       // 2
    {"Fractional framerates", kTranscoding},                     // 3
    {"Storage direct", kStorage},                                // 4
    {"Storage S3", kStorage},                                    // 5
    {"Storage GCS", kStorage},                                   // 6
    {"H264 Baseline profile", kTranscoding},                     // 7
    {"H264 Main profile", kTranscoding},                         // 8
    {"H264 High profile", kTranscoding},                         // 9
    {"H264 Constrained, Contained High profile", kTranscoding},  // 10
    {"GOP", kTranscoding},                                       // 11
    {"Auth token", "auth"},                                      // 12
    {"Scene classification", "deprecated"},                      // 13
    {"MPEG7 signature", kTranscoding},                           // 14
    {"HEVC decode", kTranscoding},                               // 15
    {"HEVC encode", kTranscoding},                               // 16
    {"VP8 decode", kTranscoding},                                // 17
    {"VP9 decode", kTranscoding},                                // 18
    {"VP8 encode", kTranscoding},                                // 19
    {"VP9 encode", kTranscoding},                                // 20
    {"H264 Decode YUV444 8-bit", kTranscoding},                  // 21
    {"H264 Decode YUV422 8-bit", kTranscoding},                  // 22
    {"H264 Decode YUV444 10-bit", kTranscoding},                 // 23
    {"H264 Decode YUV422 10-bit", kTranscoding},                 // 24
    {"H264 Decode YUV420 10-bit", kTranscoding},                 // 25
    {"Segment slicing", kTranscoding},                           // 26
    {"Text to image", kInference},                               // 27
    {"Image to image", kInference},                              // 28
    {"Image to video", kInference},                              // 29
    {"Upscale", kInference},                                     // 30
    {"Audio to text", kInference},                               // 31
    {"Segment anything 2", kInference},                          // 32
    {"Llm", kInference},                                         // 33
    {"Image to text", kInference},                               // 34
    {"Live video to video", "live-video"},                       // 35
    {"Text to speech", kInference},                              // 36
}};

constexpr std::string_view kUnknown = "unknown";

}  // namespace

CapabilityInfo resolve_capability(std::optional<int32_t> id) {
  if (!id) return {-1, kUnknown, kUnknown};
  if (*id >= 0 && static_cast<size_t>(*id) < kCatalog.size()) {
    const Entry& e = kCatalog[static_cast<size_t>(*id)];
    return {*id, e.name, e.group};
  }
  return {*id, kUnknown, kUnknown};
}

}  // namespace naap::ingest
