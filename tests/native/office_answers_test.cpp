// The office client's answers read into structs (wasm/core/client/office_types.hpp), against a
// fake server: a good answer arrives whole; a field missing or of the wrong kind, an answer that
// is not an object, or a server error arrives as a typed error with nothing half-read, and no
// answer of any shape makes the client throw (the WASM build has no exceptions: a throw aborts).
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

#include "client/office_client.hpp"
#include "client_fakes.hpp"

using namespace diemquet;
using namespace diemquet::client;
using diemquet::testing::FakeNet;
using nlohmann::json;

namespace {

// Answers as the server writes them (server/office/*.cpp), trimmed to a few rows.
const char* kReport = R"({"week":"2026-W48","weekStartMs":1795978800000,"from":"2026-11-23","to":"2026-11-29",
  "area":{"code":"760","name":"Quận 1","level":"district"},"postersKnown":true,
  "areas":[{"code":"760","name":"Quận 1","level":"district","venues":12,"withPoster":3,"unverified":1,
            "withScan":9,"scans":480,"staff":40,"scansPerStaff":12.0,"nonComplying":3,"flagged":0,"violations":1,
            "newlyRegistered":2},
           {"code":"26734","name":"Phường Bến Nghé","level":"ward","venues":5,"withPoster":0,"unverified":0,
            "withScan":4,"scans":200,"staff":null,"scansPerStaff":null,"nonComplying":1,"flagged":0,"violations":0}],
  "trend":[{"week":"2026-W47","scans":410,"venuesWithScan":8},{"week":"2026-W48","scans":480,"venuesWithScan":9}],
  "nonComplying":[{"id":"pho-hoa","name":"Quán Phở Hòa","category":"restaurant","ward":"26734","staff":6,"scans":2,
                   "poster":false,"problem":"low_scans","reminders":4,"violationsOpen":0,
                   "flaggedForSuspension":true,"unverified":false,"address":"12 Lê Lợi","nameAside":"12 Lê Lợi"}],
  "nonComplyingTotal":3,
  "unverified":[{"id":"cho-ben-thanh","name":"Chợ Bến Thành","ward":"26734","scans":17,"poster":false},
                {"id":"pho-hoa-3","name":"Quán Phở Hòa","ward":"26734","scans":1,"poster":false,
                 "address":"3 Hai Bà Trưng","nameAside":"3 Hai Bà Trưng"}],
  "newlyRegistered":[{"id":"pho-hoa-2","name":"Quán Phở Hòa","ward":"26734","address":"40 Pasteur",
                      "nameAside":"40 Pasteur","registered":"2026-11-27"}]})";

const char* kViolations = R"({"violations":[{"id":42,"venue":"pho-hoa","venueName":"Quán Phở Hòa","ward":"26734",
  "kind":"no_poster","note":"Không thấy mã QR","reporter":"public","createdMs":1796000000000,
  "created":"2026-11-30 08:13","hasPhoto":false,"resolvedMs":null,"resolvedBy":"","resolutionNote":""}]})";

const char* kTrace = R"({"person":"0010****2345","visits":[{"venueId":"pho-hoa","venueName":"Quán Phở Hòa",
  "startMs":1795980000000,"endMs":1795987200000,"start":"2026-11-23 09:00","end":"2026-11-23 11:00",
  "startEstimated":false,"endEstimated":true,"scanPoints":["p1","p2"],"scanPointNames":["Cổng chính","Cửa sau"]}],
  "contacts":[{"venueId":"pho-hoa","venueName":"Quán Phở Hòa","kind":"cccd","key":"079201001234",
  "name":"Nguyễn Thị Hương","phone":"0901234567","hasPhone":true,"selfCheckIn":false,"startMs":1795981000000,
  "endMs":1795984000000,"start":"2026-11-23 09:16","end":"2026-11-23 10:06","endEstimated":false,
  "overlapMinutes":50}],"staffScanned":{"withPhone":1,"withoutPhone":0}})";

const char* kExposures = R"({"exposures":[{"id":7,"venueId":"pho-hoa","venueName":"Quán Phở Hòa","scanPointId":"p1",
  "fromMs":1795980000000,"untilMs":1795987200000,"from":"2026-11-23 09:00","until":"2026-11-23 11:00",
  "advice":"Theo dõi sức khỏe 14 ngày.","publishedBy":"phuong.bn","published":"2026-11-24 10:00",
  "withdrawn":false}]})";

