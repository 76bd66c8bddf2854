// The journal-backed state the station and the visitor page share: the Station (replayed
// from IndexedDB into SQLite), the poster key ring and visitor profile (PosterTrust), and the
// session that saves through the journal. The office links none of it.
#pragma once
#include <nlohmann/json.hpp>

#include "station_session.hpp"
#include "visitor/poster_trust.hpp"

namespace diemquet::app {

Station& station();
visitor::PosterTrust& posterTrust();
// After the replay: finishes it and creates the session (once).
StationSession& startSession();
// Null before startSession().
StationSession* session();
// Counts, configuration and the save status, for automation (dq_state) and the page.
nlohmann::json stationStateJson();

}  // namespace diemquet::app
