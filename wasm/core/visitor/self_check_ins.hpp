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
//
// Retention as on the station: a check-in the server has taken and that is older than the
// retention period is deleted from the journal by key (its record and its upload mark); one not
// yet uploaded is kept. Intent first: a `dqv.purge` record carrying this phone's device id and
// next seq is durable before anything is deleted, so a seq is never handed out twice, even
// after every check-in is gone.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

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
  // A second tap this soon after the same check-in saves nothing. 5 s, not a finger's 0.5: a busy
  // phone may take seconds to handle the second tap, and the same person checking in again at
  // the same gate, in the same direction, within 5 s is never a new visit.
  int64_t doubleTapMs = 5000;
  int64_t purgeEveryMs = 60 * 60000;
};

class SelfCheckIns {
 public:
  using Clock = std::function<Instant()>;
  using RandomBytes = std::function<void(unsigned char* out, size_t n)>;
  // The journal key of the record whose append is being reported (0 when unknown).
  using KeySource = std::function<int64_t()>;
  // Deletes these journal records in one transaction; done(ok) exactly once.
  using JournalDelete = std::function<void(const std::vector<int64_t>& keys, std::function<void(bool)> done)>;

  SelfCheckIns(Append append, sync::Transport transport, Clock clock, RandomBytes random,
               SelfCheckInsConfig config = {});

  // Start-up: every record of the visitor's journal, in order, with its journal key (what the
  // retention purge deletes by; 0 when unknown: such a record is kept). Damaged records are counted.
  void replay(std::string_view record, int64_t journalKey = 0);

  // The journal's keys and deletion (main_visitor.cpp: platform::journalCommittedKey and
  // platform::journalDelete). Without them nothing is ever purged.
  void attachJournal(KeySource committedKey, JournalDelete erase) {
    m_keySource = std::move(committedKey);
    m_erase = std::move(erase);
  }

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

  // From the frame loop, at most every `purgeEveryMs`: deletes the uploaded check-ins older
  // than `retentionDays` (and the purge records superseded), intent record first. Safe to call
  // every frame; one purge at a time.
  // `retentionDays` is asked only when a purge is due (it may verify a signed list).
  void purgeExpired(const std::function<int()>& retentionDays);
  // The seqs purgeExpired would delete now (uploaded, older than the period, keys known).
  std::vector<int64_t> expiredSeqs(int64_t nowMs, int retentionDays) const;

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
  // The visit's seq, or 0 if the value is not a visit.
  int64_t applyVisit(const nlohmann::json& v);
  void replayEarlierShell(std::string_view record, int64_t journalKey);
  void joinEarlierShell();
  const SelfCheckIn* pendingVisit() const;
  void noteKey(int64_t seq, int64_t key, bool holdsTheCheckIn);
  int64_t committedKey() const { return m_keySource ? m_keySource() : 0; }
  void forget(const std::vector<int64_t>& seqs, const std::vector<int64_t>& purgeKeys);

  PosterTrust m_trust;
  Append m_append;
  sync::Transport m_transport;
  Clock m_clock;
  RandomBytes m_random;
  SelfCheckInsConfig m_config;
  KeySource m_keySource;
  JournalDelete m_erase;
  // Journal keys of the records about one seq: the one holding the check-in (a visit, or an
  // earlier shell's "ci"; purged only when known) and the others (an earlier shell's note, the
  // upload mark).
  struct SeqKeys {
    int64_t checkIn = 0;
    std::vector<int64_t> others;
  };
  std::map<int64_t, SeqKeys> m_keysOfSeq;
  std::vector<int64_t> m_purgeKeys;  // `dqv.purge` records, oldest first: all but the last superseded
  bool m_purging = false;
  int64_t m_nextPurgeMs = 0;
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
