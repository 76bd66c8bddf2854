// BHYT QR parsing: position-based, hex text only where the format puts it.
#include "bhyt.hpp"

namespace diemquet {
namespace {

using payload::isDigits;

Error hexError(const char* field) {
  return makeError(ErrorKind::InvalidHex, "field is not valid hex-encoded UTF-8 text", field);
}

// '-' or hex text; '-' gives "".
Result<std::string> optionalHex(std::string_view s, const char* field, size_t maxCodePoints) {
  if (s == "-") return std::string();
  auto t = payload::decodeHexText(s);
  if (!t) return hexError(field);
  auto c = payload::cleanText(*t, field, maxCodePoints);
  if (!c) return c.error();
  return c.value();
}

Result<CardDate> requiredDate(std::string_view s, const char* field) {
  if (auto d = payload::parseSlashDate(s)) return *d;
  return makeError(ErrorKind::InvalidDate, "not a valid dd/MM/yyyy date", field);
}

Result<CardDate> optionalDate(std::string_view s, const char* field) {
  if (s == "-" || s.empty()) return CardDate{};
  return requiredDate(s, field);
}

bool isClinic(std::string_view s) {
  size_t dash = s.find('-');
  if (dash == std::string_view::npos) return false;
  std::string_view a = s.substr(0, dash), b = s.substr(dash + 1);
  while (!a.empty() && a.back() == ' ') a.remove_suffix(1);
  while (!b.empty() && b.front() == ' ') b.remove_prefix(1);
  return isDigits(a, 1, 5) && isDigits(b, 1, 5);
}

bool isOpaque(std::string_view s) { return !s.empty() && s.size() <= 64; }

}  // namespace

bool isBhytCardNumberA(std::string_view s) {
  return s.size() == 15 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' && s[2] >= '1' && s[2] <= '5' &&
         isDigits(s.substr(3), 12, 12);
}

bool isBhytCardNumberB(std::string_view s) { return isDigits(s, 10, 10); }

Result<BhytCard> parseBhyt(const std::vector<std::string_view>& t) {
  BhytCard card;
  if (t.size() == 15 && isBhytCardNumberA(t[0])) card.layout = 'A';
  else if (t.size() == 17 && isBhytCardNumberB(t[0])) card.layout = 'B';
  else if (t.size() != 15 && t.size() != 17)
    return makeError(ErrorKind::Malformed, "a BHYT code has 15 or 17 fields");
  else return makeError(ErrorKind::Malformed, "BHYT card number does not match its layout", "cardNumber");
  if (t.back() != "$") return makeError(ErrorKind::Malformed, "a BHYT code ends with '$'");
  card.cardNumber = std::string(t[0]);

  auto name = payload::decodeHexText(t[1]);
  if (!name) return hexError("name");
  auto cleanName = payload::cleanText(*name, "name", payload::kMaxCardNameCodePoints);
  if (!cleanName) return cleanName.error();
  card.name = cleanName.value();

  if (auto d = payload::parseSlashDate(t[2])) card.birthDate = *d;
  else if (auto y = payload::parseYear(t[2])) card.birthDate = *y;
  else return makeError(ErrorKind::InvalidDate, "date of birth is not dd/MM/yyyy or yyyy", "birthDate");

  if (t[3] == "1") card.sex = Sex::Male;
  else if (t[3] == "2") card.sex = Sex::Female;
  else return makeError(ErrorKind::Malformed, "sex must be 1 or 2", "sex");

  if (card.layout == 'B' && t[4] != "-") return makeError(ErrorKind::Malformed, "layout B has no address", "address");
  auto address = optionalHex(t[4], "address", payload::kMaxCardAddressCodePoints);
  if (!address) return address.error();
  card.address = address.value();

  if (!isClinic(t[5])) return makeError(ErrorKind::Malformed, "clinic code is not 'PP - NNN'", "clinic");
  card.clinic = std::string(t[5]);

  auto from = requiredDate(t[6], "validFrom");
  if (!from) return from.error();
  card.validFrom = from.value();
  auto to = optionalDate(t[7], "validTo");
  if (!to) return to.error();
  card.validTo = to.value();
  if (!card.validTo.empty() && card.validTo < card.validFrom)
    return makeError(ErrorKind::InvalidDate, "valid-to date is before valid-from", "validTo");
  auto issued = requiredDate(t[8], "issueDate");
  if (!issued) return issued.error();
  card.issueDate = issued.value();

  if (!isDigits(t[9], 14, 14)) return makeError(ErrorKind::Malformed, "management code must be 14 digits", "managementCode");
  card.managementCode = std::string(t[9]);
  auto guardian = optionalHex(t[10], "guardianName", payload::kMaxCardNameCodePoints);
  if (!guardian) return guardian.error();
  card.guardianName = guardian.value();
  if (!isOpaque(t[11])) return makeError(ErrorKind::Malformed, "code field is empty", "code11");
  card.code11 = std::string(t[11]);

  std::string_view five = t[12];
  while (!five.empty() && five.front() == ' ') five.remove_prefix(1);  // layout B pads it
  auto fiveYear = optionalDate(five, "fiveYearDate");
  if (!fiveYear) return fiveYear.error();
  card.fiveYearDate = fiveYear.value();
  if (!isOpaque(t[13])) return makeError(ErrorKind::Malformed, "check string is empty", "checkString");
  card.checkString = std::string(t[13]);

  if (card.layout == 'B') {
    if (!isOpaque(t[14])) return makeError(ErrorKind::Malformed, "code field is empty", "code14");
    card.code14 = std::string(t[14]);
    auto place = optionalHex(t[15], "issuingPlace", payload::kMaxCardAddressCodePoints);
    if (!place) return place.error();
    card.issuingPlace = place.value();
  }
  return card;
}

}  // namespace diemquet
