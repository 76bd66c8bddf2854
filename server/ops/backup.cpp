#include "backup.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <iostream>

namespace diemquet::server::ops {

int backupCommand(const std::string& dbSpec, const std::string& outPath) {
  if (dbSpec.rfind("sqlite:", 0) != 0) {
    std::cerr << "error: admin backup copies SQLite databases; for PostgreSQL use scripts/backup.sh (pg_dump)\n";
    return 2;
  }
  if (outPath.empty()) {
    std::cerr << "error: admin backup needs --out FILE\n";
    return 2;
  }
  if (std::filesystem::exists(outPath)) {
    std::cerr << "error: " << outPath << " exists; a backup never overwrites a file\n";
    return 1;
  }
  const std::string tmp = outPath + ".partial";
  sqlite3 *src = nullptr, *dst = nullptr;
  auto done = [&](int rc, const std::string& why) {
    if (!why.empty()) std::cerr << "error: backup failed: " << why << "\n";
    sqlite3_close(src);
    sqlite3_close(dst);
    if (rc != 0) std::filesystem::remove(tmp);
    return rc;
  };
  if (sqlite3_open_v2(dbSpec.substr(7).c_str(), &src, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
    return done(1, std::string("cannot open the database: ") + sqlite3_errmsg(src));
  sqlite3_busy_timeout(src, 10000);
  if (sqlite3_open(tmp.c_str(), &dst) != SQLITE_OK) return done(1, "cannot create " + tmp);
  sqlite3_backup* b = sqlite3_backup_init(dst, "main", src, "main");
  if (!b) return done(1, sqlite3_errmsg(dst));
  // All pages in one step: one read transaction, so the copy is one consistent snapshot while
  // the server goes on writing to its WAL.
  int rc = sqlite3_backup_step(b, -1);
  while (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
    sqlite3_sleep(100);
    rc = sqlite3_backup_step(b, -1);
  }
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) return done(1, sqlite3_errstr(rc));
  // The copy as a single file (no -wal beside it), then renamed into place: never half a file.
  sqlite3_exec(dst, "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr);
  sqlite3_close(dst);
  dst = nullptr;
  std::error_code ec;
  std::filesystem::rename(tmp, outPath, ec);
  if (ec) return done(1, "cannot rename into " + outPath + ": " + ec.message());
  std::cout << "backed up to " << outPath << "\n";
  return done(0, "");
}

}  // namespace diemquet::server::ops
