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

struct StationSettings {
  std::string deviceId;
  Venue venue;
  ScanPoint scanPoint;
  std::string language = "vi";  // "vi" or "en"
};

inline bool operator==(const StationSettings& a, const StationSettings& b) {
  return a.deviceId == b.deviceId && a.venue == b.venue && a.scanPoint == b.scanPoint && a.language == b.language;
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
};
struct SettingsChanged {
  StationSettings settings;
};

using JournalEvent = std::variant<CheckInRecorded, CheckInVoided, SyncAcknowledged, SettingsChanged>;

std::string encodeEvent(const JournalEvent& e);
Result<JournalEvent> decodeEvent(std::string_view record);

}  // namespace diemquet
