// The station: one phone at one scan point. It turns what staff do into journal events and
// keeps the queryable state that is the replay of those events. It never writes anything
// durable itself: the caller appends the event to the journal and calls apply() once the
// journal has committed it, so what the UI calls "saved" is exactly what is durable.
#pragma once
#include <algorithm>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "check_in_log.hpp"
#include "journal.hpp"
#include "result.hpp"
#include "validation.hpp"

namespace diemquet {

// A person's last entry at the venue as the server saw it, from any of its stations.
struct RemoteEntry {
  Direction direction = Direction::In;
  int64_t atMs = 0;          // by the clock of the phone that recorded it
  std::string scanPointId;   // where; empty from a server that does not say (taken as another gate)
  bool own = false;          // recorded by this very station
  bool operator==(const RemoteEntry&) const = default;
};

// The entry a new one of a person would repeat (see Station::repeatedEntry).
struct RepeatedEntry {
  CheckIn entry;              // its direction and time
  bool onOtherPhone = false;  // recorded by another station at this same scan point
};

// How far ahead of this phone another phone's record may seem and still be "just now": two
// phones' clocks set by hand differ by a minute or so.
constexpr int64_t kClockSlackMs = 2 * 60'000LL;

class Station {
 public:
  static Result<std::unique_ptr<Station>> create();

  // Start-up: feed every journal record in order, then call finishReplay().
  // A damaged record is skipped and counted, never fatal: the rest of the log still counts.
  // `journalKey`: the record's key in the journal (0 unknown); the purge deletes by it.
  void replay(std::string_view record, int64_t journalKey = 0);
  void finishReplay();
  int damagedRecords() const { return m_damaged; }

  // First start: the device id is made from platform randomness (hex, 16 bytes).
  bool hasDeviceId() const { return !m_settings.deviceId.empty(); }
  static std::string makeDeviceId(const unsigned char random16[16]);

  bool isConfigured() const { return !m_settings.venue.id.empty() && !m_settings.scanPoint.id.empty(); }
  const StationSettings& settings() const { return m_settings; }

  // Builds the event for a manual check-in; nothing changes until apply().
  Result<JournalEvent> prepareManual(const ManualEntry& entry, const Instant& now, FieldErrors* errors = nullptr);
  // Builds the event for a person identified by a scan.
  Result<JournalEvent> prepareCheckIn(const Person& person, Direction direction, const Instant& now);
  Result<JournalEvent> prepareUndo(int64_t seq) const;
  JournalEvent prepareSettings(const StationSettings& s) const { return SettingsChanged{s}; }

  // The direction a new scan of this person should get: out if they are inside now, by this
  // station's own records or, when newer, what the server last said of the venue's other
  // gates (setRemotePresence).
  Direction suggestDirection(const std::string& personKey, const Instant& now) const;
  // The person's entry that one recorded at `at` would repeat, if any: their last entry at this
  // venue within the repeat window (settings().repeatWindowMinutes) by this station, or by
  // another station at this same scan point as the server last said (two phones at one gate).
  // Another gate's record is no repeat: the person goes in or out there (suggestDirection).
  std::optional<RepeatedEntry> repeatedEntry(const std::string& personKey, const Instant& at) const;
  // The venue's people as the server last saw them at any station (sync/presence.hpp), by
  // presence key. Not journaled: offline, a station decides from its own records.
  // `serverAheadMs`: the server's clock minus this phone's when it answered, so "how long ago"
  // is measured on one clock even when this phone's is a minute off. `answeredAtMs`: when the
  // answer came, by this phone's clock (today()'s serverAsOfMs). Kept until the next answer:
  // offline, today() counts the venue's people from the last one.
  void setRemotePresence(std::map<std::string, RemoteEntry> people, int64_t serverAheadMs = 0,
                         int64_t answeredAtMs = 0) {
    if (people != m_remote) ++m_remoteVersion;
    m_remote = std::move(people);
    m_serverAheadMs = serverAheadMs;
    m_remoteAtMs = answeredAtMs;
    m_cache.todayAt = ~0ull;  // the counts change with the answer
  }
  // The last answer as set above, for keeping it across a reload (sync/last_answer.hpp).
  const std::map<std::string, RemoteEntry>& remotePresence() const { return m_remote; }
  int64_t serverAheadMs() const { return m_serverAheadMs; }
  int64_t remoteAnsweredMs() const { return m_remoteAtMs; }
  // Grows when the people of the answer change (not at every answer: most say the same).
  uint64_t remotePresenceVersion() const { return m_remoteVersion; }

  // Applies an event the journal has committed (or one replayed at start-up).
  Status apply(const JournalEvent& e);
  // At run time, where apply() learns the journal key of the record just committed (called
  // from inside the journal's completion; 0 when unknown). Records whose key is unknown are
  // purged from the journal after the next start, when replay tells their keys.
  void setJournalKeySource(std::function<int64_t()> source) { m_keySource = std::move(source); }

  // ---- Retention (retention.hpp) ----
  int retentionDays() const { return m_retentionDays; }
  // The period read from the server, as an event to journal (nothing if it is the same).
  std::optional<JournalEvent> prepareRetentionDays(int days, int64_t nowMs) const;
  // The purge record to journal when acknowledged check-ins are past the period (nothing
  // otherwise). Nothing is deleted until it is applied.
  std::optional<JournalEvent> preparePurge(int64_t nowMs) const;
  // Whether applied purge records still have check-ins to delete from the log.
  bool purgePending() const { return m_purgeDirty; }
  // Deletes up to `maxRows` check-ins due to the applied purge records; their journal
  // records are queued for takeJournalDeletions(). Bounded, so the UI keeps drawing.
  int purgeStep(int maxRows);
  // Journal keys to delete, oldest first; give back the ones that could not be deleted.
  std::vector<int64_t> takeJournalDeletions(size_t max);
  void giveBackJournalDeletions(const std::vector<int64_t>& keys);
  size_t journalDeletionsQueued() const { return m_deleteQueue.size(); }
  int64_t purgedRows() const { return m_purgedRows; }
  // Check-ins not acknowledged by the server and older than the period (kept; staff warned).
  int64_t unsyncedPastRetention(int64_t nowMs) const;

