// `diemquet-server admin backup --db sqlite:PATH --out FILE`: a consistent copy of a live
// SQLite database through SQLite's online backup API (the server keeps running and writing;
// the copy is one snapshot). PostgreSQL is backed up with pg_dump: scripts/backup.sh does both.
#pragma once
#include <string>

namespace diemquet::server::ops {

// Returns the exit status (0 ok, 1 failure, 2 usage); messages on stderr, never data.
int backupCommand(const std::string& dbSpec, const std::string& outPath);

}  // namespace diemquet::server::ops
