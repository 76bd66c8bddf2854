// Contact tracing: a person's visits to venues inside an officer's area over a date range, and
// the people present at the same venue in overlapping windows.
#pragma once
#include <string>
#include <vector>

#include "office_db.hpp"

namespace diemquet::server::office {

struct TraceQuery {
  std::string id;            // CCCD, BHYT number or phone: matched against person_key and phone
  int64_t fromMs = 0, toMs = 0;  // visits starting in [fromMs, toMs)
  int marginMinutes = 30;    // widen each of the person's visits by this on both sides
  int stayMinutes = 0;       // a visit with no check-out lasts this long; 0 = the venue's default
};

// One stay at a venue, built from check-in records of any of its scan points: an "in" opens a
// visit, the next "out" at the same venue closes it; an "in" with no "out" before the next
// "in" lasts the stay; an "out" with no "in" is taken to have started one stay earlier.
struct Visit {
  std::string venueId, venueName;
  std::string kind, key, name, phone;  // who (for contacts)
  int64_t startMs = 0, endMs = 0;
  bool endEstimated = false, startEstimated = false;
  bool selfCheckIn = false;  // from the visitor's own phone (poster), not scanned by staff
  std::vector<std::string> scanPoints;
  std::vector<std::string> scanPointNames;  // the same, as people read them ("Cổng chính")
};

struct Contact {
  Visit visit;           // the other person's visit
  int64_t overlapMs = 0;  // overlap with the person's visit widened by the margin (0 when only touching)
};

struct TraceResult {
  std::vector<Visit> visits;      // the person's, by start time
  std::vector<Contact> contacts;  // by venue, then start time
};

Result<TraceResult> runTrace(Store& store, const Officer& who, const TraceQuery& q);
nlohmann::json traceJson(const TraceResult& r);
// The trace as CSV, its header and row kinds in `lang` (the officer's office language).
std::string traceCsv(const TraceResult& r, ExportLang lang = ExportLang::Vi);

}  // namespace diemquet::server::office
