// Binding a station to a venue poster (Settings → "Gắn theo áp phích", and a poster scanned on
// the Scan screen), the poster PDF download for an enrolled station, and the station's copy of
// the server's poster key ring, fetched when online and kept in the journal so a poster can be
// verified later without a network.
#pragma once
#include <string>

#include "station_session.hpp"

namespace diemquet::ui {

// Settings: the paste-a-link field, "Gắn máy theo áp phích", the verdict, and, once the
// station is enrolled, "Tải áp phích (PDF)". True once after a bind (here or on the Scan
// screen) changed the station's settings, so the caller can reload its form fields.
bool drawPosterBinding(StationSession& session);
// Scan screen, after the camera read a poster: its verdict (checked offline) and, for a
// genuine poster, "Gắn máy vào điểm quét này". Nothing changes until staff tap it.
void drawPosterOffer(StationSession& session, const std::string& posterUrl);
// Every frame in station mode, drawn or not: GET /api/v1/keys at start-up and every 5 minutes
// while online (30 s after a failure); a ring that differs from the stored one is journaled.
void refreshPosterKeys(StationSession& session, bool online);
// The verdict in words staff can act on (Vietnamese or English); empty for a genuine poster.
const char* posterVerdictText(visitor::PosterVerdict verdict);

}  // namespace diemquet::ui
