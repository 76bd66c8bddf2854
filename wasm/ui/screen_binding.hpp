// Binding a station to a venue poster (Settings → "Gắn theo áp phích", and a poster scanned on
// the Scan screen), the poster PDF download for an enrolled station, and the station's copy of
// the server's poster key ring, fetched when online and kept in the journal so a poster can be
// verified later without a network.
#pragma once
#include <string>

#include <optional>

#include "client/downloader.hpp"
#include "client/key_ring_client.hpp"
#include "i18n.hpp"
#include "station_session.hpp"

namespace diemquet::ui {

// Settings: the paste-a-link field, "Gắn máy theo áp phích", the verdict, and, once the
// station is enrolled, "Tải áp phích (PDF)". True once after a bind (here or on the Scan
// screen) changed the station's settings, so the caller can reload its form fields.
bool drawPosterBinding(StationSession& session);
// Scan screen, after the camera read a poster: its verdict (checked offline) and, for a
// genuine poster, "Gắn máy vào điểm quét này". Nothing changes until staff tap it. True in
// the frame it is tapped.
bool drawPosterOffer(StationSession& session, const std::string& posterUrl);
// The clients the app wires in (main_station.cpp): the key ring, venue names and codes
// (client::KeyRingClient) and the poster PDF download.
void setPosterClients(client::KeyRingClient* keys, client::Downloader* files);
// Every frame in station mode, drawn or not: the key ring when due (client::KeyRingClient's
// policy), and the names of a venue bound offline.
void refreshPosterKeys(StationSession& session, bool online);
// The verdict in words staff can act on, as a key (none for a genuine poster), and in the
// current language ("" for a genuine poster).
std::optional<Str> posterVerdictKey(visitor::PosterVerdict verdict);
const char* posterVerdictText(visitor::PosterVerdict verdict);

}  // namespace diemquet::ui
