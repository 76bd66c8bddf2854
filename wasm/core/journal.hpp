// Journal events: the station's durable history. Each event is one JSON record appended to
// the platform's journal (IndexedDB in the browser); the station state is their replay.
// Saving one check-in therefore costs one small append, whatever the size of the log.
#pragma once
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "check_in.hpp"
#include "check_in_log.hpp"
#include "result.hpp"
#include "venue.hpp"

namespace diemquet {

// A card shown again within this many minutes of its last check-in (or out) at the venue is a
// repeat: shown to staff ("Đã quét: … · VÀO 07:02"), not saved, and never a silent check-out.
// 3 minutes: people re-show a card when they missed the beep (seconds to a minute later), or
// when a queue shuffles; a real visit to a market stall, clinic or office lasts longer than
// that, and the one who leaves sooner is checked out with one tap on the repeat banner.
constexpr int kDefaultRepeatWindowMinutes = 3;
constexpr int kMaxRepeatWindowMinutes = 60;

struct StationSettings {
  std::string deviceId;
  Venue venue;
  ScanPoint scanPoint;
  std::string language = "vi";  // "vi" or "en"
  int repeatWindowMinutes = kDefaultRepeatWindowMinutes;  // 0..kMaxRepeatWindowMinutes
};

inline bool operator==(const StationSettings& a, const StationSettings& b) {
  return a.deviceId == b.deviceId && a.venue == b.venue && a.scanPoint == b.scanPoint && a.language == b.language &&
         a.repeatWindowMinutes == b.repeatWindowMinutes;
}

struct CheckInRecorded {
  CheckIn checkIn;
};
struct CheckInVoided {
  std::string deviceId;
  int64_t seq;
};
struct SyncAcknowledged {
  std::string deviceId;
  std::vector<SeqRange> ranges;
  int64_t atMs = 0;  // when the server's answer arrived (0 in records older than this field)
};
// The server refused these check-ins for good (e.g. `conflict`): kept, shown, never resent.
struct RejectedCheckIn {
  int64_t seq = 0;
  std::string code;  // the server's stable error code
};
struct SyncRejected {
  std::string deviceId;
  std::vector<RejectedCheckIn> items;
};
// The station was bound to a server venue with an enrollment code (wasm/core/sync/).
// Check-ins recorded under one of `adoptedVenueIds` (the local venue the station used before
// enrolling) are uploaded as `venue` at the first of `scanPoints`, now and on every resend.
struct StationEnrolled {
  std::string deviceId;
  std::string token;  // the bearer token for uploads; a secret, never logged
  Venue venue;
  std::vector<ScanPoint> scanPoints;
  std::vector<std::string> adoptedVenueIds;
  int64_t atMs = 0;
};
struct SettingsChanged {
  StationSettings settings;
};
// Retention (wasm/core/retention.hpp). The period read from the server's GET /api/v1/config,
// journaled when it changes so that a station offline keeps the last value it read.
struct RetentionPeriodSet {
  int days = 28;
  int64_t atMs = 0;
};
// The durable intent of a purge, journaled before anything is deleted: check-ins the server
// has acknowledged and recorded before `cutoffMs` go, from the log when this is applied and
// from the journal after. Replaying it after a crash mid-purge deletes the same rows again.
// It carries what the deleted records would otherwise take with them: the next sequence
// number (never reused) and the time of the last acknowledgement.
struct RetentionPurged {
  std::string deviceId;
  int64_t cutoffMs = 0;
  int64_t nextSeq = 1;
  int64_t lastSyncMs = 0;
  int64_t atMs = 0;
};

// One presence across a venue's gates (issue #17): the server, reading every station's records
// of the venue as one timeline per person, found that this station's check-in was really a
// check-out (an "in" at this gate while the person was inside through another gate, recorded
// offline). The station shows and counts it as corrected; the server keeps the record as sent.
struct DirectionCorrected {
  std::string deviceId;
  int64_t seq = 0;
  Direction direction = Direction::Out;
  int64_t atMs = 0;
  // The "in" that let the person in was at this same scan point, on another phone (not at
  // another gate): what the station says of the correction names the right one.
  bool samePoint = false;
};

using JournalEvent = std::variant<CheckInRecorded, CheckInVoided, SyncAcknowledged, SettingsChanged, SyncRejected,
                                  StationEnrolled, RetentionPeriodSet, RetentionPurged, DirectionCorrected>;

std::string encodeEvent(const JournalEvent& e);
Result<JournalEvent> decodeEvent(std::string_view record);

}  // namespace diemquet
