// The fold table covers the letters Vietnamese writes (Latin-1, Latin Extended-A/B and the
// Latin Extended Additional block U+1EA0-U+1EF9), which is every name in the area lists.
#include "search_fold.hpp"

#include <cstdint>
#include <unordered_map>

#include "text.hpp"

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
      for (size_t i = 0; i < s.size();) t[uint32_t(text::nextCodePoint(s, i))] = base;
    }
    return t;
  }();
  return table;
}

}  // namespace

std::string foldForSearch(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  bool space = true;  // no leading space
  for (size_t i = 0; i < utf8.size();) {
    const uint32_t cp = text::nextCodePoint(utf8, i);
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
