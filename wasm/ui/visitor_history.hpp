// The visitor page's own history and exposure alerts (issue #17), kept apart from the visitor
// screen (visitor_ui.cpp calls these few hooks): the phone's check-ins ("Lịch sử của tôi"), the
// signed exposure list fetched when the page opens, and the alerts matched on the phone.
#pragma once
#include <cstdint>
#include <string>

#include "check_in.hpp"
#include "client/downloader.hpp"
#include "client/exposure_feed_client.hpp"
#include "exposure/visit_history.hpp"
#include "visitor/poster_trust.hpp"

namespace diemquet::ui {

// The one history of this page, replayed from the journal before the first frame.
exposure::VisitHistory& ownHistory();
// Bumps when what the history section or the alerts show changed (for the redraw test).
uint64_t ownHistoryVersion();

// The app's clients (main_visitor.cpp): the exposure feed over ownHistory(), and the export.
void setOwnHistoryClients(client::ExposureFeedClient* feed, client::Downloader* files);

// Every frame: the exposure feed's tick (the list at open, then every 10 minutes while the page
// is open, once the key ring is there; visits past the retention period purged).
void tickOwnHistory(bool online);

// Records a self check-in the journal has just saved, with the names the page showed.
void noteOwnVisit(visitor::PosterTrust& trust, const std::string& posterUrl, Direction dir, const Instant& at);

// The alerts (drawn first: they matter more than anything else on the page).
void drawExposureAlerts(visitor::PosterTrust& trust, const Instant& now);
// "Lịch sử của tôi": a fold-out list with the export.
void drawOwnHistory(visitor::PosterTrust& trust);

}  // namespace diemquet::ui
