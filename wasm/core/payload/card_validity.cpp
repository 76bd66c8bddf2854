#include "payload/card_validity.hpp"

namespace diemquet {

std::optional<CardDate> cardExpiredOn(const ScannedPayload& card, const Instant& now) {
  CardDate end;
  if (const auto* b = std::get_if<BhytCard>(&card.details)) end = b->validTo;
  else if (const auto* c = std::get_if<CccdCard>(&card.details)) end = c->expiryDate;
  if (end.empty()) return std::nullopt;
  int64_t localMs = now.localMs();
  int64_t day = localMs >= 0 ? localMs / 86400000 : (localMs - 86399999) / 86400000;
  int y = 0;
  unsigned m = 0, d = 0;
  civilFromDays(day, y, m, d);
  CardDate today{y, int(m), int(d)};
  // A year-only end date (never printed so, but possible) lasts the whole year.
  CardDate last = end.yearOnly() ? CardDate{end.year, 12, 31} : end;
  if (last < today) return end;
  return std::nullopt;
}

}  // namespace diemquet
