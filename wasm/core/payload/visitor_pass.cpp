// Visitor pass encoding and parsing, with a CRC-32 so altered text is refused, not misread.
#include "visitor_pass.hpp"

#include <cstdio>

#include "fields.hpp"
#include "normalize.hpp"
#include "text.hpp"
#include "validation.hpp"

namespace diemquet {
namespace {

constexpr std::string_view kPrefix = "DQV1|";

bool isPassIdChar(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z' && c != 'I' && c != 'L' && c != 'O' && c != 'U');
}

bool isPassId(std::string_view s) {
  if (s.size() < 8 || s.size() > 16) return false;
  for (char c : s)
    if (!isPassIdChar(c)) return false;
  return true;
}

std::string crcHex(std::string_view bytes) {
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", unsigned(crc32(bytes)));
  return buf;
}

Result<std::string> cleanName(std::string_view raw) {
  if (!text::isValidUtf8(raw) || text::hasControlChars(raw) || raw.find('|') != std::string_view::npos)
    return makeError(ErrorKind::InvalidText, "name contains characters a pass cannot carry", "name");
  std::string name = text::squeezeSpaces(payload::toNfc(raw));
  if (name.empty()) return makeError(ErrorKind::EmptyName, "name is empty", "name");
  if (text::codePointCount(name) > kMaxNameCodePoints) return makeError(ErrorKind::NameTooLong, "name is too long", "name");
  return name;
}

}  // namespace

uint32_t crc32(std::string_view bytes) {
  uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char b : bytes) {
    crc ^= b;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

Result<std::string> encodeVisitorPass(const VisitorPass& pass) {
  if (!isPassId(pass.passId)) return makeError(ErrorKind::Malformed, "pass id must be 8-16 base-32 characters", "passId");
  auto name = cleanName(pass.name);
  if (!name) return name.error();
  std::string phone;
  if (!pass.phone.empty()) {
    auto p = normalizePhone(pass.phone);
    if (!p) return p.error();
    phone = p.value();
  }
  if (pass.birthYear != 0 && (pass.birthYear < 1900 || pass.birthYear > 2099))
    return makeError(ErrorKind::Malformed, "birth year out of range", "birthYear");
  std::string body = std::string(kPrefix) + pass.passId + "|" + name.value() + "|" + phone + "|" +
                     (pass.birthYear ? std::to_string(pass.birthYear) : std::string()) + "|";
  return body + crcHex(body);
}

Result<VisitorPass> parseVisitorPass(std::string_view text) {
  if (text.substr(0, kPrefix.size()) != kPrefix) return makeError(ErrorKind::Unsupported, "unsupported QR code");
  auto f = payload::splitFields(text);
  if (f.size() != 6) return makeError(ErrorKind::Malformed, "a visitor pass has 6 fields");
  // The checksum covers everything up to and including the last '|'.
  std::string_view body = text.substr(0, text.size() - f[5].size());
  std::string given;
  for (char c : f[5]) given.push_back(c >= 'A' && c <= 'F' ? char(c - 'A' + 'a') : c);
  if (given.size() != 8 || given != crcHex(body))
    return makeError(ErrorKind::BadChecksum,
                     "the pass text was altered (checksum mismatch); scan it with the camera, not a keyboard-mode scanner");
  VisitorPass pass;
  if (!isPassId(f[1])) return makeError(ErrorKind::Malformed, "pass id must be 8-16 base-32 characters", "passId");
  pass.passId = std::string(f[1]);
  auto name = cleanName(f[2]);
  if (!name) return name.error();
  pass.name = name.value();
  if (!f[3].empty()) {
    auto p = normalizePhone(std::string(f[3]));
    if (!p) return p.error();
    pass.phone = p.value();
  }
  if (!f[4].empty()) {
    auto y = payload::parseYear(f[4]);
    if (!y) return makeError(ErrorKind::Malformed, "birth year must be 4 digits", "birthYear");
    pass.birthYear = y->year;
  }
  return pass;
}

bool isVisitorPassId(std::string_view s) { return isPassId(s); }

}  // namespace diemquet
