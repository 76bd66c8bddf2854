// The station's view of the browser: clock, network, randomness, the durable journal and the
// phone keyboard. One .cpp per browser API implements it; nothing above this layer sees JS.
#pragma once
#include <cstdint>
#include <functional>
#include <string>

#include "time.hpp"

namespace diemquet::platform {

// Wall clock with the phone's current UTC offset.
Instant now();

// navigator.onLine, as last reported by the online/offline events.
bool isOnline();

// Cryptographic randomness (crypto.getRandomValues).
void randomBytes(unsigned char* out, size_t n);

// Appends one record to the IndexedDB journal. `done(true)` is called once the transaction
// has committed (durability "strict" where supported), `done(false)` if it failed; either
// way exactly once, from the browser's event loop.
void journalAppend(const std::string& record, std::function<void(bool)> done);

// Announces a short text to screen readers (an aria-live region) and to automation.
void announce(const std::string& text);
// The current screen's title, status and errors (ui::probe::lastFrameSpoken), when it changes.
void announceScreen(const std::string& summary);

// Short confirmation feedback: a beep and a vibration where the phone allows it.
void feedbackSaved();
void feedbackError();

}  // namespace diemquet::platform
