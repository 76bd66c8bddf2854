// Fuzzes the visitor pass parser, and checks that every pass it accepts re-encodes to the
// same text (the format has one spelling per pass once normalised).
#include <string_view>

#include "fuzz_check.hpp"
#include "payload/normalize.hpp"
#include "payload/visitor_pass.hpp"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, size_t size) {
  auto norm = diemquet::payload::normalizeScan(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!norm) return 0;
  auto r = diemquet::parseVisitorPass(norm.value());
  if (!r) return 0;
  auto again = diemquet::encodeVisitorPass(r.value());
  DQ_FUZZ_CHECK(again.ok(), "an accepted pass can be encoded");
  auto back = diemquet::parseVisitorPass(again.value());
  DQ_FUZZ_CHECK(back.ok(), "an encoded pass parses");
  DQ_FUZZ_CHECK(back->passId == r->passId && back->name == r->name && back->phone == r->phone &&
                    back->birthYear == r->birthYear,
                "round trip keeps every field");
  return 0;
}
