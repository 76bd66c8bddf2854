// What the station's camera read, recognised: one of the cards and codes we accept, with the
// person to check in and the full card details for staff to compare with the person.
#pragma once
#include <string>
#include <string_view>
#include <variant>

#include "bhyt.hpp"
#include "cccd.hpp"
#include "check_in.hpp"
#include "pc_covid.hpp"
#include "result.hpp"
#include "visitor_pass.hpp"

namespace diemquet {

enum class PayloadKind { Cccd, Bhyt, PcCovid, VisitorPass, Poster };
std::string_view toString(PayloadKind k);

// A venue poster, only recognised here; verifying its signature is the posters module's job.
struct PosterLink {
  std::string url;  // the normalised scan text
};

struct ScannedPayload {
  PayloadKind kind = PayloadKind::Cccd;
  Person person;  // empty for a poster
  std::variant<CccdCard, BhytCard, PcCovidCard, VisitorPass, PosterLink> details;
};

// Normalises the scan (normalize.hpp), recognises the kind and parses it.
// Errors: Unsupported ("unsupported QR code": anything that is none of our kinds, including
// other URLs, bank VietQR/EMVCo codes, Wi-Fi codes, invalid UTF-8 and empty text);
// MangledText (a card's Vietnamese letters were garbled or dropped); and the parsers' own
// kinds (Malformed, InvalidCccd, InvalidDate, InvalidHex, BadChecksum, ...) for text that is
// clearly one of our kinds but broken. Messages are English and never hold personal data.
Result<ScannedPayload> parsePayload(std::string_view raw);

// True for `http(s)://host/.../v#1.…`, the venue poster URL (posters issue).
bool isPosterUrl(std::string_view text);

}  // namespace diemquet
