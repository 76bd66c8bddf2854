// PostgreSQL backend: a pool of libpq connections; each call leases one for its transaction.
// Several server processes may share one database: a device's uploads are serialized by a
// transaction-scoped advisory lock on the device id, so (device, seq) is decided once.
#pragma once
#include "../group_commit.hpp"
#include "../store.hpp"
#include "pg_conn.hpp"

namespace diemquet::server {

// Runs one of runSql's dialect-neutral statements on `c`, in whatever transaction is open
// (office_sql.cpp).
Result<SqlRows> runPgStatement(pg::PgConn& c, const SqlStatement& st);

class PgStore final : public Store {
 public:
  static Result<std::unique_ptr<PgStore>> open(const std::string& conninfo, int poolSize);
  const char* backendName() const override { return "postgres"; }

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
  explicit PgStore(std::unique_ptr<pg::PgPool> pool) : m_pool(std::move(pool)) {}
  bool ingestTogether(pg::PgConn& c, const std::vector<PendingIngest*>& group);  // false: rolled back
  // The group's repeated entries, in its transaction (repeated_entries.hpp).
  Status markRepeatedEntries(pg::PgConn& c, const std::vector<PendingIngest*>& group,
                             const std::vector<IngestResult>& outs);
  std::unique_ptr<pg::PgPool> m_pool;
  GroupCommit m_groupCommit{4};  // a few groups side by side: PostgreSQL inserts in parallel backends
};

}  // namespace diemquet::server
