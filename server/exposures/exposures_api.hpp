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
#include "sync/api.hpp"

namespace diemquet::server::exposures {

// GET /api/v1/exposures: public, no personal data, with an ETag (If-None-Match: 304) and
// revalidated at every use. nullopt for every other path.
std::optional<ApiResponse> route(const ApiRequest& req, Store& store, const std::function<int64_t()>& clock,
                                 const std::function<void(const std::string&)>& log);

// The signed list as of `nowMs` (what route() sends).
Result<std::string> signedList(Store& store, int64_t nowMs);

// /api/v1/office/exposures (GET: those of the officer's area; POST: publish) and
// /api/v1/office/exposures/{id}/withdraw (POST). Both changes are audited. `seg` is the path
// split at '/'; the caller has authenticated `me`.
ApiResponse officeRequest(const ApiRequest& req, const std::vector<std::string>& seg, Store& store,
                          const office::Officer& me, int64_t nowMs);

}  // namespace diemquet::server::exposures
