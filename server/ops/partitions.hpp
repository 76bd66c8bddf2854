// Monthly partitions of check-ins on PostgreSQL (migration 300, storage/schema_ops.hpp), kept
// by the retention purge (office/retention.cpp): months are created ahead before each purge,
// and months wholly before the cutoff are dropped instead of deleted row by row. SQLite has
// no partitions: both are no-ops there.
#pragma once
#include <cstdint>
#include <optional>

#include "../storage/store.hpp"

namespace diemquet::server::partitions {

constexpr int kMonthsAhead = 2;

bool partitioned(const Store& store);
// Creates the months from the one holding `fromMs` to kMonthsAhead after `nowMs`; returns how
// many were created (0 on SQLite).
Result<int64_t> ensureMonths(Store& store, int64_t fromMs, int64_t nowMs);
// The purge's statement that drops the months ending at or before `cutoffMs`; its one row is
// (partitions dropped, check-ins they held). Nothing on SQLite.
std::optional<SqlStatement> dropMonthsBefore(const Store& store, int64_t cutoffMs);

}  // namespace diemquet::server::partitions