const char* kPending = R"({"venues":[{"id":"cho-ben-thanh","name":"Chợ Bến Thành","address":"Lê Lợi",
  "category":"market","phone":"0281234567","ward":{"code":"26734","label":"Phường Bến Nghé, Quận 1"},
  "staffCount":30,"registered":"2026-11-20 07:00","sameAs":["Chợ Bến Thành cũ"]}]})";

const char* kOfficers = R"({"officers":[{"username":"xa.a","level":"ward",
  "area":{"code":"26734","label":"Phường Bến Nghé"},"created":"2026-11-01 08:00","disabled":true}]})";

const char* kAreas = R"({"areas":[{"code":"26734","label":"Phường Bến Nghé, Quận 1"}],"total":10600})";

struct Fixture {
  FakeNet net;
  MemoryKeyValueStore session;
  OfficeClient client{net.http(), session};
  Fixture() {
    client.login("phuong.bn", "secret", nullptr);
    net.answer(200, R"({"token":"t-1","officer":{"username":"phuong.bn","level":"district",
                        "area":{"code":"760","name":"Quận 1"}}})");
  }
};

// One call of each kind that reads an answer, answered with `status` and `body`; what came back.
struct Outcome {
  OfficeError error = OfficeError::Offline;
  std::string problem;
  bool called = false;
};
using Call = std::function<void(OfficeClient&, std::function<void(const OfficeStatus&)>)>;

struct Kind {
  const char* name;
  const char* good;
  Call call;
};

const std::vector<Kind>& kinds() {
  static const std::vector<Kind> all = {
      {"report", kReport, [](OfficeClient& c, auto done) { c.report("2026-W48", done); }},
      {"violations", kViolations, [](OfficeClient& c, auto done) { c.openViolations(done); }},
      {"trace", kTrace,
       [](OfficeClient& c, auto done) {
         c.trace(TraceQuery{"079201001234", "2026-11-20", "2026-11-25", "ca F0"}, done);
       }},
      {"exposures", kExposures, [](OfficeClient& c, auto done) { c.exposures(done); }},
      {"self-registrations", kPending, [](OfficeClient& c, auto done) { c.selfRegistrations(done); }},
      {"officers", kOfficers, [](OfficeClient& c, auto done) { c.officers(done); }},
      {"areas", kAreas, [](OfficeClient& c, auto done) { c.searchAreas(AreaSearch{"ben nghe"}, done); }},
      {"register", R"({"id":"pho-hoa","name":"Quán Phở Hòa","ward":"26734","scanPoints":[{"id":"p1","name":"Cổng"}]})",
       [](OfficeClient& c, auto done) { c.registerVenue(NewVenue{}, done); }},
      {"codes", R"({"codes":["ABCD-EFGH-JKLM"],"expiresMs":1796000000000})",
       [](OfficeClient& c, auto done) { c.issueEnrollmentCode("pho-hoa", done); }},
  };
  return all;
}

Outcome run(Fixture& f, const Kind& k, int status, const std::string& body) {
  Outcome o;
  k.call(f.client, [&](const OfficeStatus& s) {
    o.called = true;
    o.error = s.error;
    o.problem = s.problem;
  });
  f.net.answer(status, body);
  return o;
}

// Every JSON pointer inside `j` (objects' members and arrays' items, not the root).
void pointers(const json& j, const std::string& at, std::vector<std::string>& out) {
  if (j.is_object())
    for (auto it = j.begin(); it != j.end(); ++it) {
      out.push_back(at + "/" + it.key());
      pointers(*it, at + "/" + it.key(), out);
    }
  else if (j.is_array())
    for (size_t i = 0; i < j.size(); ++i) {
      out.push_back(at + "/" + std::to_string(i));
      pointers(j[i], at + "/" + std::to_string(i), out);
    }
}

}  // namespace

