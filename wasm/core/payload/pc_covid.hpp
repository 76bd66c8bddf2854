// The legacy PC-Covid personal QR (2021): `ID_NUMBER|FULL NAME|DOB yyyy-MM-dd|ID_KIND|QID|EXT`.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "fields.hpp"
#include "result.hpp"

namespace diemquet {

struct PcCovidCard {
  std::string idNumber;  // CCCD (12) or CMND (9) digits; shown masked (masking.hpp)
  std::string name;
  CardDate birthDate;
  std::string idKind;    // digits, or a word ("CCCD", "CMND"); meaning not public
  std::string qid;       // digits
  std::string ext;       // opaque
};

// Parses NFC text already split on '|' (exactly 6 fields). Errors: Malformed, InvalidDate.
Result<PcCovidCard> parsePcCovid(const std::vector<std::string_view>& fields);

}  // namespace diemquet
