// Kiosk station (issue #17): a station locked for visitors to use themselves at an unattended
// entrance. Big instructions over the camera, each scan saved without a tap (in or out as the
// station decides), a big confirmation with the masked ID, then back to the instructions; the
// settings, the lists and the navigation are hidden, the screen kept on (Wake Lock), and only
// the PIN staff chose leaves it. The lock is kept in localStorage: a reload stays locked.
#pragma once
#include "client/key_value_store.hpp"
#include "station_ui.hpp"

namespace diemquet::ui {

// Where the lock is kept (the app passes localStorage): a reload stays locked.
void setKioskStore(client::KeyValueStore* store);
// Draws the whole kiosk into the current window and returns true when the station is locked;
// false (nothing drawn) when it is not.
bool drawKiosk(StationSession& session, UiState& ui, bool online);
// While a confirmation is on screen, or the camera changed: frames are needed.
bool kioskNeedsFrame();
// Settings' block: choose a PIN and lock.
void drawKioskSetup(StationSession& session, UiState& ui);
// For automation (dq_state): locked, and the wake lock's state as a word.
bool kioskLocked();
const char* kioskWakeLockWord();

}  // namespace diemquet::ui
