// SqliteStore::runSql: the office's dialect-neutral statements. Reads only (reports, trace):
// one read transaction on the office's own connection, a snapshot that never waits for an
// upload nor makes one wait (WAL). Anything that writes: one IMMEDIATE transaction on the
// writer (see sqlite_store.hpp for why one writer).
#include <sqlite3.h>

#include "sqlite_store.hpp"

namespace diemquet::server {

namespace {

Error sqlError(sqlite3* db, const std::string& what) {
  const int rc = sqlite3_extended_errcode(db);
  const ErrorKind kind = (rc & 0xff) == SQLITE_CONSTRAINT ? ErrorKind::Conflict : ErrorKind::Storage;
  return makeError(kind, what + ": " + sqlite3_errmsg(db));
}

}  // namespace

// Runs one statement; appends its rows to `out`.
Status runSqliteStatement(sqlite3* db, const SqlStatement& st, SqlRows& out) {
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db, st.sql.c_str(), -1, &s, nullptr) != SQLITE_OK) {
    Error e = sqlError(db, "preparing office query");
    sqlite3_finalize(s);
    return e;
  }
  for (size_t i = 0; i < st.params.size(); ++i) {
    const int pos = int(i) + 1;
    const SqlValue& v = st.params[i];
    if (auto p = std::get_if<int64_t>(&v))
      sqlite3_bind_int64(s, pos, *p);
    else if (auto d = std::get_if<double>(&v))
      sqlite3_bind_double(s, pos, *d);
    else if (auto t = std::get_if<std::string>(&v))
      sqlite3_bind_text(s, pos, t->data(), int(t->size()), SQLITE_TRANSIENT);
    else if (auto b = std::get_if<SqlBlob>(&v))
      sqlite3_bind_blob(s, pos, b->bytes.data(), int(b->bytes.size()), SQLITE_TRANSIENT);
    else
      sqlite3_bind_null(s, pos);
  }
  int rc;
  const int cols = sqlite3_column_count(s);
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    std::vector<SqlValue> row;
    row.reserve(size_t(cols));
    for (int c = 0; c < cols; ++c) {
      switch (sqlite3_column_type(s, c)) {
        case SQLITE_INTEGER:
          row.emplace_back(int64_t(sqlite3_column_int64(s, c)));
          break;
        case SQLITE_FLOAT:
          row.emplace_back(sqlite3_column_double(s, c));
          break;
        case SQLITE_NULL:
          row.emplace_back(std::monostate{});
          break;
        case SQLITE_BLOB: {
          auto p = static_cast<const char*>(sqlite3_column_blob(s, c));
          row.emplace_back(SqlBlob{std::string(p ? p : "", size_t(sqlite3_column_bytes(s, c)))});
          break;
        }
        default: {
          auto p = reinterpret_cast<const char*>(sqlite3_column_text(s, c));
          row.emplace_back(std::string(p ? p : "", size_t(sqlite3_column_bytes(s, c))));
        }
      }
    }
    out.rows.push_back(std::move(row));
  }
  if (rc != SQLITE_DONE) {
    Error e = sqlError(db, "running office query");
    sqlite3_finalize(s);
    return e;
  }
  out.changes = sqlite3_changes(db);
  sqlite3_finalize(s);
  return Done{};
}

Result<std::vector<SqlRows>> SqliteStore::runReadOnly(const std::vector<SqlStatement>& statements, bool& wasReadOnly) {
  wasReadOnly = false;
  if (m_path.empty()) return std::vector<SqlRows>{};  // ":memory:": one connection only
  std::lock_guard lock(m_officeMutex);
  if (!m_officeDb) {
    if (sqlite3_open_v2(m_path.c_str(), &m_officeDb, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) !=
        SQLITE_OK) {
      sqlite3_close(m_officeDb);
      m_officeDb = nullptr;
      return std::vector<SqlRows>{};
    }
    sqlite3_busy_timeout(m_officeDb, 10000);
  }
  for (const SqlStatement& st : statements) {
    sqlite3_stmt* s = nullptr;
    const bool ok = sqlite3_prepare_v2(m_officeDb, st.sql.c_str(), -1, &s, nullptr) == SQLITE_OK;
    const bool readOnly = ok && s && sqlite3_stmt_readonly(s);
    sqlite3_finalize(s);
    if (!readOnly) return std::vector<SqlRows>{};  // a write, or an error the writer reports
  }
  wasReadOnly = true;
  if (sqlite3_exec(m_officeDb, "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK)
    return sqlError(m_officeDb, "starting an office read");
  std::vector<SqlRows> out(statements.size());
  for (size_t i = 0; i < statements.size(); ++i) {
    if (auto st = runSqliteStatement(m_officeDb, statements[i], out[i]); !st) {
      sqlite3_exec(m_officeDb, "ROLLBACK", nullptr, nullptr, nullptr);
      return st.error();
    }
  }
  sqlite3_exec(m_officeDb, "COMMIT", nullptr, nullptr, nullptr);
  return out;
}

Result<std::vector<SqlRows>> SqliteStore::runSql(const std::vector<SqlStatement>& statements) {
  bool readOnly = false;
  auto read = runReadOnly(statements, readOnly);
  if (readOnly) return read;
  std::lock_guard lock(m_mutex);
  if (auto st = exec("BEGIN IMMEDIATE"); !st) return st.error();
  std::vector<SqlRows> out(statements.size());
  for (size_t i = 0; i < statements.size(); ++i) {
    if (auto st = runSqliteStatement(m_db, statements[i], out[i]); !st) {
      exec("ROLLBACK");
      return st.error();
    }
  }
  if (auto st = exec("COMMIT"); !st) {
    exec("ROLLBACK");
    return st.error();
  }
  return out;
}

}  // namespace diemquet::server