  DaySummary today(const Instant& now) const;
  // Check-outs for everyone still inside (staff close the day).
  std::vector<JournalEvent> prepareCloseDay(const Instant& now);
  std::vector<CheckIn> recent(int limit) const;
  int64_t totalCount() const;
  // Not yet acknowledged by the server, leaving out those it refused for good (rejected()).
  int64_t pendingCount() const;
  std::vector<CheckIn> pendingCheckIns(int limit) const { return m_log->pending(limit); }
  const CheckInLog& log() const { return *m_log; }

  // Sync with the server (wasm/core/sync/). The enrollment, if any: token, venue, scan points.
  const std::optional<StationEnrolled>& enrollment() const { return m_enrollment; }
  // Local venue id -> the server venue and scan point its check-ins are uploaded as.
  const std::map<std::string, ScanPoint>& adoptedVenues() const { return m_adopted; }
  // Seq -> the server's code, for check-ins the server refused for good. Kept in the log.
  const std::map<int64_t, std::string>& rejected() const { return m_rejected; }
  // When this phone last reached the server (0: never), by its own clock: an upload the server
  // answered (journaled with the acknowledgement, so it outlives a restart) or an answer to a
  // poll (serverAnswered). A phone with nothing to upload still syncs: it reads who is inside.
  // A failed attempt is no sync.
  int64_t lastSyncMs() const { return std::max(m_lastSyncMs, m_lastAnsweredMs); }
  // The server answered a request of this phone's at `atMs`. Not journaled (a poll answers
  // every few seconds): kept across a reload beside the journal (sync/last_answer.hpp).
  void serverAnswered(int64_t atMs) { m_lastAnsweredMs = std::max(m_lastAnsweredMs, atMs); }
  int64_t lastAnsweredMs() const { return m_lastAnsweredMs; }
  // Whether the server's venue-wide timeline changed this check-in's direction
  // (DirectionCorrected): Today says why an entry typed as "VÀO" reads "RA".
  bool directionWasCorrected(const CheckIn& c) const { return m_corrected.count({c.deviceId, c.seq}) > 0; }
  // …and whether the person had come in at this same scan point, on another phone (else at
  // another gate): the reason names the right one.
  bool correctedOnOtherPhone(const CheckIn& c) const {
    auto it = m_corrected.find({c.deviceId, c.seq});
    return it != m_corrected.end() && it->second;
  }

 private:
  explicit Station(std::unique_ptr<CheckInLog> log);
  Status applyEvent(const JournalEvent& e);
  // The screens ask for these every frame; they only change when an event is applied (or, for
  // today's counts, when the minute turns), so they are remembered until then.
  struct Cache {
    uint64_t countsAt = ~0ull, todayAt = ~0ull, recentAt = ~0ull;
    int64_t total = 0, pending = 0, todayMinute = 0;
    int recentLimit = 0;
    DaySummary today;
    std::vector<CheckIn> recent;
  };
  mutable Cache m_cache;
  uint64_t m_changes = 0;  // events applied so far
  Status applyEnrollment(const StationEnrolled& e);
  // today()'s "inside now" across the venue's gates, from the server's last answer.
  void countVenuesPeople(DaySummary& day, const DayRange& d, int64_t openSinceMs) const;
  void supersede(int64_t& keySlot, int64_t newKey);
  std::unique_ptr<CheckInLog> m_log;
  std::function<int64_t()> m_keySource;
  int64_t m_applyingKey = 0;  // the journal key of the record being applied, 0 unknown
  int m_retentionDays = 28;
  int64_t m_retentionKey = 0;  // the journal key of the latest RetentionPeriodSet
  int64_t m_purgeCutoffMs = 0;  // the latest applied purge record's cutoff
  int64_t m_purgeKey = 0;       // …and its journal key
  bool m_purgeDirty = false;
  std::deque<int64_t> m_deleteQueue;
  int64_t m_purgedRows = 0;
  mutable int64_t m_oldUnsyncedAt = -1, m_oldUnsyncedMinute = -1, m_oldUnsynced = 0;
  StationSettings m_settings;
  int64_t m_nextSeq = 1;  // next sequence number to hand out; never reused, even if a save failed
  int m_damaged = 0;
  bool m_replaying = false;
  std::optional<StationEnrolled> m_enrollment;
  std::map<std::string, ScanPoint> m_adopted;
  std::map<int64_t, std::string> m_rejected;
  // (deviceId, seq) of corrected check-ins -> whether the person came in at the same scan point
  std::map<std::pair<std::string, int64_t>, bool> m_corrected;
  std::map<std::string, RemoteEntry> m_remote;  // by sync::presenceKey
  int64_t m_serverAheadMs = 0;
  int64_t m_remoteAtMs = 0;      // when m_remote came, by this phone's clock
  uint64_t m_remoteVersion = 0;
  int64_t m_lastSyncMs = 0;      // journaled: the latest acknowledgement (or purge record)
  int64_t m_lastAnsweredMs = 0;  // the server's latest answer (serverAnswered)
};

}  // namespace diemquet
