// Keeping the screen on while a station is a kiosk (the Screen Wake Lock API where the browser
// has it: Chromium, Safari 16.4+); taken again when the page becomes visible, since the
// browser releases it whenever the page is hidden.
#pragma once

namespace diemquet::platform {

enum class WakeLockState { Off, Held, Unsupported, Refused };

void wakeLockKeep(bool on);
WakeLockState wakeLockState();

}  // namespace diemquet::platform
