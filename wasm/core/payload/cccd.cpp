// CCCD QR parsing: field layout, variants, dates, and the ID's sex/century consistency check.
#include "cccd.hpp"

#include "mangled.hpp"

namespace diemquet {
namespace {

using payload::isDigits;

std::optional<CardDate> parseCardDate(std::string_view s) {
  if (auto d = payload::parseCompactDate(s)) return d;
  return payload::parseSlashDate(s);
}

bool allEmpty(const std::vector<std::string_view>& f, size_t from) {
  for (size_t i = from; i < f.size(); ++i)
    if (!f[i].empty()) return false;
  return true;
}

}  // namespace

std::string_view toString(Sex s) { return s == Sex::Male ? "Nam" : "Nữ"; }

std::string_view toString(CccdVariant v) {
  switch (v) {
    case CccdVariant::Standard: return "standard";
    case CccdVariant::TrailingEmpty: return "trailingEmpty";
    case CccdVariant::SixField: return "sixField";
    case CccdVariant::WithExpiry: return "withExpiry";
  }
  return "standard";
}

int cccdCenturySexDigit(int birthYear, Sex sex) {
  if (birthYear < 1900 || birthYear > 2399) return -1;
  int century = (birthYear - 1900) / 100;  // 0 for the 1900s, 1 for the 2000s, ...
  return century * 2 + (sex == Sex::Female ? 1 : 0);
}

Result<CccdCard> parseCccd(const std::vector<std::string_view>& f) {
  CccdCard card;
  // Map the variant onto the 7 standard positions: id, old, name, dob, sex, address, issue.
  std::string_view id, oldId, name, dob, sex, address, issue, expiry;
  if (f.size() == 6) {
    card.variant = CccdVariant::SixField;
    id = f[0], name = f[1], dob = f[2], sex = f[3], address = f[4], issue = f[5];
  } else if (f.size() >= 7 && f.size() <= 12) {
    id = f[0], oldId = f[1], name = f[2], dob = f[3], sex = f[4], address = f[5], issue = f[6];
    if (f.size() > 7) {
      if (!f[7].empty() && allEmpty(f, 8)) {
        card.variant = CccdVariant::WithExpiry;
        expiry = f[7];
      } else if (allEmpty(f, 7)) {
        card.variant = CccdVariant::TrailingEmpty;
      } else {
        return makeError(ErrorKind::Malformed, "unexpected extra fields in a CCCD code");
      }
    }
  } else {
    return makeError(ErrorKind::Malformed, "a CCCD code has 7 fields");
  }

  if (!isDigits(id, 12, 12)) return makeError(ErrorKind::InvalidCccd, "CCCD number must be exactly 12 digits", "id");
  card.id = std::string(id);
  if (!oldId.empty() && !isDigits(oldId, 1, 12))
    return makeError(ErrorKind::Malformed, "old ID number must be digits", "oldId");
  card.oldId = std::string(oldId);

  // Dropped diacritics show first in the sex field ("Nu") and the address ("Phuong", "Tinh").
  if (sex == "Nu" || sex == "NU" || payload::looksStrippedAddress(address))
    return makeError(ErrorKind::MangledText,
                     "the Vietnamese letters were dropped, probably by a keyboard-mode barcode scanner; "
                     "scan with the camera or set the scanner to send Unicode",
                     "address");
  if (sex == "Nam") card.sex = Sex::Male;
  else if (sex == "Nữ") card.sex = Sex::Female;
  else return makeError(ErrorKind::Malformed, "sex must be Nam or Nữ", "sex");

  auto n = payload::cleanText(name, "name", payload::kMaxCardNameCodePoints);
  if (!n) return n.error();
  card.name = n.value();
  auto a = payload::cleanText(address, "address", payload::kMaxCardAddressCodePoints);
  if (!a) return a.error();
  card.address = a.value();

  auto b = parseCardDate(dob);
  if (!b) return makeError(ErrorKind::InvalidDate, "date of birth is not a valid date", "birthDate");
  card.birthDate = *b;
  auto i = parseCardDate(issue);
  if (!i) return makeError(ErrorKind::InvalidDate, "issue date is not a valid date", "issueDate");
  card.issueDate = *i;
  if (card.issueDate < card.birthDate)
    return makeError(ErrorKind::InvalidDate, "issue date is before the date of birth", "issueDate");
  if (!expiry.empty()) {
    auto e = parseCardDate(expiry);
    if (!e) return makeError(ErrorKind::InvalidDate, "expiry date is not a valid date", "expiryDate");
    if (*e < card.issueDate)
      return makeError(ErrorKind::InvalidDate, "expiry date is before the issue date", "expiryDate");
    card.expiryDate = *e;
  }

  int expected = cccdCenturySexDigit(card.birthDate.year, card.sex);
  int got = card.id[3] - '0';
  int century = cccdCenturySexDigit(card.birthDate.year, Sex::Male) / 2;
  if (got / 2 != century) card.warnings.push_back("ID number's century digit does not match the date of birth");
  else if (got != expected) card.warnings.push_back("ID number's sex digit does not match the sex field");
  int yy = (card.id[4] - '0') * 10 + (card.id[5] - '0');
  if (yy != card.birthDate.year % 100) card.warnings.push_back("ID number's year digits do not match the date of birth");
  return card;
}

}  // namespace diemquet
