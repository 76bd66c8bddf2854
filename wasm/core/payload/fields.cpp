// Splitting, dates, hex text and text-field checks shared by the card parsers.
#include "fields.hpp"

#include <cstdio>

#include "hex.hpp"
#include "normalize.hpp"
#include "text.hpp"
#include "time.hpp"

namespace diemquet {

std::string CardDate::iso() const {
  if (year == 0) return {};
  char buf[16];
  if (month == 0) {
    std::snprintf(buf, sizeof buf, "%04d", year);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  }
  return buf;
}

bool operator<(const CardDate& a, const CardDate& b) {
  auto key = [](const CardDate& d) { return d.year * 10000 + (d.month ? d.month : 1) * 100 + (d.day ? d.day : 1); };
  return key(a) < key(b);
}

}  // namespace diemquet

namespace diemquet::payload {
namespace {

int number(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

std::optional<CardDate> makeDate(std::string_view y, std::string_view m, std::string_view d) {
  if (!isDigits(y, 4, 4) || !isDigits(m, 2, 2) || !isDigits(d, 2, 2)) return std::nullopt;
  CardDate date{number(y), number(m), number(d)};
  if (date.year < 1900 || date.year > 2099 || !isValidDate(date.year, date.month, date.day)) return std::nullopt;
  return date;
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::vector<std::string_view> splitFields(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (;;) {
    size_t p = s.find(sep, start);
    if (p == std::string_view::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, p - start));
    start = p + 1;
  }
}

bool isDigits(std::string_view s, size_t minLen, size_t maxLen) {
  return s.size() >= minLen && s.size() <= maxLen && text::isAllDigits(s);
}

std::optional<CardDate> parseCompactDate(std::string_view s) {
  if (s.size() != 8) return std::nullopt;
  return makeDate(s.substr(4, 4), s.substr(2, 2), s.substr(0, 2));
}

std::optional<CardDate> parseSlashDate(std::string_view s) {
  if (s.size() != 10 || s[2] != '/' || s[5] != '/') return std::nullopt;
  return makeDate(s.substr(6, 4), s.substr(3, 2), s.substr(0, 2));
}

std::optional<CardDate> parseIsoDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  return makeDate(s.substr(0, 4), s.substr(5, 2), s.substr(8, 2));
}

std::optional<CardDate> parseYear(std::string_view s) {
  if (!isDigits(s, 4, 4)) return std::nullopt;
  int y = number(s);
  if (y < 1900 || y > 2099) return std::nullopt;
  return CardDate{y, 0, 0};
}

bool isHex(std::string_view s) {
  if (s.empty() || s.size() % 2 != 0) return false;
  for (char c : s)
    if (hexValue(c) < 0) return false;
  return true;
}

std::optional<std::string> decodeHexText(std::string_view hex) {
  if (!isHex(hex)) return std::nullopt;
  std::string bytes;
  bytes.reserve(hex.size() / 2);
  for (size_t i = 0; i < hex.size(); i += 2) bytes.push_back(char(hexValue(hex[i]) * 16 + hexValue(hex[i + 1])));
  if (!text::isValidUtf8(bytes) || text::hasControlChars(bytes)) return std::nullopt;
  return toNfc(bytes);
}

std::string encodeHexText(std::string_view utf8) {
  return toHex(utf8);
}

Result<std::string> cleanText(std::string_view s, const char* field, size_t maxCodePoints) {
  if (text::hasControlChars(s)) return makeError(ErrorKind::Malformed, "control character in a text field", field);
  std::string t = text::squeezeSpaces(s);
  if (t.empty()) return makeError(ErrorKind::Malformed, "empty text field", field);
  if (text::codePointCount(t) > maxCodePoints) return makeError(ErrorKind::Malformed, "text field is too long", field);
  return t;
}

}  // namespace diemquet::payload
