// The chip citizen ID card (CCCD, 2021–2024) and the 2024 "Căn cước" card: their QR text and
// the variants readers produce (formats.md).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "fields.hpp"
#include "result.hpp"

namespace diemquet {

enum class Sex { Male, Female };
// "Nam" / "Nữ", as printed on cards.
std::string_view toString(Sex s);

// Which shape of the QR text the card came in.
enum class CccdVariant {
  Standard,      // 7 fields
  TrailingEmpty, // the 2024 card: 7 fields plus empty ones at the end
  SixField,      // re-encoded by some apps: no OLD_CMND, dd/MM/yyyy dates
  WithExpiry,    // an 8th field with the expiry date
};
std::string_view toString(CccdVariant v);

struct CccdCard {
  std::string id;     // 12 digits
  std::string oldId;  // the old CMND number (digits) or empty
  std::string name;
  CardDate birthDate;
  Sex sex = Sex::Male;
  std::string address;
  CardDate issueDate;
  CardDate expiryDate;  // empty unless the reader gave one
  CccdVariant variant = CccdVariant::Standard;
  // Consistency findings staff should look at; the card is still accepted (see parseCccd).
  std::vector<std::string> warnings;
};

// Parses NFC text already split on '|'. Errors: Malformed (field count or shape),
// InvalidCccd (ID not 12 digits), InvalidDate, MangledText (diacritics dropped: "Nu" for
// "Nữ", or an ASCII-only address).
//
// The 4th ID digit encodes sex and century, the 5th-6th the birth year's last two digits.
// A mismatch with the sex or birth date fields is a WARNING, not an error: the number is
// assigned at birth registration and stays when a record is later corrected (sex or
// birth date amended by a court or a registry fix), and the venue cannot settle that at the
// door. Staff see the warning beside the card details and can compare with the person.
Result<CccdCard> parseCccd(const std::vector<std::string_view>& fields);

// The ID's century/sex digit for a birth year and sex (0/1 for 1900-1999, 2/3 for 2000-2099,
// ...), or -1 if the year is out of the scheme's range.
int cccdCenturySexDigit(int birthYear, Sex sex);

}  // namespace diemquet
