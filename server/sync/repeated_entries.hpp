// Two phones at one gate, the second offline (session 12): after an upload, each venue it
// touched is read as one timeline again (common/venue_timeline.hpp) and the entries that only
// repeat another phone's entry at the same gate are marked (storage: repeated_entries), so
// the report counts that person once. The marks follow the timeline: a late upload of the
// first phone's entry, or a void, moves them.
#pragma once
#include <vector>

#include "check_in.hpp"
#include "../storage/store.hpp"

namespace diemquet::server {

// `changed`: the check-ins the upload stored or voided. Reads each venue's records from two
// stays before the earliest of them to one stay after the latest.
Status markRepeatedEntries(Store& store, const std::vector<CheckIn>& changed);

}  // namespace diemquet::server
