#include "masking.hpp"

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

std::string redactForLog(std::string_view value) {
  if (value.size() <= 2) return "[" + std::to_string(value.size()) + " chars]";
  return "[" + std::to_string(value.size()) + " chars, ..." + std::string(value.substr(value.size() - 2)) + "]";
}

}  // namespace diemquet
