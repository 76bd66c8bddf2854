// Fuzzes the dispatcher end to end, including the JSON the tool and UI read: never crashes,
// Unsupported always says "unsupported QR code", messages hold no payload text.
#include <string_view>

#include "fuzz_check.hpp"
#include "payload/payload_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, size_t size) {
  auto r = diemquet::parsePayload(std::string_view(reinterpret_cast<const char*>(data), size));
  std::string line = diemquet::toJsonLine(r);
  DQ_FUZZ_CHECK(!line.empty() && line.front() == '{', "JSON line");
  if (!r) {
    if (r.error().kind == diemquet::ErrorKind::Unsupported)
      DQ_FUZZ_CHECK(r.error().message == "unsupported QR code", "fixed Unsupported message");
    DQ_FUZZ_CHECK(r.error().message.find('|') == std::string::npos, "message holds no payload text");
  } else if (r->kind != diemquet::PayloadKind::Poster) {
    DQ_FUZZ_CHECK(!r->person.key.empty(), "a person has a key");
  }
  return 0;
}
