// The health-insurance card (BHYT) QR text: layout A (15-character card number, 15 tokens) and
// layout B (10-digit social-insurance number, 17 tokens), as in formats.md.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "cccd.hpp"
#include "fields.hpp"
#include "result.hpp"

namespace diemquet {

struct BhytCard {
  char layout = 'A';
  std::string cardNumber;      // A: [A-Z]{2}[1-5]\d{12}; B: 10 digits
  std::string name;            // decoded from hex
  CardDate birthDate;          // may be year only
  Sex sex = Sex::Male;
  std::string address;         // decoded; empty in layout B or when '-'
  std::string clinic;          // first-registered clinic, "PP - NNN"
  CardDate validFrom;
  CardDate validTo;            // empty when '-'
  CardDate issueDate;
  std::string managementCode;  // 14 digits
  std::string guardianName;    // decoded; empty when '-'
  std::string code11;          // meaning not public (seen "4"); kept as text
  CardDate fiveYearDate;       // date of 5 continuous years; empty when '-'
  std::string checkString;     // algorithm not public; opaque
  std::string code14;          // layout B only; opaque
  std::string issuingPlace;    // layout B only; decoded
};

// Parses NFC text already split on '|'. Only name, address, guardian name and issuing place
// are hex-decoded: the numeric fields are valid hex too and would decode to garbage.
// Errors: Malformed (token count, card number, codes, final '$'), InvalidHex, InvalidDate.
Result<BhytCard> parseBhyt(const std::vector<std::string_view>& tokens);

// Card-number shapes, used by the dispatcher to recognise a BHYT code.
bool isBhytCardNumberA(std::string_view s);
bool isBhytCardNumberB(std::string_view s);

}  // namespace diemquet
