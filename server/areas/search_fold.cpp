// The fold table covers the letters Vietnamese writes (Latin-1, Latin Extended-A/B and the
// Latin Extended Additional block U+1EA0-U+1EF9), which is every name in the area lists.
#include "search_fold.hpp"

#include <cstdint>
#include <unordered_map>

namespace diemquet::server::areas {

namespace {

// Each group: the base letter and the UTF-8 letters that fold to it (both cases).
const std::unordered_map<uint32_t, char>& foldTable() {
  static const std::unordered_map<uint32_t, char> table = [] {
    const std::pair<char, const char*> groups[] = {
        {'a', "àáảãạăằắẳẵặâầấẩẫậÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬäåÄÅ"},
        {'e', "èéẻẽẹêềếểễệÈÉẺẼẸÊỀẾỂỄỆëË"},
        {'i', "ìíỉĩịÌÍỈĨỊïîÏÎ"},
        {'o', "òóỏõọôồốổỗộơờớởỡợÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢöÖ"},
        {'u', "ùúủũụưừứửữựÙÚỦŨỤƯỪỨỬỮỰüûÜÛ"},
        {'y', "ỳýỷỹỵỲÝỶỸỴ"},
        {'d', "đĐ"},
    };
    std::unordered_map<uint32_t, char> t;
    for (const auto& [base, letters] : groups) {
      std::string_view s(letters);
      for (size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const int n = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        uint32_t cp = c & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
        for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + size_t(k)]) & 0x3F);
        t[cp] = base;
        i += size_t(n);
      }
    }
    return t;
  }();
  return table;
}

// Decodes one code point at s[i]; returns 0xFFFFFFFF for an invalid sequence (one byte used).
uint32_t decode(std::string_view s, size_t& i) {
  const auto c = static_cast<unsigned char>(s[i]);
  int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  if (n == 0 || i + size_t(n) > s.size()) {
    ++i;
    return 0xFFFFFFFF;
  }
  uint32_t cp = n == 1 ? c : c & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
  for (int k = 1; k < n; ++k) {
    const auto b = static_cast<unsigned char>(s[i + size_t(k)]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return 0xFFFFFFFF;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  i += size_t(n);
  return cp;
}

}  // namespace

std::string foldForSearch(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  bool space = true;  // no leading space
  for (size_t i = 0; i < utf8.size();) {
    const uint32_t cp = decode(utf8, i);
    if (cp >= 0x300 && cp <= 0x36F) continue;  // a combining mark (NFD input): dropped
    char c = 0;
    if (cp < 0x80) {
      const char a = char(cp);
      if (a >= 'A' && a <= 'Z')
        c = char(a - 'A' + 'a');
      else if ((a >= 'a' && a <= 'z') || (a >= '0' && a <= '9'))
        c = a;
    } else if (auto it = foldTable().find(cp); it != foldTable().end()) {
      c = it->second;
    }
    if (c) {
      out += c;
      space = false;
    } else if (!space) {
      out += ' ';
      space = true;
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace diemquet::server::areas
