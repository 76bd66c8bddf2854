#include "venue_timeline.hpp"

#include <algorithm>

namespace diemquet::server {

void reconcileTimelines(std::vector<TimelineEntry>& entries, int64_t stayMs, int64_t repeatWindowMs) {
  std::stable_sort(entries.begin(), entries.end(), [](const TimelineEntry& a, const TimelineEntry& b) {
    if (a.person != b.person) return a.person < b.person;
    if (a.atMs != b.atMs) return a.atMs < b.atMs;
    return a.deviceId != b.deviceId ? a.deviceId < b.deviceId : a.seq < b.seq;
  });
  const TimelineEntry* open = nullptr;  // the entry that let the person in, while inside
  for (size_t i = 0; i < entries.size(); ++i) {
    TimelineEntry& e = entries[i];
    if (i > 0 && entries[i - 1].person != e.person) open = nullptr;
    if (open && e.atMs - open->atMs > stayMs) open = nullptr;  // that visit ended by itself
    e.effectiveIn = e.in;
    e.closesSamePoint = false;
    e.repeatsEntry = false;
    if (!e.in) {
      open = nullptr;
      continue;
    }
    if (open && open->deviceId != e.deviceId) {
      const bool samePoint = !e.scanPoint.empty() && e.scanPoint == open->scanPoint;
      if (samePoint && e.atMs - open->atMs <= repeatWindowMs) {
        // The second phone at the gate, offline, took her in again: her entry, not her exit.
        // The visit stays the one `open` began.
        e.repeatsEntry = true;
        continue;
      }
      e.effectiveIn = false;  // in at another gate while inside: the way out
      e.closesSamePoint = samePoint;
      open = nullptr;
      continue;
    }
    open = &e;
  }
}

}  // namespace diemquet::server
