// The office's typed store methods on both backends (store.hpp, storage/office_*.cpp): a
// violation report's photo is bytes and comes back byte for byte (migration 410 converts
// photos stored as base64 text), and both backends' schemas have the same column types.
#include <map>
#include <set>

#include "backend_fixture.hpp"

namespace diemquet::server {
namespace {

using testing::BackendTest;

class OfficeStoreTest : public BackendTest {
 protected:
  void addVenue() {
    OfficeVenue v;
    v.id = "v-photo";
    v.name = "Chợ Bến Thành";
    v.category = "market";
    v.ward = "26743";
    v.district = "760";
    v.province = "79";
    ASSERT_TRUE(store->addOfficeVenue(v, {ScanPoint{"p1", v.id, "Cổng chính"}}, 1));
  }
  // Every byte value, a NUL first and invalid UTF-8 in the middle: what a JPEG holds.
  static std::string everyByte() {
    std::string bytes = std::string("\xFF\xD8\xFF", 3);
    for (int i = 0; i < 256; ++i) bytes += char(i);
    return bytes + std::string("\0\xC3\x28\0", 4);
  }
  std::string columnType(const char* table, const char* column) {
    auto r = GetParam() == "sqlite"
                 ? store->runSql({{"SELECT type FROM pragma_table_info(?) WHERE name = ?", {table, column}}})
                 : store->runSql({{"SELECT data_type FROM information_schema.columns WHERE table_schema = "
                                   "current_schema() AND table_name = ? AND column_name = ?",
                                   {table, column}}});
    EXPECT_TRUE(r) << r.error().message;
    return r && !r.value()[0].rows.empty() ? std::get<std::string>(r.value()[0].rows[0][0]) : "";
  }
};

TEST_P(OfficeStoreTest, APhotoComesBackByteForByte) {
  addVenue();
  ViolationReport v;
  v.venueId = "v-photo";
  v.ward = "26743";
  v.kind = "no_poster";
  v.reporter = "public";
  v.createdMs = 1000;
  v.photoType = "image/jpeg";
  v.photo = everyByte();
  auto id = store->addViolationReport(v);
  ASSERT_TRUE(id) << id.error().message;
  auto photo = store->violationPhoto(id.value(), "ward_code", "26743");
  ASSERT_TRUE(photo) << photo.error().message;
  ASSERT_TRUE(photo.value());
  EXPECT_EQ(photo.value()->type, "image/jpeg");
  EXPECT_EQ(photo.value()->bytes, everyByte());
  // Stored as bytes, not as text: BLOB in SQLite, BYTEA in PostgreSQL.
  auto kind = store->runSql({{GetParam() == "sqlite" ? "SELECT typeof(photo) FROM violation_reports"
                                                     : "SELECT pg_typeof(photo)::text FROM violation_reports",
                              {}}});
  ASSERT_TRUE(kind) << kind.error().message;
  EXPECT_EQ(std::get<std::string>(kind.value()[0].rows.at(0).at(0)), GetParam() == "sqlite" ? "blob" : "bytea");
  // Outside the officer's area: no photo.
  auto other = store->violationPhoto(id.value(), "ward_code", "26740");
  ASSERT_TRUE(other);
  EXPECT_FALSE(other.value());
}

// A database from before migration 410 (the photo as base64 text) opened by this server: the
// photo is decoded once, and a report without a photo stays without one.
TEST_P(OfficeStoreTest, Migration410DecodesPhotosStoredAsBase64) {
  addVenue();
  const std::string b64 = "/9j/AAECA/8A";  // FF D8 FF 00 01 02 03 FF 00
  const std::string bytes("\xFF\xD8\xFF\x00\x01\x02\x03\xFF\x00", 9);
  // Back to the old layout: SQLite kept base64 text in its BLOB column, PostgreSQL a TEXT column.
  std::vector<SqlStatement> old;
  if (GetParam() == "postgres")
    old.push_back({"ALTER TABLE violation_reports ALTER COLUMN photo TYPE TEXT USING encode(photo, 'base64')", {}});
  for (int i = 0; i < 2; ++i)
    old.push_back(
        {"INSERT INTO violation_reports(venue_id, ward_code, kind, note, reporter, created_ms, photo_type, "
         "photo) VALUES ('v-photo', '26743', 'no_poster', '', 'public', 1, ?, ?)",
         {std::string(i ? "" : "image/jpeg"), i ? SqlValue() : SqlValue(b64)}});
  old.push_back({"DELETE FROM schema_version WHERE version = 410", {}});
  ASSERT_TRUE(store->runSql(old));
  auto again = openAgain();  // migrates
  ASSERT_TRUE(again);
  EXPECT_EQ(columnType("violation_reports", "photo"), GetParam() == "sqlite" ? "BLOB" : "bytea");
  auto reports = again->violationReports("ward_code", "26743", true);
  ASSERT_TRUE(reports) << reports.error().message;
  ASSERT_EQ(reports->size(), 2u);
  std::map<bool, int64_t> idByPhoto;
  for (const ViolationReport& r : reports.value()) idByPhoto[!r.photoType.empty()] = r.id;
  auto photo = again->violationPhoto(idByPhoto[true], "ward_code", "26743");
  ASSERT_TRUE(photo) << photo.error().message;
  ASSERT_TRUE(photo.value());
  EXPECT_EQ(photo.value()->bytes, bytes);
  auto none = again->violationPhoto(idByPhoto[false], "ward_code", "26743");
  ASSERT_TRUE(none);
  EXPECT_FALSE(none.value());
}

INSTANTIATE_TEST_SUITE_P(Backends, OfficeStoreTest, ::testing::Values(std::string("sqlite"), std::string("postgres")),
                         [](const auto& info) { return info.param; });

// Both backends after every migration: the same tables with the same columns, of the same
// kind (SQLite's declared type against PostgreSQL's information_schema). A column added to one
// dialect only, or with another type (a photo as BLOB here and TEXT there), fails here.
class SchemaParityTest : public BackendTest {};

std::string kindOf(std::string type) {
  for (char& c : type) c = char(std::tolower(static_cast<unsigned char>(c)));
  if (type == "integer" || type == "bigint" || type == "int" || type == "smallint" || type == "boolean")
    return "integer";
  if (type == "text" || type == "character varying") return "text";
  if (type == "blob" || type == "bytea") return "bytes";
  if (type == "real" || type == "double precision") return "real";
  return "other:" + type;
}

TEST_P(SchemaParityTest, BothBackendsHaveTheSameColumnTypes) {
  if (GetParam() != "postgres") GTEST_SKIP() << "compares SQLite with the PostgreSQL instance";
  auto dir = std::filesystem::temp_directory_path() / testing::uniqueName("dq_parity_");
  std::filesystem::create_directories(dir);
  auto lite = openStore("sqlite:" + (dir / "server.db").string());
  ASSERT_TRUE(lite) << lite.error().message;
  std::map<std::string, std::string> sqlite, postgres;  // "table.column" -> kind
  auto tables = lite.value()->runSql(
      {{"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name", {}}});
  ASSERT_TRUE(tables) << tables.error().message;
  for (const auto& t : tables.value()[0].rows) {
    const std::string table = std::get<std::string>(t[0]);
    auto cols = lite.value()->runSql({{"SELECT name, type FROM pragma_table_info(?)", {table}}});
    ASSERT_TRUE(cols) << cols.error().message;
    for (const auto& c : cols.value()[0].rows)
      sqlite[table + "." + std::get<std::string>(c[0])] = kindOf(std::get<std::string>(c[1]));
  }
  // Tables, not the monthly partitions of check_ins (they repeat its columns).
  auto pg = store->runSql(
      {{"SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c JOIN pg_class k ON "
        "k.relname = c.table_name AND k.relnamespace = current_schema()::regnamespace WHERE c.table_schema = "
        "current_schema() AND NOT k.relispartition",
        {}}});
  ASSERT_TRUE(pg) << pg.error().message;
  for (const auto& c : pg.value()[0].rows)
    postgres[std::get<std::string>(c[0]) + "." + std::get<std::string>(c[1])] = kindOf(std::get<std::string>(c[2]));
  lite.value().reset();
  std::filesystem::remove_all(dir);
  EXPECT_GT(sqlite.size(), 50u);
  // SQLite's ingest sequence is a one-row counter table; PostgreSQL's is a SEQUENCE.
  sqlite.erase("ingest_counter.n");
  std::set<std::string> names;
  for (const auto& [k, v] : sqlite) names.insert(k);
  for (const auto& [k, v] : postgres) names.insert(k);
  for (const std::string& n : names) {
    const std::string a = sqlite.count(n) ? sqlite[n] : "(missing)", b = postgres.count(n) ? postgres[n] : "(missing)";
    EXPECT_EQ(a, b) << n << ": SQLite " << a << ", PostgreSQL " << b;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, SchemaParityTest, ::testing::Values(std::string("postgres")),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace diemquet::server
