// Our own visitor pass (docs/formats-own.md): printed or shown on a phone by people without a
// card, created by the station. `DQV1|<passId>|<name>|<phone>|<birthYear>|<crc32>`.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "result.hpp"

namespace diemquet {

struct VisitorPass {
  std::string passId;  // 8-16 characters of Crockford base-32 (0-9, A-Z without I L O U)
  std::string name;
  std::string phone;   // normalised 0-form, or empty
  int birthYear = 0;   // 0 when not given
};

// CRC-32 (IEEE 802.3, the one zlib and PNG use) of bytes.
uint32_t crc32(std::string_view bytes);

// Builds the QR text. Validates and normalises the fields first (name NFC with folded spaces,
// phone to the 0-form). Errors: EmptyName, NameTooLong, InvalidText, InvalidPhone, Malformed.
Result<std::string> encodeVisitorPass(const VisitorPass& pass);

// Parses NFC text starting "DQV". Errors: Unsupported (another version), Malformed,
// BadChecksum (the text was altered, e.g. by a keyboard-wedge scanner), InvalidPhone.
Result<VisitorPass> parseVisitorPass(std::string_view text);

// 8-16 characters of the pass alphabet (Crockford base-32: no I, L, O, U).
bool isVisitorPassId(std::string_view s);

}  // namespace diemquet