TEST(OfficeAnswers, AGoodReportArrivesWhole) {
  Fixture f;
  OfficeResult<WeeklyReport> got;
  f.client.report("2026-W48", [&](const OfficeResult<WeeklyReport>& r) { got = r; });
  f.net.answer(200, kReport);
  ASSERT_TRUE(got.ok()) << got.problem;
  const WeeklyReport& r = got.value;
  EXPECT_EQ(r.week, "2026-W48");
  EXPECT_EQ(r.from, "2026-11-23");
  EXPECT_EQ(r.area.name, "Quận 1");
  EXPECT_EQ(r.area.level, "district");
  ASSERT_EQ(r.areas.size(), 2u);
  EXPECT_EQ(r.areas[0].venues, 12);
  EXPECT_EQ(r.areas[0].scans, 480);
  EXPECT_EQ(r.areas[0].nonComplying, 3);
  ASSERT_TRUE(r.areas[0].scansPerStaff.has_value());
  EXPECT_DOUBLE_EQ(*r.areas[0].scansPerStaff, 12.0);
  EXPECT_FALSE(r.areas[1].scansPerStaff.has_value()) << "null: no staff numbers, drawn as a dash";
  EXPECT_EQ(r.areas[0].staff, std::optional<int64_t>(40));
  EXPECT_FALSE(r.areas[1].staff.has_value()) << "null: its venues declared none, drawn \"chưa khai báo\"";
  EXPECT_EQ(r.areas[1].area.code, "26734");
  ASSERT_EQ(r.trend.size(), 2u);
  EXPECT_EQ(r.trend[0].week, "2026-W47");
  EXPECT_EQ(r.trend[1].scans, 480);
  ASSERT_EQ(r.nonComplying.size(), 1u);
  EXPECT_EQ(r.nonComplying[0].problem, "low_scans");
  EXPECT_EQ(r.nonComplying[0].staff, 6);
  EXPECT_EQ(r.nonComplying[0].reminders, 4);
  EXPECT_TRUE(r.nonComplying[0].flaggedForSuspension);
  EXPECT_EQ(r.nonComplyingTotal, 3);
  ASSERT_EQ(r.unverified.size(), 2u);
  EXPECT_EQ(r.unverified[0].name, "Chợ Bến Thành");
  EXPECT_EQ(r.unverified[0].scans, 17);
  // Session 16: an unverified venue of a listed name is told apart too (older servers: "").
  EXPECT_EQ(r.unverified[0].nameAside, "");
  EXPECT_EQ(r.unverified[1].nameAside, "3 Hai Bà Trưng");
  // Session 16: venues registered in the week without a scan, apart; one name twice told apart.
  EXPECT_EQ(r.areas[0].newlyRegistered, 2);
  EXPECT_EQ(r.areas[1].newlyRegistered, 0) << "older servers: none";
  EXPECT_EQ(r.nonComplying[0].nameAside, "12 Lê Lợi");
  ASSERT_EQ(r.newlyRegistered.size(), 1u);
  EXPECT_EQ(r.newlyRegistered[0].id, "pho-hoa-2");
  EXPECT_EQ(r.newlyRegistered[0].nameAside, "40 Pasteur");
  EXPECT_EQ(r.newlyRegistered[0].registered, "2026-11-27");
}

