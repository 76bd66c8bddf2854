// Exposures (issue #17): an officer publishes, from a trace result, a venue (optionally one scan
// point), a time window and short advice; the server publishes every active one as a list
// signed with the poster key ring, which visitors' phones match against their own history.
// See docs/api.md "Exposures".
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "../office/office_db.hpp"
#include "storage/store.hpp"
#include "../http/router.hpp"

namespace diemquet::server::exposures {

// GET /api/v1/exposures: public, no personal data, with an ETag (If-None-Match: 304) and
// revalidated at every use. Officers: GET /api/v1/office/exposures (those of their area), POST
// (publish) and POST /api/v1/office/exposures/{id}/withdraw; both changes are audited.
void addRoutes(Router& router, Store& store, const std::function<int64_t()>& clock,
               const std::function<void(const std::string&)>& log);

// The signed list as of `nowMs` (what GET /api/v1/exposures sends).
Result<std::string> signedList(Store& store, int64_t nowMs);

}  // namespace diemquet::server::exposures
