#include "masking.hpp"

#include <vector>

namespace diemquet {

namespace {
const std::string kDot = "\xE2\x80\xA2";  // U+2022 bullet
std::string dots(size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s += kDot;
  return s;
}
}  // namespace

std::string maskId(std::string_view id) {
  if (id.size() <= 4) return dots(id.size());
  return dots(id.size() - 4) + std::string(id.substr(id.size() - 4));
}

std::string maskPhone(std::string_view phone) {
  if (phone.size() < 7) return dots(phone.size());
  return std::string(phone.substr(0, 3)) + dots(phone.size() - 6) + std::string(phone.substr(phone.size() - 3));
}

std::string maskName(std::string_view name) {
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < name.size()) {
    while (i < name.size() && name[i] == ' ') ++i;
    size_t end = name.find(' ', i);
    if (end == std::string_view::npos) end = name.size();
    if (end > i) words.push_back(name.substr(i, end - i));
    i = end;
  }
  if (words.empty()) return {};
  std::string out;
  for (size_t w = 0; w + 1 < words.size(); ++w) {
    // The word's first character: a UTF-8 lead byte and its continuation bytes.
    size_t len = 1;
    while (len < words[w].size() && (static_cast<unsigned char>(words[w][len]) & 0xC0) == 0x80) ++len;
    out += std::string(words[w].substr(0, len)) + ". ";
  }
  return out + std::string(words.back());
}

std::string redactForLog(std::string_view value) {
  if (value.size() <= 2) return "[" + std::to_string(value.size()) + " chars]";
  return "[" + std::to_string(value.size()) + " chars, ..." + std::string(value.substr(value.size() - 2)) + "]";
}

}  // namespace diemquet
