// A prepared statement for the SQLite store's smaller tables (posters, exposures): bound by
// position, finalized on scope exit. The check-in path keeps its own (sqlite_store.cpp).
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <string>

namespace diemquet::server {

struct SqliteQuery {
  sqlite3_stmt* s = nullptr;
  SqliteQuery(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &s, nullptr); }
  ~SqliteQuery() { sqlite3_finalize(s); }
  SqliteQuery(const SqliteQuery&) = delete;
  SqliteQuery& operator=(const SqliteQuery&) = delete;
  SqliteQuery& bind(int i, const std::string& v) {
    sqlite3_bind_text(s, i, v.data(), int(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  SqliteQuery& bind(int i, int64_t v) {
    sqlite3_bind_int64(s, i, v);
    return *this;
  }
  int step() { return s ? sqlite3_step(s) : SQLITE_ERROR; }
  std::string text(int c) const {
    auto p = sqlite3_column_text(s, c);
    return p ? std::string(reinterpret_cast<const char*>(p), size_t(sqlite3_column_bytes(s, c))) : std::string();
  }
  int64_t integer(int c) const { return sqlite3_column_int64(s, c); }
};

}  // namespace diemquet::server
