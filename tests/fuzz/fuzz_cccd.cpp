// Fuzzes the CccdCard parser on normalised, split text: never crashes, and what it accepts has
// valid UTF-8 text and real dates.
#include <string_view>

#include "fuzz_check.hpp"
#include "payload/cccd.hpp"
#include "payload/normalize.hpp"
#include "text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, size_t size) {
  auto norm = diemquet::payload::normalizeScan(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!norm) return 0;
  auto r = diemquet::parseCccd(diemquet::payload::splitFields(norm.value()));
  if (!r) {
    DQ_FUZZ_CHECK(!r.error().message.empty(), "errors carry a message");
    return 0;
  }
  DQ_FUZZ_CHECK(diemquet::text::isValidUtf8(r->name), "name is UTF-8");
  DQ_FUZZ_CHECK(!r->name.empty(), "name is not empty");
  DQ_FUZZ_CHECK(r->birthDate.year >= 1900 && r->birthDate.year <= 2099, "birth year in range");
  return 0;
}