TEST(OfficeAnswers, GoodListsArriveWhole) {
  Fixture f;
  OfficeResult<std::vector<Violation>> v;
  f.client.openViolations([&](const auto& r) { v = r; });
  f.net.answer(200, kViolations);
  ASSERT_TRUE(v.ok()) << v.problem;
  ASSERT_EQ(v.value.size(), 1u);
  EXPECT_EQ(v.value[0].id, 42);
  EXPECT_EQ(v.value[0].kind, "no_poster");
  EXPECT_EQ(v.value[0].note, "Không thấy mã QR");
  EXPECT_EQ(v.value[0].created, "2026-11-30 08:13");

  OfficeResult<TraceResult> t;
  f.client.trace(TraceQuery{"079201001234", "2026-11-20", "2026-11-25", "ca F0"}, [&](const auto& r) { t = r; });
  f.net.answer(200, kTrace);
  ASSERT_TRUE(t.ok()) << t.problem;
  ASSERT_EQ(t.value.visits.size(), 1u);
  EXPECT_EQ(t.value.visits[0].startMs, 1795980000000);
  EXPECT_TRUE(t.value.visits[0].endEstimated);
  EXPECT_EQ(t.value.visits[0].scanPoints, (std::vector<std::string>{"p1", "p2"}));
  EXPECT_EQ(t.value.visits[0].scanPointNames, (std::vector<std::string>{"Cổng chính", "Cửa sau"}));
  ASSERT_EQ(t.value.contacts.size(), 1u);
  EXPECT_EQ(t.value.contacts[0].key, "079201001234") << "full: the screen masks it";
  EXPECT_EQ(t.value.contacts[0].overlapMinutes, 50);
  EXPECT_EQ(t.value.staffWithPhone, 1);

  OfficeResult<std::vector<Exposure>> e;
  f.client.exposures([&](const auto& r) { e = r; });
  f.net.answer(200, kExposures);
  ASSERT_TRUE(e.ok()) << e.problem;
  EXPECT_EQ(e.value.at(0).id, 7);
  EXPECT_EQ(e.value.at(0).scanPointId, "p1");
  EXPECT_FALSE(e.value.at(0).withdrawn);

  OfficeResult<std::vector<PendingVenue>> p;
  f.client.selfRegistrations([&](const auto& r) { p = r; });
  f.net.answer(200, kPending);
  ASSERT_TRUE(p.ok()) << p.problem;
  EXPECT_EQ(p.value.at(0).wardLabel, "Phường Bến Nghé, Quận 1");
  EXPECT_EQ(p.value.at(0).sameAs, (std::vector<std::string>{"Chợ Bến Thành cũ"}));

  OfficeResult<std::vector<OfficerEntry>> o;
  f.client.officers([&](const auto& r) { o = r; });
  f.net.answer(200, kOfficers);
  ASSERT_TRUE(o.ok()) << o.problem;
  EXPECT_EQ(o.value.at(0).areaLabel, "Phường Bến Nghé");
  EXPECT_TRUE(o.value.at(0).disabled);

  OfficeResult<std::string> code;
  f.client.issueEnrollmentCode("pho-hoa", [&](const auto& r) { code = r; });
  sync::HttpRequest asked = f.net.answer(201, R"({"codes":["ABCD-EFGH-JKLM"],"expiresMs":1})");
  EXPECT_EQ(asked.path, "/api/v1/office/venues/pho-hoa/codes");
  EXPECT_EQ(json::parse(asked.body)["count"], 1);
  EXPECT_EQ(code.value, "ABCD-EFGH-JKLM");
}

TEST(OfficeAnswers, OptionalFieldsMayBeMissingOrNull) {
  Fixture f;
  OfficeResult<WeeklyReport> got;
  json r = json::parse(kReport);
  r.erase("unverified");
  r.erase("nonComplyingTotal");
  r["nonComplying"][0].erase("reminders");
  f.client.report("", [&](const auto& x) { got = x; });
  f.net.answer(200, r.dump());
  ASSERT_TRUE(got.ok()) << got.problem;
  EXPECT_TRUE(got.value.unverified.empty());
  EXPECT_EQ(got.value.nonComplyingTotal, 1) << "without a total, the list is all there is";

  OfficeResult<std::vector<Violation>> v;
  json vs = json::parse(kViolations);
  vs["violations"][0]["note"] = nullptr;
  f.client.openViolations([&](const auto& x) { v = x; });
  f.net.answer(200, vs.dump());
  ASSERT_TRUE(v.ok()) << v.problem;
  EXPECT_EQ(v.value[0].note, "");
}

TEST(OfficeAnswers, AMissingFieldRefusesTheWholeAnswerAndSaysWhich) {
  const std::vector<std::pair<const char*, std::vector<const char*>>> required = {
      {"report",
       {"/week", "/area/name", "/areas", "/areas/1/scans", "/areas/0/code", "/trend/1/week", "/nonComplying/0/id",
        "/nonComplying/0/problem", "/unverified/0/scans"}},
      {"violations", {"/violations", "/violations/0/id", "/violations/0/kind"}},
      {"trace",
       {"/visits", "/visits/0/startMs", "/visits/0/scanPoints", "/visits/0/scanPointNames", "/contacts/0/start",
        "/staffScanned/withPhone"}},
      {"exposures", {"/exposures/0/id", "/exposures/0/until"}},
      {"self-registrations", {"/venues/0/id", "/venues/0/ward", "/venues/0/ward/label", "/venues/0/sameAs"}},
      {"officers", {"/officers/0/username", "/officers/0/area/label"}},
      {"areas", {"/areas/0/code"}},
      {"register", {"/id"}},
      {"codes", {"/codes"}},
  };
  for (const auto& entry : required) {
    const std::string name = entry.first;
    const std::vector<const char*>& paths = entry.second;
    const Kind& k = *std::find_if(kinds().begin(), kinds().end(), [&](const Kind& x) { return x.name == name; });
    for (const char* path : paths) {
      Fixture f;
      json j = json::parse(k.good);
      json::json_pointer p(path);
      j[p.parent_pointer()].erase(p.back());
      Outcome o = run(f, k, 200, j.dump());
      ASSERT_TRUE(o.called);
      EXPECT_EQ(o.error, OfficeError::BadJson) << name << " without " << path;
      EXPECT_NE(o.problem.find("missing"), std::string::npos) << name << " " << path << ": " << o.problem;
      EXPECT_NE(o.problem.find(p.back()), std::string::npos) << name << " " << path << ": " << o.problem;
    }
  }
}

