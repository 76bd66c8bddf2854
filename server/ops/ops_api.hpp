// Operator endpoints, outside /api/: GET /metrics (Prometheus text), GET /health/live (the
// process answers) and GET /health/ready (the database takes a write now). Routes in the
// server's one table (server/api/server_api.cpp). Load balancers poll /health/ready; it is cached for a second so a
// poll storm costs one database write a second.
#pragma once
#include <functional>
#include <optional>

#include "../http/router.hpp"
#include "../storage/store.hpp"

namespace diemquet::server::ops {

void addRoutes(Router& router, Store& store, const std::function<int64_t()>& clock);

// A log line as one JSON object (serve --log-format json): {"ts":..., "level":..., "msg":...};
// a line that is already a JSON object (the access log's) gets ts and level put in front.
std::string jsonLogLine(const std::string& line, int64_t nowMs);

}  // namespace diemquet::server::ops
