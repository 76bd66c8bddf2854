// The phone's copy of what the server publishes about posters, for the station and the visitor
// page alike: the poster key ring (GET /api/v1/keys) and a venue's names (GET
// /api/v1/venues/<id>/posters/info), both kept by visitor::PosterTrust so a poster is verified
// and named offline; and the venue code printed under a poster's QR (GET /api/v1/short-codes/<code>).
//
// One refresh policy: the ring is asked at once when online, then every `refreshMs` after an
// answer and `retryMs` after a failure, and journaled only when it differs from the one held
// (a new key, a revocation), not on every refresh. A venue's names are asked once per page
// life (again after `retryMs` if that failed); unchanged names are not journaled again.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "sync/transport.hpp"
#include "visitor/poster_trust.hpp"

namespace diemquet::client {

using NowMs = std::function<int64_t()>;

struct KeyRingPolicy {
  int64_t refreshMs = 5 * 60000;
  int64_t retryMs = 30000;
  int timeoutMs = 10000;
};

// What a venue code turned out to be.
enum class ShortCodeOutcome {
  Found,      // `url` is the poster's signed link, to be verified offline like a pasted one
  Offline,    // no answer, or the server failed: try again later
  Unknown,    // no venue has this code
  Ambiguous,  // several venues share it and none is the one this station is enrolled at
};
struct ShortCodeAnswer {
  ShortCodeOutcome outcome = ShortCodeOutcome::Offline;
  std::string url;
};

class KeyRingClient {
 public:
  KeyRingClient(visitor::PosterTrust& trust, sync::Http http, NowMs now, KeyRingPolicy policy = {});

  // From the frame loop, drawn or not: asks for the key ring when due. Offline it does nothing.
  void tick(bool online);
  // The server's names for `venueId`; `then` runs once they are stored (not when the asking
  // failed or was not due). Offline it does nothing.
  void fetchVenueNames(const std::string& venueId, bool online, std::function<void()> then = nullptr);
  // The venue code ("34M-FPJ", normalised) → a poster link. A code shared by several venues
  // is resolved to `enrolledVenueId` when that is one of them.
  void lookupShortCode(const std::string& code, const std::string& enrolledVenueId,
                       std::function<void(const ShortCodeAnswer&)> done);

  bool keysInFlight() const { return m_keysInFlight; }
  int64_t nextKeysMs() const { return m_nextKeysMs; }
  int64_t keyRingsStored() const { return m_ringsStored; }  // journaled because they changed

 private:
  struct VenueAsk {
    bool inFlight = false;
    bool answered = false;
    int64_t retryAtMs = 0;
    std::vector<std::function<void()>> waiting;
  };
  void onKeys(const sync::HttpReply& reply);
  bool sameRing(const std::string& body) const;

  visitor::PosterTrust& m_trust;
  sync::Http m_http;
  NowMs m_now;
  KeyRingPolicy m_policy;
  bool m_keysInFlight = false;
  int64_t m_nextKeysMs = 0;
  int64_t m_ringsStored = 0;
  std::map<std::string, VenueAsk> m_venues;
};

}  // namespace diemquet::client
