#include "repeated_entries.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <set>

#include "common/venue_timeline.hpp"

namespace diemquet::server {

Status markRepeatedEntries(Store& store, const std::vector<CheckIn>& changed) {
  struct Span {
    int64_t from = std::numeric_limits<int64_t>::max(), to = std::numeric_limits<int64_t>::min();
    std::set<std::string> keys, phones;  // whose timelines the changed records are in
    std::set<RecordId> voided;           // voided by this upload: no longer any entry
  };
  std::map<std::string, Span> venues;
  for (const CheckIn& c : changed) {
    Span& s = venues[c.venueId];
    s.from = std::min(s.from, c.at.utcMs);
    s.to = std::max(s.to, c.at.utcMs);
    if (c.voided) s.voided.insert(RecordId{c.deviceId, c.seq});
    if (!c.person.key.empty())
      s.keys.insert(c.person.key);
    else if (!c.person.phone.empty())
      s.phones.insert(c.person.phone);
  }
  for (const auto& [venueId, span] : venues) {
    auto venue = store.findVenue(venueId);
    if (!venue) return venue.error();
    const int64_t stayMs =
        int64_t(venue.value() && venue.value()->defaultStayMinutes > 0 ? venue.value()->defaultStayMinutes : 120) *
        60'000;
    // Two stays back: the entries the changed records may repeat or follow; one stay on: the
    // records whose reading they change. Marks are decided only from one stay back on, where
    // the timeline sees a whole stay before each record.
    auto rows = store.timelineRowsOfVenue(venueId, span.from - 2 * stayMs, span.to + stayMs,
                                          std::vector<std::string>(span.keys.begin(), span.keys.end()),
                                          std::vector<std::string>(span.phones.begin(), span.phones.end()));
    if (!rows) return rows.error();
    const int64_t decideFrom = span.from - stayMs, decideTo = span.to + stayMs;
    std::vector<TimelineEntry> timeline;
    timeline.reserve(rows->size());
    for (size_t i = 0; i < rows->size(); ++i) {
      const TimelineRow& r = (*rows)[i];
      timeline.push_back(TimelineEntry{r.person, r.id.deviceId, int64_t(i), r.atMs, r.in, r.in, r.scanPoint});
    }
    reconcileTimelines(timeline, stayMs);
    std::set<RecordId> repeats, read;
    std::vector<TimelineRow> toMark;
    for (const TimelineEntry& e : timeline) {
      const TimelineRow& r = (*rows)[size_t(e.seq)];
      read.insert(r.id);
      if (!e.repeatsEntry || r.atMs < decideFrom) continue;
      repeats.insert(r.id);
      toMark.push_back(r);
    }
    auto marked = store.repeatedEntriesOfVenue(venueId, decideFrom, decideTo);
    if (!marked) return marked.error();
    std::set<RecordId> already(marked->begin(), marked->end());
    std::erase_if(toMark, [&](const TimelineRow& r) { return already.count(r.id) > 0; });
    std::vector<RecordId> toUnmark;
    // Only the marks of the people read here are decided here; a record this upload voided is
    // not read (voided) and is no entry any more.
    for (const RecordId& id : already)
      if (!repeats.count(id) && (read.count(id) || span.voided.count(id))) toUnmark.push_back(id);
    if (auto st = store.changeRepeatedEntries(venueId, toMark, toUnmark); !st) return st.error();
  }
  return Done{};
}

}  // namespace diemquet::server
