#include "pg_conn.hpp"

#include <libpq-fe.h>

#include <cstdlib>
#include <cstring>

#include "../../ops/metrics.hpp"

namespace diemquet::server::pg {

PgResult& PgResult::operator=(PgResult&& o) noexcept {
  if (this != &o) {
    PQclear(m_r);
    m_r = o.m_r;
    o.m_r = nullptr;
  }
  return *this;
}
PgResult::~PgResult() { PQclear(m_r); }
int PgResult::rows() const { return m_r ? PQntuples(m_r) : 0; }
bool PgResult::isNull(int row, int col) const { return PQgetisnull(m_r, row, col) != 0; }
std::string PgResult::text(int row, int col) const {
  return std::string(PQgetvalue(m_r, row, col), size_t(PQgetlength(m_r, row, col)));
}
int64_t PgResult::integer(int row, int col) const { return std::strtoll(PQgetvalue(m_r, row, col), nullptr, 10); }
bool PgResult::boolean(int row, int col) const { return PQgetvalue(m_r, row, col)[0] == 't'; }
int PgResult::affected() const { return m_r ? std::atoi(PQcmdTuples(m_r)) : 0; }

Result<std::unique_ptr<PgConn>> PgConn::connect(const std::string& conninfo) {
  pg_conn* c = PQconnectdb(conninfo.c_str());
  if (PQstatus(c) != CONNECTION_OK) {
    // libpq's message names host and port, never the password.
    std::string msg = PQerrorMessage(c);
    PQfinish(c);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    return makeError(ErrorKind::Storage, "cannot connect to PostgreSQL: " + msg);
  }
  PQsetNoticeProcessor(c, [](void*, const char*) {}, nullptr);
  return std::unique_ptr<PgConn>(new PgConn(c));
}

PgConn::~PgConn() { PQfinish(m_c); }
bool PgConn::healthy() const { return PQstatus(m_c) == CONNECTION_OK; }
void PgConn::reset() {
  PQreset(m_c);
  m_prepared.clear();  // a new session has no prepared statements
}

bool PgConn::reconnectIfLost() {
  // An idle pooled connection whose server went away (terminated, restarted, failed over,
  // HAProxy cutting it) still says CONNECTION_OK until it is used; reading what is waiting
  // on its socket, without blocking, finds the close now instead of failing the next request.
  for (int i = 0; i < 2 && healthy(); ++i) PQconsumeInput(m_c);
  if (healthy()) return false;
  reset();
  metrics::dbReconnected();
  return true;
}

Result<PgResult> PgConn::checked(PgResult r) {
  pg_result* raw = r.get();
  ExecStatusType st = raw ? PQresultStatus(raw) : PGRES_FATAL_ERROR;
  if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) return Result<PgResult>(std::move(r));
  const char* state = raw ? PQresultErrorField(raw, PG_DIAG_SQLSTATE) : nullptr;
  std::string msg = raw ? PQresultErrorMessage(raw) : PQerrorMessage(m_c);
  while (!msg.empty() && msg.back() == '\n') msg.pop_back();
  if (state && std::strcmp(state, "23505") == 0) return makeError(ErrorKind::Conflict, "PostgreSQL: " + msg);
  if (state && std::strcmp(state, "23503") == 0) return makeError(ErrorKind::NotFound, "PostgreSQL: " + msg);
  return makeError(ErrorKind::Storage, "PostgreSQL: " + msg);
}

Result<PgResult> PgConn::exec(const char* sql, const std::vector<Param>& params) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const Param& p : params) values.push_back(p ? p->c_str() : nullptr);
  return checked(PgResult(PQexecParams(m_c, sql, int(params.size()), nullptr, values.data(), nullptr, nullptr, 0)));
}

Result<PgResult> PgConn::execPrepared(const char* sql, const std::vector<Param>& params) {
  auto it = m_prepared.find(sql);
  if (it == m_prepared.end()) {
    std::string name = "dq_" + std::to_string(m_prepared.size());
    PgResult prepared(PQprepare(m_c, name.c_str(), sql, int(params.size()), nullptr));
    if (!prepared.get() || PQresultStatus(prepared.get()) != PGRES_COMMAND_OK) return exec(sql, params);
    it = m_prepared.emplace(sql, std::move(name)).first;
  }
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const Param& p : params) values.push_back(p ? p->c_str() : nullptr);
  return checked(
      PgResult(PQexecPrepared(m_c, it->second.c_str(), int(params.size()), values.data(), nullptr, nullptr, 0)));
}

Status PgConn::execScript(const char* sql) {
  PgResult r(PQexec(m_c, sql));
  pg_result* raw = r.get();
  if (raw && PQresultStatus(raw) == PGRES_COMMAND_OK) return Done{};
  return makeError(ErrorKind::Storage, std::string("PostgreSQL: ") + (raw ? PQresultErrorMessage(raw) : "no result"));
}

Result<std::unique_ptr<PgPool>> PgPool::create(const std::string& conninfo, int size) {
  auto pool = std::make_unique<PgPool>();
  for (int i = 0; i < std::max(1, size); ++i) {
    auto c = PgConn::connect(conninfo);
    if (!c) return c.error();
    pool->m_free.push_back(std::move(c).value());
  }
  metrics::poolSize(int(pool->m_free.size()));
  return pool;
}

PgPool::Lease PgPool::lease() {
  std::unique_lock lock(m_mutex);
  m_cv.wait(lock, [&] { return !m_free.empty(); });
  auto c = std::move(m_free.back());
  m_free.pop_back();
  lock.unlock();
  metrics::poolLeased(+1);
  c->reconnectIfLost();  // the server restarted, failed over, or the link dropped
  return Lease(*this, std::move(c));
}

void PgPool::giveBack(std::unique_ptr<PgConn> c) {
  metrics::poolLeased(-1);
  {
    std::lock_guard lock(m_mutex);
    m_free.push_back(std::move(c));
  }
  m_cv.notify_one();
}

}  // namespace diemquet::server::pg
