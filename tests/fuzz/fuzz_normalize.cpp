// Fuzzes scan normalisation and NFC: valid UTF-8 out, NFC idempotent, mangled check total.
#include <string_view>

#include "fuzz_check.hpp"
#include "payload/mangled.hpp"
#include "payload/normalize.hpp"
#include "text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, size_t size) {
  std::string_view raw(reinterpret_cast<const char*>(data), size);
  auto r = diemquet::payload::normalizeScan(raw);
  if (!r) return 0;
  const std::string& s = r.value();
  DQ_FUZZ_CHECK(diemquet::text::isValidUtf8(s), "NFC output is valid UTF-8");
  DQ_FUZZ_CHECK(diemquet::payload::toNfc(s) == s, "NFC is idempotent");
  (void)diemquet::payload::looksMangled(s);
  (void)diemquet::payload::looksStrippedAddress(s);
  return 0;
}
