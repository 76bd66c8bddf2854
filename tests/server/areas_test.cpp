// The administrative map as data (server/areas/): folding for search, the in-memory registry
// (three levels and two), search ranking, and `import-areas` on both backends: validation
// refuses and writes nothing, a second import changes nothing, a reorganisation retires old
// codes, maps them to new ones and keeps them findable.
#include <gtest/gtest.h>

#include <map>

#include "areas/area_import.hpp"
#include "areas/registry.hpp"
#include "areas/search_fold.hpp"
#include "backend_fixture.hpp"
#include "data/areas.hpp"
#include "office/office_db.hpp"
#include "storage/sql_values.hpp"

using namespace diemquet::server;
using namespace diemquet::server::testing;
namespace ar = diemquet::server::areas;

namespace {

// A slice of the 2021 list (Quận 1, TP. Hồ Chí Minh) and, as its reorganisation, of the 2025
// one (Phường Sài Gòn took Bến Nghé and Đa Kao; Bến Thành took Bến Thành and Phạm Ngũ Lão).
const char* k2021 = R"({"format":"diemquet-areas/1","structure":"vn-2021","source":"test","areas":[
 {"code":"79","name":"Thành phố Hồ Chí Minh","short":"TP. Hồ Chí Minh","level":"province","parent":"","kind":"thanh-pho"},
 {"code":"760","name":"Quận 1","short":"Quận 1","level":"district","parent":"79","kind":"quan"},
 {"code":"26737","name":"Phường Đa Kao","level":"ward","parent":"760","kind":"phuong"},
 {"code":"26740","name":"Phường Bến Nghé","level":"ward","parent":"760","kind":"phuong"},
 {"code":"26743","name":"Phường Bến Thành","level":"ward","parent":"760","kind":"phuong"},
 {"code":"26749","name":"Phường Phạm Ngũ Lão","level":"ward","parent":"760","kind":"phuong"},
 {"code":"01","name":"Thành phố Hà Nội","short":"TP. Hà Nội","level":"province","parent":"","kind":"thanh-pho"},
 {"code":"001","name":"Quận Ba Đình","level":"district","parent":"01","kind":"quan"},
 {"code":"00001","name":"Phường Phúc Xá","level":"ward","parent":"001","kind":"phuong"}]})";
const char* k2025 =
    R"({"format":"diemquet-areas/1","structure":"vn-2025","source":"test","reorganisation":true,"areas":[
 {"code":"79","name":"Thành phố Hồ Chí Minh","short":"TP. Hồ Chí Minh","level":"province","parent":"","kind":"thanh-pho"},
 {"code":"70101063","name":"Phường Sài Gòn","level":"ward","parent":"79","kind":"phuong"},
 {"code":"70101065","name":"Phường Bến Thành","level":"ward","parent":"79","kind":"phuong"},
 {"code":"01","name":"Thành phố Hà Nội","short":"TP. Hà Nội","level":"province","parent":"","kind":"thanh-pho"},
 {"code":"10101001","name":"Phường Ba Đình","level":"ward","parent":"01","kind":"phuong"}],
 "successors":[{"old":"26740","new":"70101063"},{"old":"26737","new":"70101063"},{"old":"26743","new":"70101065"},
               {"old":"26749","new":"70101065"}]})";
const char* kMap2025 = "old_code,new_code\n00001,10101001\n001,10101001\n760,70101063\n";

int64_t count(Store& s, const std::string& sql) {
  auto r = sql::one(s, sql);
  EXPECT_TRUE(r) << (r ? "" : r.error().message);
  return r ? sql::integer(r->rows[0][0]) : -1;
}

}  // namespace

TEST(AreaFold, IgnoresMarksCaseAndForm) {
  EXPECT_EQ(ar::foldForSearch("Phường Bến Nghé"), "phuong ben nghe");
  EXPECT_EQ(ar::foldForSearch("ĐẶC KHU Côn Đảo"), "dac khu con dao");
  // NFD: e + combining circumflex + combining acute.
  EXPECT_EQ(ar::foldForSearch("Be\xCC\x82\xCC\x81n  Nghe\xCC\x81"), "ben nghe");
  EXPECT_EQ(ar::foldForSearch("  Quận 1, TP.HCM "), "quan 1 tp hcm");
  EXPECT_EQ(ar::foldForSearch("a\xFF"
                              "b"),
            "a b");  // an invalid byte separates words
}

class AreaImport : public BackendTest {
 protected:
  diemquet::Result<ar::ImportSummary> load(const char* file, const std::string& map = "") {
    return ar::importAreas(*store, file, map, 1'700'000'000'000);
  }
};

