// openStore: picks the backend from the --db spec.
#include "store.hpp"

#include "postgres/pg_store.hpp"
#include "sqlite/sqlite_store.hpp"

namespace diemquet::server {

bool sameCheckIn(const CheckIn& a, const CheckIn& b) {
  CheckIn x = a, y = b;
  x.voided = y.voided = false;
  x.sync = y.sync = SyncState::Pending;
  return x == y;
}

Result<std::unique_ptr<Store>> openStore(const std::string& spec, int poolSize) {
  std::unique_ptr<Store> store;
  if (spec.rfind("sqlite:", 0) == 0) {
    auto s = SqliteStore::open(spec.substr(7));
    if (!s) return s.error();
    store = std::move(s).value();
  } else if (spec.rfind("postgres:", 0) == 0) {
    auto s = PgStore::open(spec.substr(9), poolSize);
    if (!s) return s.error();
    store = std::move(s).value();
  } else {
    return makeError(ErrorKind::Unsupported, "--db must be sqlite:PATH or postgres:CONNSTR");
  }
  if (auto m = store->migrate(); !m) return m.error();
  return store;
}

}  // namespace diemquet::server
