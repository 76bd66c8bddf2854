// One presence across a venue's gates (issue #17): each person's records at a venue, from all
// of its stations, read as one timeline. Offline, each station decides a scan's direction
// alone; a person who entered at gate A and leaves at gate B (whose station had not heard of
// A's record) is recorded "in" twice. Read in order, the second "in" is the way out: an "in"
// from another device while the person is inside (entered less than one stay ago) counts as
// "out". The same device's own "in" again is the staff's decision and stays. An "in" from
// another device at the SAME scan point within the repeat window of the entry that opened the
// visit is that entry again (two phones at one gate, the second offline): kept, but neither a
// new visit nor the way out. The trace, the presence answer and the stations' corrections all
// use this one rule.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "journal.hpp"

namespace diemquet::server {

struct TimelineEntry {
  std::string person;  // grouping key (kind:key, or the phone)
  std::string deviceId;
  int64_t seq = 0;
  int64_t atMs = 0;
  bool in = true;           // as recorded
  bool effectiveIn = true;  // as the venue's timeline reads it (set by reconcileTimelines)
  std::string scanPoint;    // where it was recorded ("" unknown)
  // Set by reconcileTimelines on an "in" read as the way out: the "in" it closes was at this
  // same scan point (two phones at one gate), not at another gate. Its station says which.
  bool closesSamePoint = false;
  // Set by reconcileTimelines on an "in" that repeats the visit's entry at the same scan point
  // from another device within the repeat window: it stays "in" and opens nothing.
  bool repeatsEntry = false;
};

// The window within which a second phone's entry at the same gate repeats the first. Stations
// may set their own for their own scans (Settings); the server, merging what offline phones
// decided alone, reads every station's records with the default.
constexpr int64_t kServerRepeatWindowMs = int64_t(kDefaultRepeatWindowMinutes) * 60'000;

// Sets effectiveIn of every entry; reorders `entries` by person, then time. `stayMs`: the
// venue's usual stay (an entry older than that closed itself); `repeatWindowMs`: how long after
// an entry another device's entry at the same scan point is the same entry again.
void reconcileTimelines(std::vector<TimelineEntry>& entries, int64_t stayMs,
                        int64_t repeatWindowMs = kServerRepeatWindowMs);

}  // namespace diemquet::server
