// The sync room: what stations call (enroll, upload, health). Its routes join the server's
// one table (server/api/server_api.cpp). See docs/api.md.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <variant>

#include "../http/router.hpp"
#include "../storage/store.hpp"

namespace diemquet::server {

constexpr size_t kMaxBatchSize = 1000;  // check-ins per upload

// The stations' endpoints: GET /api/v1/health, POST /api/v1/enroll, POST /api/v1/checkins,
// POST /api/v1/presence.
void addSyncRoutes(Router& router, Store& store, std::function<int64_t()> clock,
                   std::function<void(const std::string&)> log);

// The sync room's shared answers: a storage failure (503 + Retry-After, logged and counted),
// and the device behind a bearer token or the answer that refuses it (401, 403 or 503).
ApiResponse storageUnavailable(const Error& e, const std::function<void(const std::string&)>& log);
std::variant<Principal, ApiResponse> authenticateDevice(const ApiRequest& req, Store& store,
                                                        const std::function<void(const std::string&)>& log);

// POST /api/v1/presence (presence_api.cpp): who of the venue is inside, across its stations.
ApiResponse presence(const ApiRequest& req, Store& store, int64_t nowMs,
                     const std::function<void(const std::string&)>& log);

// [1,2,3,5,7,8] -> [[1,3],[5,5],[7,8]]; input need not be sorted or unique.
std::vector<std::pair<int64_t, int64_t>> seqRanges(std::vector<int64_t> seqs);

}  // namespace diemquet::server
