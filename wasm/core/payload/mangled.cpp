// Heuristics for text a keyboard-wedge scanner or a wrong code page has damaged.
#include "mangled.hpp"

#include <string>
#include <vector>

#include "text.hpp"

namespace diemquet::payload {
namespace {

// The byte a Windows-1252 (or Latin-1) decoder would have read to produce this code point, if
// it is a UTF-8 continuation byte (0x80..0xBF); -1 otherwise.
int continuationByte(char32_t c) {
  if (c >= 0x80 && c <= 0xBF) return int(c);
  switch (c) {
    case 0x20AC: return 0x80; case 0x201A: return 0x82; case 0x0192: return 0x83; case 0x201E: return 0x84;
    case 0x2026: return 0x85; case 0x2020: return 0x86; case 0x2021: return 0x87; case 0x02C6: return 0x88;
    case 0x2030: return 0x89; case 0x0160: return 0x8A; case 0x2039: return 0x8B; case 0x0152: return 0x8C;
    case 0x017D: return 0x8E; case 0x2018: return 0x91; case 0x2019: return 0x92; case 0x201C: return 0x93;
    case 0x201D: return 0x94; case 0x2022: return 0x95; case 0x2013: return 0x96; case 0x2014: return 0x97;
    case 0x02DC: return 0x98; case 0x2122: return 0x99; case 0x0161: return 0x9A; case 0x203A: return 0x9B;
    case 0x0153: return 0x9C; case 0x017E: return 0x9E; case 0x0178: return 0x9F;
    default: return -1;
  }
}

bool isLetter(char32_t c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
         (c >= 0x1E00 && c <= 0x1EFF);
}

}  // namespace

bool looksMangled(std::string_view text) {
  std::vector<char32_t> cps = text::decodeUtf8(text);
  for (size_t i = 0; i < cps.size(); ++i) {
    char32_t c = cps[i];
    if (c == 0xFFFD) return true;
    if (c == '?') {
      bool before = i > 0 && isLetter(cps[i - 1]);
      bool after = i + 1 < cps.size() && isLetter(cps[i + 1]);
      if (before || after) return true;
    }
    // A two-byte lead (0xC2..0xDF) wants one continuation, a three-byte lead (0xE0..0xEF) two.
    size_t need = (c >= 0xC2 && c <= 0xDF) ? 1 : (c >= 0xE0 && c <= 0xEF) ? 2 : 0;
    if (need == 0) continue;
    bool all = true;
    for (size_t k = 1; k <= need && all; ++k) all = i + k < cps.size() && continuationByte(cps[i + k]) >= 0;
    if (all) return true;
  }
  return false;
}

bool looksStrippedAddress(std::string_view address) {
  for (unsigned char c : address)
    if (c >= 0x80) return false;
  static const char* const kWords[] = {"phuong", "huyen", "tinh", "quan", "thanh pho", "thi tran",
                                       "thi xa", "duong", "thon", "ap", "xa", "so"};
  std::string lower;
  for (char c : address) lower.push_back(c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c);
  // Whole words only: "ap" inside "Nhap" does not count.
  auto isWordChar = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  for (const char* w : kWords) {
    std::string_view word(w);
    for (size_t p = lower.find(word); p != std::string::npos; p = lower.find(word, p + 1)) {
      bool startOk = p == 0 || !isWordChar(lower[p - 1]);
      bool endOk = p + word.size() == lower.size() || !isWordChar(lower[p + word.size()]);
      if (startOk && endOk) return true;
    }
  }
  return false;
}

}  // namespace diemquet::payload
