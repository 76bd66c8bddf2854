// A fresh, empty Store of the backend named by the test parameter ("sqlite" or "postgres").
// SQLite: a new file in a temp dir. PostgreSQL: a new schema in the database at $DQ_PG_URL
// (a keyword=value connection string), dropped afterwards; skipped when DQ_PG_URL is unset.
#pragma once
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <unistd.h>

#include "storage/postgres/pg_conn.hpp"
#include "storage/store.hpp"

namespace diemquet::server::testing {

inline std::string uniqueName(const char* prefix) {
  static std::atomic<int> counter{0};
  std::random_device rd;
  return std::string(prefix) + std::to_string(getpid()) + "_" + std::to_string(rd() % 100000) + "_" +
         std::to_string(counter++);
}

class BackendTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "sqlite") {
      m_dir = std::filesystem::temp_directory_path() / uniqueName("dq_store_");
      std::filesystem::create_directories(m_dir);
      m_spec = "sqlite:" + (m_dir / "server.db").string();
    } else {
      const char* url = std::getenv("DQ_PG_URL");
      if (!url || !*url) GTEST_SKIP() << "DQ_PG_URL not set (scripts/pg.sh start prints one)";
      m_schema = uniqueName("t_");
      auto admin = pg::PgConn::connect(url);
      ASSERT_TRUE(admin) << admin.error().message;
      ASSERT_TRUE(admin.value()->execScript(("CREATE SCHEMA " + m_schema).c_str()));
      m_pgUrl = url;
      m_spec = "postgres:" + m_pgUrl + " options='-csearch_path=" + m_schema + "'";
    }
    auto s = openStore(m_spec, 4);
    ASSERT_TRUE(s) << s.error().message;
    store = std::move(s).value();
  }
  void TearDown() override {
    store.reset();
    if (!m_dir.empty()) std::filesystem::remove_all(m_dir);
    if (!m_schema.empty()) {
      auto admin = pg::PgConn::connect(m_pgUrl);
      if (admin) admin.value()->execScript(("DROP SCHEMA " + m_schema + " CASCADE").c_str());
    }
  }
  // Another Store on the same database, as a second server process would have.
  std::unique_ptr<Store> openAgain() {
    auto s = openStore(m_spec, 4);
    EXPECT_TRUE(s) << (s ? "" : s.error().message);
    return s ? std::move(s).value() : nullptr;
  }

  std::unique_ptr<Store> store;
  // The SQLite file ("" on PostgreSQL).
  std::string sqlitePath() const { return m_dir.empty() ? std::string() : (m_dir / "server.db").string(); }

 private:
  std::filesystem::path m_dir;
  std::string m_schema, m_pgUrl, m_spec;
};

inline std::string backendName(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

// 2024-03-01T08:00:00Z and a check-in at it.
constexpr int64_t kT0 = 1709280000000;
inline CheckIn sampleCheckIn(const std::string& device, int64_t seq, const std::string& venue = "v1") {
  CheckIn c;
  c.deviceId = device;
  c.seq = seq;
  c.venueId = venue;
  c.scanPointId = "gate";
  c.person.kind = PersonKind::Cccd;
  c.person.key = "0010990" + std::to_string(10000 + seq);
  c.person.displayName = "Nguyễn Văn An";
  c.person.phone = "0901234567";
  c.person.birthYear = 1990;
  c.direction = seq % 2 ? Direction::In : Direction::Out;
  c.at = Instant{kT0 + seq * 1000, 420};
  return c;
}

}  // namespace diemquet::server::testing
