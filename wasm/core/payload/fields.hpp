// Shared pieces of the positional card formats: splitting on '|', card dates, hex-encoded
// UTF-8, and the checks every text field gets.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "result.hpp"

namespace diemquet {

// A date printed on a card. month and day are 0 when the card gives only the year (some BHYT
// cards print the year of birth alone).
struct CardDate {
  int year = 0;
  int month = 0;
  int day = 0;

  bool empty() const { return year == 0; }
  bool yearOnly() const { return year != 0 && month == 0; }
  // "1999-08-15", "1999" or "" (for JSON and display).
  std::string iso() const;
  bool operator==(const CardDate&) const = default;
};
// Orders full dates; a year-only date compares as 1 January of that year.
bool operator<(const CardDate& a, const CardDate& b);

}  // namespace diemquet

namespace diemquet::payload {

std::vector<std::string_view> splitFields(std::string_view s, char sep = '|');

// "ddMMyyyy" (CCCD), "dd/MM/yyyy" (BHYT, re-encoded CCCD), "yyyy-MM-dd" (PC-Covid) and
// "yyyy" (BHYT birth year). Each returns nothing unless it is a real calendar date with a year
// in 1900..2099.
std::optional<CardDate> parseCompactDate(std::string_view s);
std::optional<CardDate> parseSlashDate(std::string_view s);
std::optional<CardDate> parseIsoDate(std::string_view s);
std::optional<CardDate> parseYear(std::string_view s);

// Hex-encoded UTF-8 (BHYT): even length, hex digits only, decodes to valid UTF-8 with no
// control characters; returned in NFC.
std::optional<std::string> decodeHexText(std::string_view hex);
bool isHex(std::string_view s);
// Lower-case hex of UTF-8 text (the encoder side, for tests and tools).
std::string encodeHexText(std::string_view utf8);

// Bounds on the text fields of a card, in code points after NFC, generous for real cards
// (the longest Vietnamese names are ~40 characters, a full commune-level address ~150) and
// small enough that nothing a QR can carry blows up a screen, a journal record or an upload.
// The server applies the same bounds: it parses with the same core.
constexpr size_t kMaxCardNameCodePoints = 80;      // = kMaxNameCodePoints of the manual form
constexpr size_t kMaxCardAddressCodePoints = 250;  // CCCD/BHYT address, BHYT issuing place
constexpr size_t kMaxCardIdKindLength = 16;        // PC-Covid ID kind: "1", "CCCD", "CMND"

// A name or address as it may appear in a card: not empty after trimming, no control
// characters, no '|' (already split), inner spaces folded, at most `maxCodePoints` long.
Result<std::string> cleanText(std::string_view s, const char* field, size_t maxCodePoints);

bool isDigits(std::string_view s, size_t minLen, size_t maxLen);

}  // namespace diemquet::payload
