// A venue's posters printed at the commune office: for a citizen's "no poster" / "wrong poster"
// report, or an owner without a smartphone who comes to the office. See docs/api.md.
#pragma once
#include <functional>
#include <string>

#include "../http/router.hpp"
#include "../storage/store.hpp"

namespace diemquet::server::office {

// GET /api/v1/office/venues/{id}/posters.pdf for an officer whose area holds the venue: the
// venue's current posters (posters::postersToPrint: the printed QR codes stay valid), audited.
void addVenuePosterRoutes(Router& router, Store& store, const std::function<int64_t()>& clock,
                          const std::function<void(const std::string&)>& log);

}  // namespace diemquet::server::office