TEST(OfficeAnswers, AWrongKindRefusesTheWholeAnswer) {
  Fixture f;
  OfficeResult<WeeklyReport> got;
  auto report = [&](const json& j) {
    got = {};
    got.value.week = "not overwritten?";
    f.client.report("", [&](const auto& x) { got = x; });
    f.net.answer(200, j.dump());
  };
  json j = json::parse(kReport);
  j["areas"][1]["scans"] = "200";
  report(j);
  EXPECT_EQ(got.error, OfficeError::BadJson);
  EXPECT_EQ(got.problem, "areas[1].scans: not an integer");
  EXPECT_TRUE(got.value.areas.empty() && got.value.week.empty()) << "nothing half-read reaches a screen";

  // A server before session 12 sent 0 for an area whose venues declared no staff: the same.
  j = json::parse(kReport);
  j["areas"][1]["staff"] = 0;
  report(j);
  EXPECT_EQ(got.error, OfficeError::None) << got.problem;
  EXPECT_FALSE(got.value.areas[1].staff.has_value());
  j["areas"][1]["venues"] = 0;
  report(j);
  EXPECT_EQ(got.value.areas[1].staff, std::optional<int64_t>(0)) << "no venue: truly none";
  j["areas"][1]["staff"] = "0";
  report(j);
  EXPECT_EQ(got.problem, "areas[1].staff: not an integer");
  j = json::parse(kReport);
  j["areas"][0]["scansPerStaff"] = "12.00";
  report(j);
  EXPECT_EQ(got.problem, "areas[0].scansPerStaff: not a number");
  j = json::parse(kReport);
  j["trend"] = json::object();
  report(j);
  EXPECT_EQ(got.problem, "trend: not a list");
  j = json::parse(kReport);
  j["area"] = "Quận 1";
  report(j);
  EXPECT_EQ(got.problem, "area: not an object");
  j = json::parse(kReport);
  j["nonComplying"][0] = "pho-hoa";
  report(j);
  EXPECT_EQ(got.problem, "nonComplying[0]: not an object");
  j = json::parse(kReport);
  j["nonComplying"][0]["flaggedForSuspension"] = 1;
  report(j);
  EXPECT_EQ(got.problem, "nonComplying[0].flaggedForSuspension: not true or false");

  OfficeResult<TraceResult> t;
  json tr = json::parse(kTrace);
  tr["visits"][0]["scanPoints"][1] = 2;
  f.client.trace(TraceQuery{}, [&](const auto& x) { t = x; });
  f.net.answer(200, tr.dump());
  EXPECT_EQ(t.error, OfficeError::BadJson);
  EXPECT_EQ(t.problem, "visits[0].scanPoints[1]: not text");

  OfficeResult<std::string> code;
  f.client.issueEnrollmentCode("pho-hoa", [&](const auto& x) { code = x; });
  f.net.answer(201, R"({"codes":[]})");
  EXPECT_EQ(code.error, OfficeError::BadJson) << "no code in the answer: not one to show";
}

TEST(OfficeAnswers, AServerErrorIsTypedAndCarriesNoValue) {
  for (const Kind& k : kinds()) {
    Fixture f;
    EXPECT_EQ(run(f, k, 500, "Internal Server Error").error, OfficeError::Server) << k.name;
    EXPECT_EQ(run(f, k, 503, k.good).error, OfficeError::Server) << k.name;
    EXPECT_EQ(run(f, k, 0, "").error, OfficeError::Offline) << k.name;
    EXPECT_EQ(run(f, k, 404, R"({"error":{"code":"not_found","message":"x"}})").error, OfficeError::Refused) << k.name;
    EXPECT_EQ(run(f, k, 200, "<html>captive portal</html>").error, OfficeError::BadJson) << k.name;
    EXPECT_EQ(run(f, k, 200, "[]").error, OfficeError::BadJson) << k.name;
    EXPECT_EQ(run(f, k, 200, "null").error, OfficeError::BadJson) << k.name;
    EXPECT_EQ(run(f, k, 200, k.good).error, OfficeError::None) << k.name;
    Outcome ended = run(f, k, 401, R"({"error":{"code":"session_expired"}})");
    EXPECT_EQ(ended.error, OfficeError::SessionEnded) << k.name;
    EXPECT_FALSE(f.client.loggedIn()) << k.name;
  }
}