TEST_P(AreaImport, ThreeLevelsLoadAndNest) {
  auto r = load(k2021);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->added, 9);
  EXPECT_EQ(r->inFile.at("ward"), 5);
  ASSERT_TRUE(ar::reload(*store));
  WardPath p;
  ASSERT_TRUE(wardPath("26740", p));
  EXPECT_EQ(p.district, "760");
  EXPECT_EQ(p.province, "79");
  EXPECT_TRUE(areaContains("79", "26740"));
  EXPECT_TRUE(areaContains("26740", "26740"));
  EXPECT_FALSE(areaContains("26743", "26740"));
  EXPECT_FALSE(areaContains("01", "26740"));
  EXPECT_FALSE(wardPath("760", p));  // a district is not a commune
  EXPECT_EQ(findArea("26740")->label, "Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh");
  // Each province followed by what lies inside it.
  ASSERT_EQ(allAreas().size(), 9u);
  EXPECT_EQ(allAreas()[0].code, "01");
  EXPECT_EQ(allAreas()[3].code, "79");
  EXPECT_EQ(allAreas()[4].code, "760");
}

// Session 9: ten commune names of the 2025 package carry a decomposed mark ("Xã Đất Đỏ" with
// o + U+0309); the office drew the mark as a box. Names are stored NFC, like every text.
TEST_P(AreaImport, DecomposedNamesAreStoredComposed) {
  const std::string nfd = "X\x61\xCC\x83 \xC4\x90\xE1\xBA\xA5t \xC4\x90o\xCC\x89";  // "Xã Đất Đỏ", two marks decomposed
  const std::string file = std::string(R"({"format":"diemquet-areas/1","structure":"vn-2025","source":"test","areas":[
 {"code":"79","name":"Thành phố Hồ Chí Minh","short":"TP. Hồ Chí Minh","level":"province","parent":"","kind":"thanh-pho"},
 {"code":"71712025","name":")") + nfd + R"(","short":")" + nfd + R"(","level":"ward","parent":"79","kind":"xa"}]})";
  auto r = load(file.c_str());
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_TRUE(ar::reload(*store));
  ASSERT_NE(findArea("71712025"), nullptr);
  EXPECT_EQ(findArea("71712025")->name, "Xã Đất Đỏ");
  EXPECT_EQ(findArea("71712025")->shortName, "Xã Đất Đỏ");
  EXPECT_EQ(findArea("71712025")->label, "Xã Đất Đỏ, TP. Hồ Chí Minh");
}

TEST_P(AreaImport, SecondImportChangesNothing) {
  ASSERT_TRUE(load(k2021));
  const int64_t gen = count(*store, "SELECT n FROM area_generation");
  const int64_t audits = count(*store, "SELECT COUNT(*) FROM audit_log");
  auto again = load(k2021);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->added + again->changed + again->retired + again->successions, 0);
  EXPECT_EQ(again->unchanged, 9);
  EXPECT_EQ(count(*store, "SELECT n FROM area_generation"), gen);
  EXPECT_EQ(count(*store, "SELECT COUNT(*) FROM audit_log"), audits);
}

