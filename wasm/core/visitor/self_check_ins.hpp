// The visitor page's own store and client: the self check-ins a visitor makes on their phone
// from venue posters, kept in the phone's journal (IndexedDB `diemquet-visitor` in the browser)
// and uploaded one at a time to POST /api/v1/self-checkins until the server has each exactly
// once. It is all the visitor page keeps: no Station, no SQLite log, no journal replay of the
// station's kind, so the visitor's module stays small (issue 15).
//
// Each check-in is one journal record `{"t":"dqv.visit","v":{checkIn, poster, declaration,
// key}}`: saved means the check-in, its poster and its declaration are durable together (a
// tab killed between two records once left a check-in that was never uploaded). Records of
// earlier shells (the station's "set"/"ci" records next to `dqv.self` notes) are still read,
// so an update loses nothing that was waiting to upload.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "check_in.hpp"
#include "save_status.hpp"
#include "sync/transport.hpp"
#include "visitor/poster_trust.hpp"

namespace diemquet::visitor {

// One self check-in as the phone keeps it.
struct SelfCheckIn {
  CheckIn checkIn;  // kind visitor, a "self-" device, the poster's venue and scan point
  std::string posterUrl;
  HealthDeclaration declaration;
  std::string idempotencyKey;  // one per declaration: a double submit is stored once
};

struct SelfCheckInsConfig {
  int64_t retryMs = 30000;     // after no answer, a 5xx or a 429
  int64_t doubleTapMs = 2000;  // a second tap this soon after the same check-in saves nothing
};

class SelfCheckIns {
 public:
  using Clock = std::function<Instant()>;
  using RandomBytes = std::function<void(unsigned char* out, size_t n)>;

  SelfCheckIns(Append append, sync::Transport transport, Clock clock, RandomBytes random,
               SelfCheckInsConfig config = {});

  // Start-up: every record of the visitor's journal, in order. Damaged records are counted.
  void replay(std::string_view record);

  // The key ring, venue names and remembered profile (replayed and written through here).
  PosterTrust& trust() { return m_trust; }
  const PosterTrust& trust() const { return m_trust; }

  // Saves one self check-in from a genuine poster for a validated profile: the check-in is
  // made here (the next seq of this phone's "self-" device) and journaled with the poster,
  // the declaration and `idempotencyKey`. Returns its seq (the save status follows the
  // journal's commit), or 0 when `check` is not genuine: nothing is saved. The same check-in
  // again (same person, direction and scan point) within `doubleTapMs` of the last one is a
  // double tap: nothing new is saved and the last one's seq is returned.
  int64_t submit(const VisitorProfile& valid, const PosterCheck& check, const std::string& posterUrl,
                 Direction direction, const std::string& idempotencyKey);

  // From the frame loop while online: uploads the oldest check-in the server has not taken
  // yet, one request at a time. 200, or a 4xx other than 429 (final: resending cannot help)
  // marks it uploaded; anything else retries after `retryMs`.
  void uploadNext();

  const SaveStatus& saveStatus() const { return m_status; }
  int savesInFlight() const { return m_inFlight; }
  // Every self check-in on this phone, by seq (the visitor's own history).
  const std::map<int64_t, SelfCheckIn>& visits() const { return m_visits; }
  bool uploaded(int64_t seq) const { return m_trust.uploaded(seq); }
  int pendingCount() const;
  const std::string& deviceId() const { return m_deviceId; }
  int damagedRecords() const { return m_damaged + m_trust.damagedRecords(); }
  Instant now() const { return m_clock(); }
  // Bumps whenever anything shown changed.
  uint64_t version() const { return m_version + m_trust.version(); }

 private:
  bool applyVisit(const nlohmann::json& v);
  void replayEarlierShell(std::string_view record);
  void joinEarlierShell();
  const SelfCheckIn* pendingVisit() const;

  PosterTrust m_trust;
  Append m_append;
  sync::Transport m_transport;
  Clock m_clock;
  RandomBytes m_random;
  SelfCheckInsConfig m_config;
  std::map<int64_t, SelfCheckIn> m_visits;
  std::map<int64_t, CheckIn> m_earlierCheckIns;  // "ci" records of earlier shells, joined in visits()
  std::string m_deviceId;
  int64_t m_nextSeq = 1;
  SaveStatus m_status;
  CheckIn m_lastSubmitted;  // for telling a double tap from a new check-in
  int m_inFlight = 0;
  bool m_uploading = false;
  int64_t m_retryAtMs = 0;
  int m_damaged = 0;
  uint64_t m_version = 1;
};

}  // namespace diemquet::visitor