// Every field of every answer replaced by every other kind of value: a typed answer or a typed
// error, never a throw.
TEST(OfficeAnswers, NoAnswerOfAnyShapeThrows) {
  const json others[] = {nullptr, 7, -1, 2.5, "x", "", true, json::array(), json::object(), json::array({1})};
  int tried = 0, refused = 0;
  for (const Kind& k : kinds()) {
    const json good = json::parse(k.good);
    std::vector<std::string> paths;
    pointers(good, "", paths);
    for (const std::string& path : paths)
      for (const json& other : others) {
        Fixture f;
        json j = good;
        j[json::json_pointer(path)] = other;
        Outcome o;
        EXPECT_NO_THROW(o = run(f, k, 200, j.dump())) << k.name << " " << path << " = " << other.dump();
        EXPECT_TRUE(o.called);
        EXPECT_TRUE(o.error == OfficeError::None || o.error == OfficeError::BadJson) << k.name << " " << path;
        ++tried;
        refused += o.error == OfficeError::BadJson;
      }
  }
  EXPECT_GT(tried, 500);
  EXPECT_GT(refused, tried / 2) << "most fields are required";
}

// Error bodies and login answers of the wrong shape are read without throwing too.
TEST(OfficeAnswers, WrongShapedErrorsAndLoginsDoNotThrow) {
  OfficeReply r;
  EXPECT_NO_THROW(r = officeReplyOf(sync::HttpReply{400, R"({"error":{"code":5}})"}));
  EXPECT_EQ(r.error, OfficeError::BadInput);
  EXPECT_EQ(r.errorCode, "");

  FakeNet net;
  MemoryKeyValueStore session;
  OfficeClient client{net.http(), session};
  OfficeStatus got;
  client.login("a", "b", [&](const OfficeStatus& s) { got = s; });
  EXPECT_NO_THROW(net.answer(200, R"({"token":"t-1","officer":{"username":7,"area":"760"}})"));
  EXPECT_TRUE(got.ok());
  EXPECT_EQ(client.officer().username, "");
  client.logout();
  net.answer(200, "{}");
  client.login("a", "b", [&](const OfficeStatus& s) { got = s; });
  EXPECT_NO_THROW(net.answer(200, R"({"token":"t-2","officer":5})"));
  EXPECT_TRUE(client.loggedIn());
}

TEST(OfficeAnswers, WhatTheScreensSendIsBuiltByTheClient) {
  Fixture f;
  NewVenue v;
  v.name = "Quán Phở Hòa";
  v.ward = "26734";
  v.category = "restaurant";
  v.staffCount = 5;
  v.scanPoints = {"Cổng chính", "Cửa sau"};
  f.client.registerVenue(v, nullptr);
  sync::HttpRequest asked = f.net.answer(201, R"({"id":"pho-hoa","name":"Quán Phở Hòa"})");
  EXPECT_EQ(asked.path, "/api/v1/venues");
  json b = json::parse(asked.body);
  EXPECT_EQ(b["staffCount"], 5);
  EXPECT_EQ(b["scanPoints"], json::array({"Cổng chính", "Cửa sau"}));
  EXPECT_EQ(b["category"], "restaurant");

  f.client.searchAreas(AreaSearch{"bến nghé", "ward", "760", 8}, nullptr);
  asked = f.net.answer(200, kAreas);
  EXPECT_EQ(asked.path, "/api/v1/areas?limit=8&q=b%E1%BA%BFn%20ngh%C3%A9&level=ward&within=760");
  EXPECT_EQ(asked.token, "t-1");

  f.client.publishExposure(ExposureDraft{"pho-hoa", "", 1795980000000, 1795987200000, "Theo dõi", "trace"}, nullptr);
  asked = f.net.answer(201, "{}");
  b = json::parse(asked.body);
  EXPECT_EQ(asked.path, "/api/v1/office/exposures");
  EXPECT_EQ(b["untilMs"], 1795987200000);
  EXPECT_EQ(b["scanPointId"], "");
}