TEST_P(AreaImport, BadFilesAreRefusedWhole) {
  const std::string good = k2021;
  auto with = [&](const std::string& from, const std::string& to) {
    std::string s = good;
    s.replace(s.find(from), from.size(), to);
    return s;
  };
  const std::vector<std::string> bad = {
      "not json",
      R"({"format":"other","areas":[]})",
      with(R"("parent":"760","kind":"phuong"},
 {"code":"26743")",
           R"("parent":"999","kind":"phuong"},
 {"code":"26743")"),                                   // unknown parent
      with(R"("code":"26743")", R"("code":"26740")"),  // duplicate code
      with(R"("code":"001","name":"Quận Ba Đình","level":"district","parent":"01")",
           R"("code":"001","name":"Quận Ba Đình","level":"district","parent":"00001")"),  // a district in a commune
      with("Phường Phúc Xá", std::string(201, 'x')),                                      // name too long
      with(R"("code":"26749")", R"("code":"26 749")"),                                    // malformed code
  };
  for (const std::string& f : bad) {
    auto r = ar::importAreas(*store, f, "", 1);
    EXPECT_FALSE(r) << f.substr(0, 60);
    if (!r) {
      EXPECT_EQ(r.error().kind, diemquet::ErrorKind::Malformed);
    }
  }
  EXPECT_EQ(count(*store, "SELECT COUNT(*) FROM areas"), 0);
}

TEST_P(AreaImport, ReorganisationMapsOldCodesAndKeepsHistory) {
  ASSERT_TRUE(load(k2021));
  // A venue registered in Bến Nghé under the 2021 structure.
  ASSERT_TRUE(sql::one(*store,
                       "INSERT INTO venues(venue_id, name, province_code, district_code, ward_code) VALUES "
                       "('26740-A', 'Phở Hòa', '79', '760', '26740')"));
  // Without a successor for Phúc Xá's district and commune... Phúc Xá holds no venue, so only
  // the communes holding venues must be mapped; but a venue there makes the mapping required.
  ASSERT_TRUE(sql::one(*store,
                       "INSERT INTO venues(venue_id, name, province_code, district_code, ward_code) VALUES "
                       "('00001-A', 'Quán', '01', '001', '00001')"));
  auto refused = load(k2025);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("00001"), std::string::npos) << refused.error().message;
  EXPECT_EQ(count(*store, "SELECT COUNT(*) FROM areas WHERE retired_ms IS NOT NULL"), 0);

  auto r = load(k2025, kMap2025);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->added, 3);
  EXPECT_EQ(r->retired, 7);  // 760, 001 and five communes
  EXPECT_EQ(r->successions, 7);
  ASSERT_TRUE(ar::reload(*store));
  // The venue keeps its code; the code keeps its name; it rolls up into Phường Sài Gòn.
  EXPECT_EQ(count(*store, "SELECT COUNT(*) FROM venues WHERE ward_code = '26740'"), 1);
  const Area* old = findArea("26740");
  ASSERT_NE(old, nullptr);
  EXPECT_TRUE(old->retired);
  EXPECT_EQ(old->name, "Phường Bến Nghé");
  EXPECT_EQ(ar::current().currentOf("26740")->code, "70101063");
  EXPECT_TRUE(areaContains("70101063", "26740"));
  EXPECT_TRUE(areaContains("79", "26740"));
  EXPECT_FALSE(areaContains("70101065", "26740"));
  auto preds = ar::current().predecessors("70101065");
  std::sort(preds.begin(), preds.end());
  EXPECT_EQ(preds, (std::vector<std::string>{"26743", "26749"}));
  // No new venue is placed in a retired commune; the new commune hangs under its province.
  WardPath p;
  EXPECT_FALSE(wardPath("26740", p));
  ASSERT_TRUE(wardPath("70101063", p));
  EXPECT_EQ(p.province, "79");
  EXPECT_EQ(p.district, "");
  for (const Area& a : allAreas()) EXPECT_FALSE(a.retired) << a.code;
  EXPECT_EQ(allAreas().size(), 5u);
  // And the same reorganisation again changes nothing.
  auto again = load(k2025, kMap2025);
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->changedAnything());
}

