// Text normalisation applied to every scan before any parser sees it (formats.md): strip a
// leading BOM and trailing CR/LF/NUL, refuse invalid UTF-8, compose to Unicode NFC.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "result.hpp"

namespace diemquet::payload {

// The scan text as parsers expect it. Invalid UTF-8 is Unsupported: no card we read carries
// it, and guessing an encoding would let mangled text through as a "valid" name.
Result<std::string> normalizeScan(std::string_view raw);

// NFC for Latin text with the Vietnamese marks (grave, acute, tilde, hook above, dot below,
// circumflex, breve, horn, in any order and any mix of precomposed and combining). Other
// scripts pass through unchanged, which is NFC for everything a Vietnamese card carries.
// Expects valid UTF-8.
std::string toNfc(std::string_view utf8);

}  // namespace diemquet::payload
