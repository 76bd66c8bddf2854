// A small RAII wrapper over libpq: a connection, a result, and a fixed-size connection pool.
// Parameters are always sent separately from the SQL text (no string splicing).
#pragma once
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "result.hpp"

struct pg_conn;
struct pg_result;

namespace diemquet::server::pg {

class PgResult {
 public:
  PgResult() = default;
  explicit PgResult(pg_result* r) : m_r(r) {}
  PgResult(PgResult&& o) noexcept : m_r(o.m_r) { o.m_r = nullptr; }
  PgResult& operator=(PgResult&& o) noexcept;
  ~PgResult();
  int rows() const;
  bool isNull(int row, int col) const;
  std::string text(int row, int col) const;
  int64_t integer(int row, int col) const;
  bool boolean(int row, int col) const;
  int affected() const;  // rows changed by INSERT/UPDATE/DELETE
  pg_result* get() const { return m_r; }

 private:
  pg_result* m_r = nullptr;
};

using Param = std::optional<std::string>;  // nullopt is SQL NULL

class PgConn {
 public:
  static Result<std::unique_ptr<PgConn>> connect(const std::string& conninfo);
  ~PgConn();
  // Runs one statement; error (Storage, or Conflict for a unique violation) if it failed.
  Result<PgResult> exec(const char* sql, const std::vector<Param>& params = {});
  // The same, as a statement prepared once per connection (planned once): for the statements
  // every upload runs. Falls back to exec() if it cannot be prepared.
  Result<PgResult> execPrepared(const char* sql, const std::vector<Param>& params);
  Status execScript(const char* sql);  // several statements, no parameters
  bool healthy() const;
  void reset();
  // If the connection is lost, connects again (PQreset); true when it had been lost.
  bool reconnectIfLost();

 private:
  explicit PgConn(pg_conn* c) : m_c(c) {}
  Result<PgResult> checked(PgResult r);
  pg_conn* m_c;
  std::unordered_map<std::string, std::string> m_prepared;  // SQL text -> statement name
};

// A fixed number of connections; lease() blocks until one is free.
class PgPool {
 public:
  class Lease {
   public:
    Lease(PgPool& p, std::unique_ptr<PgConn> c) : m_pool(p), m_conn(std::move(c)) {}
    Lease(Lease&& o) noexcept : m_pool(o.m_pool), m_conn(std::move(o.m_conn)) {}
    ~Lease() {
      if (m_conn) m_pool.giveBack(std::move(m_conn));
    }
    PgConn* operator->() { return m_conn.get(); }
    PgConn& operator*() { return *m_conn; }

   private:
    PgPool& m_pool;
    std::unique_ptr<PgConn> m_conn;
  };
  static Result<std::unique_ptr<PgPool>> create(const std::string& conninfo, int size);
  Lease lease();

 private:
  void giveBack(std::unique_ptr<PgConn> c);
  std::mutex m_mutex;
  std::condition_variable m_cv;
  std::vector<std::unique_ptr<PgConn>> m_free;
};

}  // namespace diemquet::server::pg
