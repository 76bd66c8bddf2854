// The sync section of the station UI (screen_sync.cpp): enrollment with the office's code,
// the pending count and last sync time, "Đồng bộ ngay" and the upload progress bar.
#pragma once
#include "station_session.hpp"
#include "sync/connection.hpp"
#include "sync/presence.hpp"
#include "sync/sync_client.hpp"

namespace diemquet::ui {

// main.cpp hands the one sync client to the UI at boot (null: no sync, e.g. in tools).
void setSyncClient(sync::SyncClient* client);
// The presence poller, whose unanswered asks the pill counts, and when the page started: an
// answer kept from before it (sync/last_answer.hpp) is no sign the server is reached now.
void setServerContact(const sync::PresencePoller* poller, int64_t startedMs);
// What the top-bar pill shows: the network and whether scans reach the server.
sync::Connection stationConnection(const StationSession& session, bool networkOnline);
// Whether the server is reached now (the pill's "Trực tuyến"): else what the phone knows of
// the venue's other gates is as of the last answer, and Today says when that was.
bool serverReachedNow(const StationSession& session);
// The network as this frame sees it (navigator.onLine): offline, "Đồng bộ ngay" is replaced
// by why nothing is sent, since tapping it could change nothing.
void setSyncNetworkOnline(bool online);
// Settings: enrollment (code field, "Kết nối máy chủ"), scan point choice, sync status.
void drawSyncSettings(StationSession& session);
// Today's footer: stored, pending, last sync, and the progress bar while uploading.
void drawSyncFooter(StationSession& session);

}  // namespace diemquet::ui
