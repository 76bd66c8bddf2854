// The exposure list (issue #17): venues and time windows an officer linked to a case, published
// by the server for every visitor's phone to match against its own history. Signed with the
// poster key ring (a phone already trusts it), so a list a proxy or a prankster forged or
// altered is refused; it holds no personal data. Format: docs/api.md "Exposures".
//
//   {"list":"<payload JSON as a string>","key":"<key id>","sig":"<base64url Ed25519 signature>"}
//
// The signature covers "DQE1|" + the payload string exactly as sent, so no JSON is ever
// re-serialised before verifying.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "poster/signed_url.hpp"
#include "result.hpp"

namespace diemquet::exposure {

struct Exposure {
  int64_t id = 0;
  std::string venueId;
  std::string venueName;  // for the alert; not trusted for matching
  std::string pointId;    // "" = every scan point of the venue
  int64_t fromMs = 0;     // the window [fromMs, untilMs): a stay touching it from outside does not count
  int64_t untilMs = 0;
  std::string advice;  // a short text from the officer, shown as written
  int64_t publishedMs = 0;
};

struct ExposureList {
  int64_t issuedMs = 0;   // when the server signed it: a phone never goes back to an older list
  int retentionDays = 0;  // how long phones keep their own history (the station's retention)
  std::vector<Exposure> exposures;
};

// The signed body the server sends (GET /api/v1/exposures).
std::string signList(const ExposureList& list, const poster::SigningKey& key);

// Verifies and parses a signed body. Malformed (not the format), UnknownKey, BadSignature
// (forged or altered) or RevokedKey; nothing of a refused list is used.
Result<ExposureList> verifyList(std::string_view body, const poster::KeyRing& ring);

}  // namespace diemquet::exposure
