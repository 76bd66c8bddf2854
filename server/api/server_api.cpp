#include "server_api.hpp"

#include <exception>

#include "../areas/area_api.hpp"
#include "../exposures/exposures_api.hpp"
#include "../office/office_api.hpp"
#include "../ops/ops_api.hpp"
#include "../posters/posters.hpp"
#include "../posters/short_codes.hpp"
#include "../sync/sync_api.hpp"

namespace diemquet::server {

Api::Api(Store& store, Clock clock, Logger log) : m_log(log) {
  ops::addRoutes(m_router, store, clock);             // /metrics, /health/live, /health/ready
  addSyncRoutes(m_router, store, clock, log);         // /api/v1/health, enroll, checkins
  posters::addRoutes(m_router, store, clock, log);    // keys, self check-ins, posters
  posters::addShortCodeRoutes(m_router, store, log);  // /c/{code}, /api/v1/short-codes/{code}
  areas::addRoutes(m_router, store, clock);           // /api/v1/areas
  office::addRoutes(m_router, store, clock, log);     // /api/v1/office/..., reports, feed, config
  exposures::addRoutes(m_router, store, clock, log);  // /api/v1/exposures, /api/v1/office/exposures
}

ApiResponse Api::handle(const ApiRequest& req) {
  try {
    if (auto r = m_router.dispatch(req)) return *r;
    return errorResponse(404, "not_found", "No such API endpoint.");
  } catch (const std::exception& e) {
    if (m_log) m_log(std::string("internal error: ") + e.what());
  } catch (...) {
    if (m_log) m_log("internal error: unknown exception");
  }
  return errorResponse(500, "internal", "The server failed to handle the request; nothing was stored.");
}

bool Api::isApiPath(const std::string& path) const {
  return path.rfind("/api/", 0) == 0 || m_router.knowsPath(path);
}

}  // namespace diemquet::server
