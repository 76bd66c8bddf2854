// The check-in log on one station: SQLite as the query engine. It is rebuilt from the
// durable journal at start-up, so it may live in memory; it never decides durability.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "check_in.hpp"
#include "result.hpp"
#include "venue.hpp"

struct sqlite3;

namespace diemquet {

struct DaySummary {
  int insideNow = 0;    // people whose last entry today is "in", within the venue's usual stay
  int checkInsToday = 0;
  int checkOutsToday = 0;
  // Station::today, from the server's last presence answer (sync/presence.hpp); 0 without one.
  // Of insideNow, the people whose newest entry is another phone's (no name: the answer has none).
  int insideViaOtherPhones = 0;
  // When that answer came, by this phone's clock, if it counted anyone here ("theo máy chủ lúc").
  int64_t serverAsOfMs = 0;
};

// A person's newest entry in a span (CheckInLog::lastEntries).
struct PersonLastEntry {
  std::string personKey;
  Direction direction = Direction::In;
  int64_t atUtcMs = 0;
};

// A closed interval of sequence numbers [first, last].
struct SeqRange {
  int64_t first;
  int64_t last;
  bool operator==(const SeqRange& o) const { return first == o.first && last == o.last; }
};

// Journal records that name check-ins by sequence number (the purge deletes them with them).
enum class JournalRefKind { CheckIn, Void, Ack, Rejected };

class CheckInLog {
 public:
  // path ":memory:" for the station; a file for tools and tests.
  static Result<std::unique_ptr<CheckInLog>> open(const std::string& path);
  ~CheckInLog();
  CheckInLog(const CheckInLog&) = delete;
  CheckInLog& operator=(const CheckInLog&) = delete;

  // Adds a check-in. Adding the same (deviceId, seq) again with the same content is a no-op
  // (its journal key is remembered too); with different content it is a Conflict and nothing
  // changes. `journalKey`: the record's key in the durable journal, 0 when unknown.
  Status add(const CheckIn& c, int64_t journalKey = 0);
  Status setVoided(const std::string& deviceId, int64_t seq);
  // The direction the server's venue-wide timeline gave this check-in (DirectionCorrected).
  Status setDirection(const std::string& deviceId, int64_t seq, Direction direction);
  Status markSynced(const std::string& deviceId, const std::vector<SeqRange>& ranges);

  Status upsertVenue(const Venue& v);
  Status upsertScanPoint(const ScanPoint& p);
  std::vector<ScanPoint> scanPoints(const std::string& venueId) const;

  // Visits opened before `openSinceUtcMs` count as closed: people scanned in by staff often
  // never scan out, and the venue's default stay closes them.
  DaySummary summary(const std::string& venueId, int64_t dayStartUtcMs, int64_t dayEndUtcMs,
                     int64_t openSinceUtcMs) const;
  // The last "in" entry of each person inside now (same rule as DaySummary::insideNow).
  std::vector<CheckIn> peopleInside(const std::string& venueId, int64_t dayStartUtcMs, int64_t openSinceUtcMs) const;
  // Each person's newest non-voided entry at the venue in [dayStart, dayEnd), in or out: what
  // Station::today merges with the server's answer, person by person.
  std::vector<PersonLastEntry> lastEntries(const std::string& venueId, int64_t dayStartUtcMs,
                                           int64_t dayEndUtcMs) const;
  // Newest first, voided ones included (the UI shows them struck through).
  std::vector<CheckIn> recent(const std::string& venueId, int limit) const;
  // The latest non-voided entry of a person at a venue since a time, if any.
  std::optional<CheckIn> lastEntryOf(const std::string& venueId, const std::string& personKey, int64_t sinceUtcMs) const;
  std::optional<CheckIn> find(const std::string& deviceId, int64_t seq) const;

  int64_t count() const;
  int64_t pendingCount() const;
  std::vector<CheckIn> pending(int limit) const;

  // Retention (wasm/core/retention.hpp). A journal record that names check-ins by seq (a void,
  // an acknowledgement, a rejection, a second copy of a check-in): remembered so it can be
  // deleted from the journal once none of the check-ins it names is left. Key 0: ignored.
  Status addJournalRef(int64_t key, JournalRefKind kind, const std::string& deviceId, SeqRange seqs);
  // Whether any acknowledged check-in with a known journal key was recorded before the cutoff.
  bool anyPurgeable(int64_t cutoffUtcMs) const;
  // Deletes up to `maxRows` such check-ins; appends the journal keys to delete (per check-in:
  // its voids and copies first, then the record itself) and returns how many rows went.
  Result<int> purgeSynced(int64_t cutoffUtcMs, int maxRows, std::vector<int64_t>& journalKeys);
  // Forgets remembered records (keys below `beforeKey`) that name no check-in any more, and
  // appends their keys: they change nothing when replayed.
  Result<int> dropOrphanRefs(int64_t beforeKey, std::vector<int64_t>& journalKeys);
  // Not yet acknowledged check-ins recorded before the cutoff (never deleted: staff are warned).
  int64_t unsyncedBefore(int64_t cutoffUtcMs) const;

  // Runs several adds as one transaction (replaying a journal of 100,000 records).
  Status beginBatch();
  Status commitBatch();

 private:
  explicit CheckInLog(sqlite3* db);
  struct Statements;
  sqlite3* m_db;
  std::unique_ptr<Statements> m_stmts;
};

}  // namespace diemquet
