// Operator metrics in the Prometheus text format (GET /metrics): counters and histograms kept
// in process-wide atomics, so the storage layer, the API and the HTTP front can each count
// what they see with one call and no plumbing. Labels are a fixed, small set (route classes,
// error codes of the API); nothing personal, no ids of venues or devices.
#pragma once
#include <cstdint>
#include <string>

namespace diemquet::server::metrics {

// One finished HTTP request: its path picks the route class ("upload", "enroll", "office",
// "ops", "static", "other"); `seconds` from the request being read to the answer being queued.
void observeRequest(const std::string& path, int status, double seconds);
// A 200 upload's outcomes.
void uploadAnswered(int64_t stored, int64_t duplicates, int64_t voided, int64_t conflicts);
// An upload refused or failed: `code` is the API's error code ("invalid_token", "too_old", ...).
void uploadRefused(const std::string& code);
// A group commit of `uploads` uploads (storage/group_commit.hpp).
void groupCommitted(size_t uploads);
// PostgreSQL connection pool: size at start, leases, reconnects.
void poolSize(int connections);
void poolLeased(int delta);
void dbReconnected();
// A request answered "storage unavailable" (the database failed or was unreachable).
void dbError();
// Retention: whole monthly partitions dropped.
void partitionsDropped(int64_t n);

// The whole exposition, text/plain; version=0.0.4.
std::string render(const std::string& backend);

}  // namespace diemquet::server::metrics
