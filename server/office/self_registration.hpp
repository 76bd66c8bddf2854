// Venues that register themselves (issue 14, step 3), as owners did on the national QR sites:
// a public registration that answers with the venue, its scan points, one enrollment code per
// scan point and the owner's key (shown once, stored as a hash); the owner's key then opens
// that venue only (reprint posters, add scan points, issue codes); the commune's officer
// confirms or rejects it. Abuse: registrations per network address and per phone are limited,
// a venue with the same name or street address in the same commune is flagged to the officer,
// and no public answer carries anything personal. See docs/api.md.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "../http/router.hpp"
#include "office_db.hpp"

namespace diemquet::server::office {

// POST /api/v1/self-registrations and /api/v1/owner/{venue,posters,scan-points,codes} (no
// officer session: the owner's key); GET /api/v1/office/self-registrations and POST
// /api/v1/office/venues/{id}/verify for an officer of the venue's area.
// "0903 123 456", "+84 903.123.456" -> "0903123456"; empty when it is not a Vietnamese number
// (10 or 11 digits from 0).
std::string phoneKey(const std::string& typed);

void addSelfRegistrationRoutes(Router& router, Store& store, const std::function<int64_t()>& clock,
                               const std::function<void(const std::string&)>& log);

}  // namespace diemquet::server::office
