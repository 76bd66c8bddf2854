// What a phone keeps to trust venue posters offline and to check itself in from them: the
// server's public key ring, the names of venues it has seen, the visitor's remembered profile
// and, per self check-in, the poster and declaration it was made with. Kept durably as its
// own journal records (`{"t":"dqv.…"}`), next to the station's, replayed at start-up; like
// StationSession, a change is applied only once the journal has committed it.
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "poster/signed_url.hpp"
#include "venue.hpp"
#include "visitor/visitor_profile.hpp"

namespace diemquet::visitor {

using Append = std::function<void(const std::string& record, std::function<void(bool)> done)>;

// The outcome of checking a scanned or pasted poster URL against the stored key ring.
enum class PosterVerdict { Genuine, NoKeyRing, Malformed, UnknownKey, Forged, Revoked, NotYetValid, Expired };

struct PosterCheck {
  PosterVerdict verdict = PosterVerdict::Malformed;
  poster::PosterRef ref;  // valid when verdict is Genuine (and parsed for the key/date verdicts)
  bool ok() const { return verdict == PosterVerdict::Genuine; }
};

// Parses and verifies offline; `todayYmd` is the phone's local day (poster::localYmd).
PosterCheck checkPoster(std::string_view url, const poster::KeyRing& ring, int todayYmd);

// A venue's display names as the server published them (GET /api/v1/venues/{id}/posters/info).
struct VenueNames {
  Venue venue;
  std::vector<ScanPoint> points;
  std::string pointName(const std::string& pointId) const;
};

// The poster and declaration a self check-in (by its seq on this phone) was made with.
struct SelfCheckInNote {
  int64_t seq = 0;
  std::string posterUrl;
  HealthDeclaration declaration;
  std::string idempotencyKey;  // one per declaration: the server stores a double submit once
};

class PosterTrust {
 public:
  // True if the record is one of ours (and then it was applied); false: the station's record.
  bool replay(std::string_view record);
  static bool isOwnRecord(std::string_view record);

  // Where records go; set once at start-up (IndexedDB in the browser, a fake in tests).
  void attach(Append append) { m_append = std::move(append); }

  // Stores a key ring fetched from GET /api/v1/keys ({"ring": ["dqk1…", …]}). Malformed
  // (and nothing stored) if the body has no valid key line.
  Status storeKeyRingJson(const std::string& body, int64_t nowMs, std::function<void(bool)> done = nullptr);
  // Stores names from GET /api/v1/venues/{id}/posters/info.
  Status storeVenueJson(const std::string& body, std::function<void(bool)> done = nullptr);
  void storeProfile(const VisitorProfile& valid, std::function<void(bool)> done = nullptr);
  void noteSelfCheckIn(const SelfCheckInNote& note, std::function<void(bool)> done = nullptr);
  void markUploaded(int64_t seq, std::function<void(bool)> done = nullptr);

  bool hasKeyRing() const { return !m_ring.keys().empty(); }
  const poster::KeyRing& keyRing() const { return m_ring; }
  int64_t keyRingFetchedMs() const { return m_ringFetchedMs; }
  PosterCheck check(std::string_view url, int todayYmd) const { return checkPoster(url, m_ring, todayYmd); }
  const VenueNames* venue(const std::string& venueId) const;
  const std::optional<VisitorProfile>& profile() const { return m_profile; }
  const std::map<int64_t, SelfCheckInNote>& notes() const { return m_notes; }
  bool uploaded(int64_t seq) const { return m_uploaded.count(seq) > 0; }
  int damagedRecords() const { return m_damaged; }
  // Bumps on every applied change, for redraws.
  uint64_t version() const { return m_version; }

 private:
  void write(const std::string& type, const nlohmann::json& value, std::function<void(bool)> done);
  bool apply(const std::string& type, const nlohmann::json& value);
  Append m_append;
  poster::KeyRing m_ring;
  int64_t m_ringFetchedMs = 0;
  std::map<std::string, VenueNames> m_venues;
  std::optional<VisitorProfile> m_profile;
  std::map<int64_t, SelfCheckInNote> m_notes;
  std::set<int64_t> m_uploaded;
  int m_damaged = 0;
  uint64_t m_version = 1;
};

}  // namespace diemquet::visitor
