// Whether a scanned card is past its printed validity: a BHYT card's "valid to" date, a CCCD's
// expiry date (the 8th field some readers add). Staff are warned; the check-in is still
// recorded (who came in matters for tracing whatever the card's state).
#pragma once
#include <optional>

#include "payload/scanned_payload.hpp"
#include "time.hpp"

namespace diemquet {

// The card's last valid day if it is before `now`'s local day; nothing if the card is valid,
// has no end date, or is not a card with one.
std::optional<CardDate> cardExpiredOn(const ScannedPayload& card, const Instant& now);

}  // namespace diemquet
