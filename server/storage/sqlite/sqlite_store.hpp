// SQLite backend: one database file in WAL mode, one connection used by one thread at a time
// (a serialized writer: SQLite allows one writer anyway, and this keeps the code obvious);
// concurrent uploads share one transaction and one fsync (group commit, see ingest).
#pragma once
#include <condition_variable>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "../group_commit.hpp"
#include "../store.hpp"
#include "wal_checkpointer.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace diemquet::server {

// Prepared statements kept per connection for the statements every upload runs (preparing
// them each time was a tenth of the server's CPU with small batches). Used under the
// connection's lock; cleared before the connection closes.
class SqliteStatementCache {
 public:
  ~SqliteStatementCache() { clear(); }
  sqlite3_stmt* get(sqlite3* db, const char* sql);  // nullptr if it does not prepare
  void clear();

 private:
  std::unordered_map<std::string, sqlite3_stmt*> m_statements;
};

class RepeatedEntryMarks;

// Runs one of runSql's dialect-neutral statements on `db`, in whatever transaction is open;
// appends its rows to `out` (office_sql.cpp).
Status runSqliteStatement(sqlite3* db, const SqlStatement& st, SqlRows& out);

class SqliteStore final : public Store {
 public:
  static Result<std::unique_ptr<SqliteStore>> open(const std::string& path);
  ~SqliteStore() override;
  const char* backendName() const override { return "sqlite"; }

  Status migrate() override;
  Result<int> schemaVersion() override;
  Status createVenue(const Venue& v) override;
  Status addScanPoint(const ScanPoint& p) override;
  Result<std::optional<Venue>> findVenue(const std::string& venueId) override;
  Result<std::vector<ScanPoint>> scanPoints(const std::string& venueId) override;
  Status addEnrollmentCode(const std::string& venueId, const std::string& codeHash, int64_t createdMs,
                           int64_t expiresMs) override;
  Result<std::string> redeemEnrollmentCode(const std::string& codeHash, const std::string& deviceId,
                                           const std::string& tokenHash, int64_t nowMs) override;
  Result<std::optional<Principal>> authenticate(const std::string& tokenHash) override;
  Status revokeDevice(const std::string& venueId, const std::string& deviceId, int64_t nowMs) override;
  Result<IngestResult> ingest(const std::vector<CheckIn>& batch, int64_t receivedMs) override;
  Result<std::vector<CheckIn>> checkInsOfVenue(const std::string& venueId) override;
  Result<std::vector<ConflictRecord>> conflictsOfVenue(const std::string& venueId) override;
  Result<std::vector<CheckIn>> recentCheckInsOfVenue(const std::string& venueId, int64_t sinceMs) override;
  Result<int64_t> addExposure(const ExposureRow& row) override;  // exposures_*.cpp
  Status withdrawExposure(int64_t id, const std::string& by, int64_t nowMs) override;
  Result<std::vector<ExposureRow>> exposures(int64_t untilFromMs, bool withWithdrawn) override;
  Result<int64_t> exposureListVersion() override;
  Result<std::vector<SqlRows>> runSql(const std::vector<SqlStatement>& statements) override;  // office_sql.cpp
  // Posters: posters_sqlite.cpp / posters_pg.cpp.
  Status addSigningKey(const SigningKeyRow& key) override;
  Result<std::vector<SigningKeyRow>> signingKeys() override;
  Status revokeSigningKey(const std::string& keyId, int64_t nowMs) override;
  Status recordPosters(const std::vector<PosterRow>& rows) override;
  Result<std::vector<PosterRow>> postersOfVenue(const std::string& venueId) override;
  Status recordSelfDeclaration(const std::string& venueId, const std::string& deviceId, int64_t seq,
                               const std::string& declarationJson, int64_t receivedMs) override;

 private:
  explicit SqliteStore(sqlite3* db) : m_db(db) {}
  Status exec(const char* sql);
  void commitGroup(const std::vector<PendingIngest*>& group);
  bool commitTogether(const std::vector<PendingIngest*>& group);  // false: rolled back, results hold the error
  Status ingestLocked(const std::vector<CheckIn>& batch, int64_t receivedMs, int64_t& feedSeq, IngestResult& out);
  // The group's repeated entries, in its transaction; a row whose mark moved gets ++feedSeq.
  Status markRepeatedEntries(const RepeatedEntryMarks& marks, int64_t nowMs, int64_t& feedSeq);
  // The connection for authenticate/findVenue (m_db when there is none, e.g. ":memory:").
  std::pair<sqlite3*, std::unique_lock<std::mutex>> reader();
  SqliteStatementCache& cacheFor(sqlite3* db);
  sqlite3* m_db;
  std::mutex m_mutex;  // the connection is used by one thread at a time
  SqliteStatementCache m_writeCache;
  sqlite3* m_readDb = nullptr;
  std::mutex m_readMutex;
  SqliteStatementCache m_readCache;
  // The office's reads (reports, trace) on a third connection: a province report that reads
  // for seconds holds neither the writer nor the upload checks' reader (office_sql.cpp).
  Result<std::vector<SqlRows>> runReadOnly(const std::vector<SqlStatement>& statements, bool& wasReadOnly);
  std::string m_path;
  sqlite3* m_officeDb = nullptr;
  std::mutex m_officeMutex;
  std::unique_ptr<WalCheckpointer> m_checkpointer;
  GroupCommit m_groupCommit;
};

}  // namespace diemquet::server
