// Many check-ins in one INSERT: each column travels as one array parameter and unnest()
// turns the arrays back into rows, so a batch of 500 costs one round trip instead of 500.
// Used by PgStore::ingest and by the ingest ceiling benchmark (the same statement).
#pragma once
#include <vector>

#include "check_in.hpp"
#include "pg_conn.hpp"

namespace diemquet::server::pg {

// A PostgreSQL array literal of text values: {"a","b\"c"} (every element quoted, so empty
// strings, commas, braces and NULL-looking words stay text).
std::string textArray(const std::vector<std::string>& values);
// A PostgreSQL array literal of whole numbers: {1,2,3}.
std::string bigintArray(const std::vector<int64_t>& values);

// Inserts `rows` (none of which may exist yet); receivedMs[i] is row i's arrival time.
Status insertCheckIns(PgConn& c, const std::vector<const CheckIn*>& rows, const std::vector<int64_t>& receivedMs);

}  // namespace diemquet::server::pg