// The typed store methods the import and the registry use (storage/areas_store.cpp).
TEST_P(AreaImport, StoreWritesAnImportInOneGoAndReadsItBack) {
  auto gen0 = store->areaGeneration();
  ASSERT_TRUE(gen0) << gen0.error().message;
  AreaImportWrite w;
  w.upserts = {{"79", "Thành phố Hồ Chí Minh", "TP. Hồ Chí Minh", "province", "", "thanh-pho"},
               {"26740", "Phường Bến Nghé", "", "ward", "79", "phuong"},
               {"26743", "Phường Bến Thành", "", "ward", "79", "phuong"}};
  w.source = "test";
  w.structure = "vn-test";
  w.auditDetail = "added 3";
  w.nowMs = 1'700'000'000'000;
  ASSERT_TRUE(store->writeAreaImport(w));
  // A reorganisation: Bến Nghé retired into a new commune.
  AreaImportWrite r;
  r.upserts = {{"70101063", "Phường Sài Gòn", "", "ward", "79", "phuong"}};
  r.retire = {"26740"};
  r.successions = {{"26740", "70101063"}};
  r.nowMs = w.nowMs + 1;
  ASSERT_TRUE(store->writeAreaImport(r));

  auto t = store->areaTable();
  ASSERT_TRUE(t) << t.error().message;
  EXPECT_EQ(t->generation, gen0.value() + 2);
  EXPECT_EQ(store->areaGeneration().value(), t->generation);
  ASSERT_EQ(t->areas.size(), 4u);
  std::map<std::string, AreaRecord> byCode;
  for (const AreaRecord& a : t->areas) byCode[a.code] = a;
  EXPECT_EQ(byCode["79"].shortName, "TP. Hồ Chí Minh");
  EXPECT_EQ(byCode["26743"].parent, "79");
  EXPECT_EQ(byCode["26743"].kind, "phuong");
  EXPECT_TRUE(byCode["26740"].retired);
  EXPECT_EQ(byCode["26740"].name, "Phường Bến Nghé");  // kept, never deleted
  EXPECT_FALSE(byCode["70101063"].retired);
  ASSERT_EQ(t->successions.size(), 1u);
  EXPECT_EQ(t->successions[0].oldCode, "26740");
  EXPECT_EQ(t->successions[0].newCode, "70101063");

  auto stats = store->areaStats();
  ASSERT_TRUE(stats) << stats.error().message;
  ASSERT_EQ(stats->current.size(), 2u);  // province:thanh-pho, ward:phuong
  EXPECT_EQ(stats->current[0].level, "province");
  EXPECT_EQ(stats->current[0].areas, 1);
  EXPECT_EQ(stats->current[1].level, "ward");
  EXPECT_EQ(stats->current[1].areas, 2);
  EXPECT_EQ(stats->retired, 1);
  EXPECT_EQ(stats->successions, 1);
  EXPECT_EQ(count(*store, "SELECT COUNT(*) FROM audit_log WHERE action = 'import_areas'"), 2);

  // A refused write changes nothing: a succession recorded twice breaks the whole transaction.
  AreaImportWrite dup;
  dup.upserts = {{"26749", "Phường Phạm Ngũ Lão", "", "ward", "79", "phuong"}};
  dup.successions = {{"26740", "70101063"}};
  EXPECT_FALSE(store->writeAreaImport(dup));
  EXPECT_EQ(store->areaTable()->areas.size(), 4u);
  EXPECT_EQ(store->areaGeneration().value(), t->generation);

  EXPECT_TRUE(store->wardsWithVenues()->empty());
  ASSERT_TRUE(sql::one(*store,
                       "INSERT INTO venues(venue_id, name, province_code, district_code, ward_code) VALUES "
                       "('26740-A', 'Phở Hòa', '79', '', '26740'), ('26740-B', 'Quán', '79', '', '26740')"));
  EXPECT_EQ(store->wardsWithVenues().value(), std::vector<std::string>{"26740"});
}

INSTANTIATE_TEST_SUITE_P(Backends, AreaImport, ::testing::Values("sqlite", "postgres"), backendName);

TEST(AreaSearch, RanksNameMatchesFirstAndIgnoresMarks) {
  std::vector<ar::AreaRecord> rows = {
      {"79", "Thành phố Hồ Chí Minh", "TP. Hồ Chí Minh", "province", "", "thanh-pho"},
      {"760", "Quận 1", "Quận 1", "district", "79", "quan"},
      {"26740", "Phường Bến Nghé", "", "ward", "760", "phuong"},
      {"26743", "Phường Bến Thành", "", "ward", "760", "phuong"},
      {"56", "Tỉnh Khánh Hòa", "Khánh Hòa", "province", "", "tinh"},
      {"51101002", "Phường Bắc Nha Trang", "", "ward", "56", "phuong"},
      {"51101001", "Phường Nha Trang", "", "ward", "56", "phuong"},
      {"99", "Tỉnh Bến Tre", "Bến Tre", "province", "", "tinh"},
      {"99001", "Xã Nghé Bến", "", "ward", "99", "xa"},
  };
  ar::Snapshot s(rows, {}, 1);
  auto codes = [&](std::string_view q, std::string_view within = "") {
    std::vector<std::string> out;
    for (const auto& h : s.search(q, 10, within, std::nullopt)) out.emplace_back(h.area->code);
    return out;
  };
  EXPECT_EQ(codes("ben nghe"), (std::vector<std::string>{"26740", "99001"}));
  EXPECT_EQ(codes("BẾN NGHÉ")[0], "26740");
  EXPECT_EQ(codes("phuong ben")[0], "26740");  // "Phường Bến…": both wards, the province of Bến Tre not
  EXPECT_EQ(codes("nha trang"), (std::vector<std::string>{"51101001", "51101002"}));  // exact name first
  EXPECT_EQ(codes("ben thanh ho chi minh"), (std::vector<std::string>{"26743"}));     // with its province
  EXPECT_EQ(codes("khanh hoa")[0], "56");
  EXPECT_EQ(codes("26743"), (std::vector<std::string>{"26743"}));
  EXPECT_EQ(codes("ben", "56"), (std::vector<std::string>{}));  // only inside Khánh Hòa
  EXPECT_TRUE(codes("").empty());
  EXPECT_EQ(s.find("26740")->label, "Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh");
  EXPECT_EQ(s.find("51101001")->label, "Phường Nha Trang, Khánh Hòa");
}
