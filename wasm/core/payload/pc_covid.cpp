// PC-Covid QR parsing (fields per viiftw/PCcovid-QRcode-parser's documented order).
#include "pc_covid.hpp"

namespace diemquet {

namespace {
bool isIdKind(std::string_view s) {
  if (s.empty() || s.size() > payload::kMaxCardIdKindLength) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' || c == '_')) return false;
  return true;
}
}  // namespace

Result<PcCovidCard> parsePcCovid(const std::vector<std::string_view>& f) {
  if (f.size() != 6) return makeError(ErrorKind::Malformed, "a PC-Covid code has 6 fields");
  PcCovidCard card;
  if (!payload::isDigits(f[0], 9, 12)) return makeError(ErrorKind::Malformed, "ID number must be 9 to 12 digits", "idNumber");
  card.idNumber = std::string(f[0]);
  auto name = payload::cleanText(f[1], "name", payload::kMaxCardNameCodePoints);
  if (!name) return name.error();
  card.name = name.value();
  auto dob = payload::parseIsoDate(f[2]);
  if (!dob) return makeError(ErrorKind::InvalidDate, "date of birth is not a valid yyyy-MM-dd date", "birthDate");
  card.birthDate = *dob;
  // Seen both as a number and as text ("CCCD", "CMND") in 2021's app versions.
  if (!isIdKind(f[3])) return makeError(ErrorKind::Malformed, "ID kind must be a number or a word like CCCD", "idKind");
  card.idKind = std::string(f[3]);
  if (!payload::isDigits(f[4], 1, 32)) return makeError(ErrorKind::Malformed, "QID must be digits", "qid");
  card.qid = std::string(f[4]);
  if (f[5].size() > 64) return makeError(ErrorKind::Malformed, "extension field too long", "ext");
  card.ext = std::string(f[5]);
  return card;
}

}  // namespace diemquet
