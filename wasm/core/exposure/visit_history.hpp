// The visitor's own check-ins, kept on the phone for the retention period ("Lịch sử của tôi"),
// and the last verified exposure list, matched against them on the phone (issue #17): nothing
// about a visit or a match leaves the phone. Kept as its own journal records
// (`{"t":"dqx.…"}`) next to the visitor page's others, and purged by journal key after the
// retention period as the station purges its check-ins.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "check_in.hpp"
#include "exposure/exposure_list.hpp"
#include "time.hpp"

namespace diemquet::exposure {

using Append = std::function<void(const std::string& record, std::function<void(bool)> done)>;
// The journal key of the record whose append is being reported (0 when unknown).
using KeySource = std::function<int64_t()>;

struct OwnVisit {
  std::string venueId, venueName, pointId, pointName;
  Direction direction = Direction::In;
  Instant at;
  int64_t journalKey = 0;  // 0: not known yet (kept until the next start)
};

// One stay at a venue built from the phone's own visits, as the office's trace builds them: an
// "in" opens it, the next "out" at the same venue closes it; an "in" with no "out" lasts the
// default stay (or until the phone's next check-in elsewhere); an "out" alone started one
// default stay earlier.
struct Stay {
  std::string venueId, venueName;
  std::vector<std::string> pointIds;
  int64_t startMs = 0, endMs = 0;
  bool endEstimated = false;
};

struct Alert {
  Exposure exposure;
  Stay stay;
};

inline constexpr int64_t kDefaultStayMs = 2 * 3'600'000;
inline constexpr int kDefaultRetentionDays = 28;

std::vector<Stay> staysOf(std::vector<OwnVisit> visits, int64_t defaultStayMs = kDefaultStayMs);

// Whether the phone's owner is still inside `venueId` by their own records, by the rule of
// staysOf: their latest record is an "in" there, less than a default stay ago. The visitor page
// then offers "Khai báo ra" as the first choice: someone who opens the poster's link again
// while inside is most likely leaving.
bool insideNow(const std::vector<OwnVisit>& visits, std::string_view venueId, int64_t nowMs,
               int64_t defaultStayMs = kDefaultStayMs);

// Exposures that overlap one of the stays: same venue, the exposure's scan point (if it names
// one) among the stay's, and the stay meets [fromMs, untilMs) by more than an edge. One alert
// per exposure, newest exposure window first.
std::vector<Alert> match(const ExposureList& list, const std::vector<Stay>& stays);

class VisitHistory {
 public:
  static bool isOwnRecord(std::string_view record);
  // True if the record is one of ours (applied, or counted damaged).
  bool replay(std::string_view record, int64_t journalKey = 0);
  void attach(Append append, KeySource keySource = nullptr) {
    m_append = std::move(append);
    m_keySource = std::move(keySource);
  }

  void noteVisit(const OwnVisit& v, std::function<void(bool)> done = nullptr);
  // Verifies the signed body against `ring` and keeps it if it is newer than the one held.
  // Errors: the verification's (nothing kept); Conflict for an older list than the one held. The
  // same list again is not written again.
  Status storeList(const std::string& body, const poster::KeyRing& ring, int64_t nowMs,
                   std::function<void(bool)> done = nullptr);

  // The server said the held list is still current (304 to its ETag): only the check time moves.
  void listStillCurrent(int64_t nowMs) {
    if (m_listBody.empty()) return;
    m_listFetchedMs = nowMs;
    ++m_version;
  }

  // The held list, verified again against the ring (a key revoked since is refused).
  std::optional<ExposureList> list(const poster::KeyRing& ring) const;
  int64_t listFetchedMs() const { return m_listFetchedMs; }
  const std::vector<OwnVisit>& visits() const { return m_visits; }
  std::vector<Alert> alerts(const poster::KeyRing& ring) const;
  int retentionDays(const poster::KeyRing& ring) const;

  // Journal keys of visits older than the retention period (and of superseded lists), for
  // platform::journalDelete; forget() drops them from memory once deleted.
  std::vector<int64_t> expiredKeys(int64_t nowMs, int retentionDays) const;
  void forget(const std::vector<int64_t>& keys);

  // "Lịch sử của tôi" as CSV (UTF-8 with BOM, no cell can run as a formula).
  std::string csv() const;
  int damagedRecords() const { return m_damaged; }
  uint64_t version() const { return m_version; }

 private:
  void write(const std::string& type, const std::string& valueJson, std::function<void(int64_t key)> apply,
             std::function<void(bool)> done);
  bool applyVisit(std::string_view valueJson, int64_t key);
  bool applyList(std::string_view valueJson, int64_t key);
  Append m_append;
  KeySource m_keySource;
  std::vector<OwnVisit> m_visits;
  std::string m_listBody;
  int64_t m_listIssuedMs = 0, m_listFetchedMs = 0, m_listKey = 0;
  std::vector<int64_t> m_supersededKeys;
  int m_damaged = 0;
  uint64_t m_version = 1;
};

}  // namespace diemquet::exposure
