// The station: one phone at one scan point. It turns what staff do into journal events and
// keeps the queryable state that is the replay of those events. It never writes anything
// durable itself: the caller appends the event to the journal and calls apply() once the
// journal has committed it, so what the UI calls "saved" is exactly what is durable.
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "check_in_log.hpp"
#include "journal.hpp"
#include "result.hpp"
#include "validation.hpp"

namespace diemquet {

class Station {
 public:
  static Result<std::unique_ptr<Station>> create();

  // Start-up: feed every journal record in order, then call finishReplay().
  // A damaged record is skipped and counted, never fatal: the rest of the log still counts.
  void replay(std::string_view record);
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

  // The direction a new scan of this person should get: out if they are inside now.
  Direction suggestDirection(const std::string& personKey, const Instant& now) const;

  // Applies an event the journal has committed (or one replayed at start-up).
  Status apply(const JournalEvent& e);

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
  int64_t lastSyncMs() const { return m_lastSyncMs; }  // 0: never

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
  std::unique_ptr<CheckInLog> m_log;
  StationSettings m_settings;
  int64_t m_nextSeq = 1;  // next sequence number to hand out; never reused, even if a save failed
  int m_damaged = 0;
  bool m_replaying = false;
  std::optional<StationEnrolled> m_enrollment;
  std::map<std::string, ScanPoint> m_adopted;
  std::map<int64_t, std::string> m_rejected;
  int64_t m_lastSyncMs = 0;
};

}  // namespace diemquet
