// The ceiling for the ingest figures: N check-ins inserted straight into the database from C++
// in ONE transaction, into the server's own schema (every index), with no HTTP, no JSON, no
// lookups and no per-upload transactions. SQLite: one prepared INSERT stepped N times, with the
// server's pragmas; PostgreSQL: the server's own multi-row INSERT (pg_bulk), 500 rows per
// statement. Usage: bench_server_ceiling sqlite:PATH|postgres:CONNSTR N  -> prints rows/s.
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "storage/postgres/pg_bulk.hpp"
#include "storage/store.hpp"

using namespace diemquet;
using namespace diemquet::server;

namespace {

std::vector<CheckIn> makeRows(int n) {
  std::vector<CheckIn> rows;
  rows.reserve(size_t(n));
  for (int i = 1; i <= n; ++i) {
    CheckIn c;
    c.deviceId = "st-ceiling";
    c.seq = i;
    c.venueId = "bench";
    c.scanPointId = "gate";
    c.person.kind = PersonKind::Cccd;
    c.person.key = "0010990" + std::to_string(10000 + i);
    c.person.displayName = "Nguyễn Văn An";
    c.person.phone = "0901234567";
    c.person.birthYear = 1990;
    c.at = Instant{1709280000000 + i, 420};
    rows.push_back(c);
  }
  return rows;
}

bool check(bool ok, const char* what, sqlite3* db) {
  if (!ok) std::fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
  return ok;
}

bool sqliteRaw(const std::string& path, const std::vector<CheckIn>& rows) {
  sqlite3* db = nullptr;
  if (!check(sqlite3_open(path.c_str(), &db) == SQLITE_OK, "open", db)) return false;
  bool ok = check(sqlite3_exec(db,
                               "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA cache_size=-65536; "
                               "BEGIN IMMEDIATE",
                               nullptr, nullptr, nullptr) == SQLITE_OK,
                  "begin", db);
  sqlite3_stmt* s = nullptr;
  ok = ok && check(sqlite3_prepare_v2(db,
                                      "INSERT INTO check_ins(device_id, seq, venue_id, scan_point_id, person_kind, "
                                      "person_key, name, phone, birth_year, dir, ts_ms, tz_min, voided, received_ms, "
                                      "ingest_seq) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                                      -1, &s, nullptr) == SQLITE_OK,
                   "prepare", db);
  auto text = [&](int i, const std::string& v) { sqlite3_bind_text(s, i, v.data(), int(v.size()), SQLITE_TRANSIENT); };
  int64_t seq = 0;
  for (const CheckIn& c : rows) {
    if (!ok) break;
    sqlite3_reset(s);
    text(1, c.deviceId);
    sqlite3_bind_int64(s, 2, c.seq);
    text(3, c.venueId);
    text(4, c.scanPointId);
    text(5, std::string(toString(c.person.kind)));
    text(6, c.person.key);
    text(7, c.person.displayName);
    text(8, c.person.phone);
    sqlite3_bind_int64(s, 9, c.person.birthYear);
    text(10, std::string(toString(c.direction)));
    sqlite3_bind_int64(s, 11, c.at.utcMs);
    sqlite3_bind_int64(s, 12, c.at.offsetMinutes);
    sqlite3_bind_int64(s, 13, c.voided ? 1 : 0);
    sqlite3_bind_int64(s, 14, 1709280000000);
    sqlite3_bind_int64(s, 15, ++seq);
    ok = check(sqlite3_step(s) == SQLITE_DONE, "insert", db);
  }
  sqlite3_finalize(s);
  ok = ok && check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK, "commit", db);
  sqlite3_close(db);
  return ok;
}

bool postgresRaw(const std::string& conninfo, const std::vector<CheckIn>& rows) {
  auto c = pg::PgConn::connect(conninfo);
  if (!c) {
    std::fprintf(stderr, "%s\n", c.error().message.c_str());
    return false;
  }
  auto fail = [](const Error& e) {
    std::fprintf(stderr, "%s\n", e.message.c_str());
    return false;
  };
  if (auto b = c.value()->exec("BEGIN"); !b) return fail(b.error());
  for (size_t at = 0; at < rows.size(); at += 500) {
    std::vector<const CheckIn*> chunk;
    for (size_t i = at; i < std::min(rows.size(), at + 500); ++i) chunk.push_back(&rows[i]);
    if (auto st = pg::insertCheckIns(*c.value(), chunk, std::vector<int64_t>(chunk.size(), 1709280000000)); !st)
      return fail(st.error());
  }
  if (auto cm = c.value()->exec("COMMIT"); !cm) return fail(cm.error());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: bench_server_ceiling sqlite:PATH|postgres:CONNSTR N\n");
    return 2;
  }
  const std::string spec = argv[1];
  {
    auto store = openStore(spec, 1);  // creates the server's schema
    if (!store) {
      std::fprintf(stderr, "%s\n", store.error().message.c_str());
      return 1;
    }
    store.value()->createVenue(Venue{"bench", "Bench", "", "", 0, 120});
  }
  const auto rows = makeRows(std::stoi(argv[2]));
  auto t0 = std::chrono::steady_clock::now();
  const bool ok = spec.rfind("sqlite:", 0) == 0 ? sqliteRaw(spec.substr(7), rows) : postgresRaw(spec.substr(9), rows);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!ok) return 1;
  std::printf("%.0f\n", double(rows.size()) / secs);
  return 0;
}
