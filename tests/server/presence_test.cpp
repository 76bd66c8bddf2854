// One presence across a venue's gates (issue #17), the server's side, on both backends: the
// timeline rule, the presence answer each station asks for (who was last seen in or out at
// any gate, as hashes), the corrections of a station's offline "in" that was the way out, and
// the trace reading the same timeline.
#include "sync/presence.hpp"
#include "backend_fixture.hpp"
#include "check_in_json.hpp"
#include "office/office_db.hpp"
#include "office/trace.hpp"
#include "office/office_api.hpp"
#include "api/server_api.hpp"
#include "common/secrets.hpp"
#include "common/venue_timeline.hpp"

using namespace diemquet;
using namespace diemquet::server;
using namespace diemquet::server::testing;
using nlohmann::json;

namespace {

constexpr int64_t kMin = 60'000;

TEST(VenueTimeline, AnInAtAnotherGateWhileInsideIsTheWayOut) {
  std::vector<TimelineEntry> t{{"p1", "gate-a", 1, 0, true, true},
                               {"p1", "gate-b", 1, 30 * kMin, true, true},  // offline at B: the way out
                               {"p1", "gate-b", 2, 60 * kMin, true, true},  // a new visit
                               {"p1", "gate-b", 3, 70 * kMin, true, true},  // B again: B's own decision
                               {"p2", "gate-a", 2, 0, true, true},
                               {"p2", "gate-b", 4, 200 * kMin, true, true}};  // after the stay: new visit
  reconcileTimelines(t, 120 * kMin);
  std::vector<bool> got;
  for (const auto& e : t) got.push_back(e.effectiveIn);
  EXPECT_EQ(got, (std::vector<bool>{true, false, true, true, true, true}));
  for (const auto& e : t) EXPECT_FALSE(e.closesSamePoint) << "no scan points known";
}

// Two phones at one gate: the second phone's offline "in" is still the way out, and says it
// closed an entry at the same scan point (the station then names the other phone, not a gate).
TEST(VenueTimeline, TheWayOutSaysWhetherItClosedAnEntryAtTheSameScanPoint) {
  std::vector<TimelineEntry> t{{"p1", "phone-a", 1, 0, true, true, "gate"},
                               {"p1", "phone-b", 1, 30 * kMin, true, true, "gate"},
                               {"p2", "phone-a", 2, 0, true, true, "gate"},
                               {"p2", "phone-b", 2, 30 * kMin, true, true, "side"}};
  reconcileTimelines(t, 120 * kMin);
  EXPECT_FALSE(t[1].effectiveIn);
  EXPECT_TRUE(t[1].closesSamePoint);
  EXPECT_FALSE(t[3].effectiveIn);
  EXPECT_FALSE(t[3].closesSamePoint);
}

// Two phones at one gate, the second offline (session 12): its entry a minute after the first
// phone's is her entry again, not her exit; kept "in", opening nothing. Another gate, or after
// the window, still reads as the way out; her real exit later closes the first entry's visit.
TEST(VenueTimeline, ASecondPhonesEntryAtTheSameGateWithinTheRepeatWindowRepeatsTheEntry) {
  std::vector<TimelineEntry> t{{"p1", "phone-a", 1, 0, true, true, "gate"},
                               {"p1", "phone-b", 1, 1 * kMin, true, true, "gate"},   // offline B: same entry
                               {"p1", "phone-b", 2, 40 * kMin, true, true, "gate"},  // her way out
                               {"p2", "phone-a", 2, 0, true, true, "gate"},
                               {"p2", "phone-b", 3, 1 * kMin, true, true, "side"},   // another gate: out
                               {"p3", "phone-a", 3, 0, true, true, "gate"},
                               {"p3", "phone-b", 4, 3 * kMin + 1, true, true, "gate"}};  // after the window: out
  reconcileTimelines(t, 120 * kMin);
  std::vector<bool> in, repeats;
  for (const auto& e : t) {
    in.push_back(e.effectiveIn);
    repeats.push_back(e.repeatsEntry);
  }
  EXPECT_EQ(in, (std::vector<bool>{true, true, false, true, false, true, false}));
  EXPECT_EQ(repeats, (std::vector<bool>{false, true, false, false, false, false, false}));
  EXPECT_TRUE(t[2].closesSamePoint) << "the way out closes phone A's entry at the gate";
}

class PresenceTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(store->createVenue(Venue{"v1", "Chợ Bến Thành", "Lê Lợi", "market", 40, 120}));
    ASSERT_TRUE(store->addScanPoint(ScanPoint{"gate", "v1", "Cổng chính"}));
    ASSERT_TRUE(store->addScanPoint(ScanPoint{"side", "v1", "Cổng phụ"}));
    ASSERT_TRUE(store->runSql({{"UPDATE venues SET ward_code = '26743' WHERE venue_id = 'v1'", {}}}));
    api = std::make_unique<Api>(*store, [this] { return now; });
    tokA = enroll("st-a");
    tokB = enroll("st-b");
  }
  std::string enroll(const std::string& device) {
    std::string code = newEnrollmentCode();
    EXPECT_TRUE(store->addEnrollmentCode("v1", sha256Hex(normalizeEnrollmentCode(code)), now, now + 3600000));
    ApiResponse r =
        api->handle(ApiRequest{"POST", "/api/v1/enroll", "", json{{"code", code}, {"device", device}}.dump()});
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body).value("token", "");
  }
  CheckIn rec(const std::string& device, int64_t seq, const std::string& point, Direction d, int64_t at) {
    CheckIn c = sampleCheckIn(device, seq);
    c.scanPointId = point;
    c.person.key = "001099012345";
    c.direction = d;
    c.at = Instant{at, 420};
    return c;
  }
  void upload(const std::string& device, const std::string& token, const std::vector<CheckIn>& list) {
    json arr = json::array();
    for (const auto& c : list) arr.push_back(toJson(c));
    ApiResponse r = api->handle(
        ApiRequest{"POST", "/api/v1/checkins", "Bearer " + token, json{{"device", device}, {"checkIns", arr}}.dump()});
    ASSERT_EQ(r.status, 200) << r.body;
  }
  json presence(const std::string& device, const std::string& token) {
    ApiResponse r =
        api->handle(ApiRequest{"POST", "/api/v1/presence", "Bearer " + token, json{{"device", device}}.dump()});
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? json::parse(r.body) : json::object();
  }

  // The weekly report's scans of venue v1 in the weeks around `at`.
  int64_t scansOfV1(int64_t at) {
    auto rows = store->weeklyReportRows(ReportArea{"ward_code", {"26743"}}, at - 3 * 86'400'000);
    EXPECT_TRUE(rows) << rows.error().message;
    int64_t n = 0;
    if (rows)
      for (const ReportScans& s : rows->scans) n += s.venueId == "v1" ? s.scans : 0;
    return n;
  }

  int64_t now = kT0 + 3 * 3600000;
  std::unique_ptr<Api> api;
  std::string tokA, tokB;
};

TEST_P(PresenceTest, OnlineTheOtherGateLearnsWhoIsInside) {
  const int64_t t = now - 20 * kMin;
  upload("st-a", tokA, {rec("st-a", 1, "gate", Direction::In, t)});
  json p = presence("st-b", tokB);
  ASSERT_EQ(p["people"].size(), 1u);
  EXPECT_EQ(p["people"][0]["p"], sync::presenceKey("v1", "001099012345"));
  EXPECT_EQ(p["people"][0]["d"], "in");
  EXPECT_EQ(p["people"][0]["t"], t);
  EXPECT_EQ(p["people"][0]["sp"], "gate") << "where: a phone at the same gate takes it for a repeat";
  EXPECT_EQ(p["people"][0]["own"], false);
  EXPECT_EQ(presence("st-a", tokA)["people"][0]["own"], true);
  EXPECT_EQ(p.dump().find("001099012345"), std::string::npos) << "no ID number in clear";
  EXPECT_TRUE(p["corrections"].empty());
  // Station B, told so, checked them out: both gates now see "out".
  upload("st-b", tokB, {rec("st-b", 1, "side", Direction::Out, t + 10 * kMin)});
  EXPECT_EQ(presence("st-a", tokA)["people"][0]["d"], "out");
}

TEST_P(PresenceTest, OfflineTheSecondInIsCorrectedForItsStationAndTheTrace) {
  const int64_t t = now - 60 * kMin;
  // B was offline: it recorded the person's way out as "in"; it uploads first, A later.
  upload("st-b", tokB, {rec("st-b", 1, "side", Direction::In, t + 30 * kMin)});
  EXPECT_TRUE(presence("st-b", tokB)["corrections"].empty()) << "nothing to correct yet";
  upload("st-a", tokA, {rec("st-a", 1, "gate", Direction::In, t)});
  json b = presence("st-b", tokB);
  ASSERT_EQ(b["corrections"].size(), 1u);
  EXPECT_EQ(b["corrections"][0]["seq"], 1);
  EXPECT_EQ(b["corrections"][0]["dir"], "out");
  EXPECT_EQ(b["corrections"][0]["samePoint"], false) << "A's entry was at another gate";
  EXPECT_EQ(b["people"][0]["d"], "out") << "they left";
  EXPECT_TRUE(presence("st-a", tokA)["corrections"].empty()) << "A's own record was right";

  // The trace reads the same timeline: one visit from gate A to gate B, not two.
  office::Officer o{"benthanh", AreaLevel::Ward, "26743"};
  office::TraceQuery q;
  q.id = "001099012345";
  q.fromMs = t - 3600000;
  q.toMs = now + 3600000;
  auto r = office::runTrace(*store, o, q);
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->visits.size(), 1u);
  EXPECT_EQ(r->visits[0].startMs, t);
  EXPECT_EQ(r->visits[0].endMs, t + 30 * kMin);
  EXPECT_FALSE(r->visits[0].endEstimated);
  EXPECT_EQ(r->visits[0].scanPoints.size(), 2u);
}

// Phone B at the same gate as A, offline: it took her in again a minute after A did. After its
// upload nobody corrects it to "out", she is inside, and the trace reads one visit from A's entry
// to her real exit (session 12: it used to read her way out a minute after she came in).
TEST_P(PresenceTest, OfflineASecondEntryAtTheSameGateStaysHerEntry) {
  ASSERT_TRUE(store->runSql({{"UPDATE venues SET default_stay_minutes = 120 WHERE venue_id = 'v1'", {}}}));
  const int64_t t = now - 60 * kMin;
  upload("st-a", tokA, {rec("st-a", 1, "gate", Direction::In, t)});
  upload("st-b", tokB, {rec("st-b", 1, "gate", Direction::In, t + 1 * kMin)});
  json b = presence("st-b", tokB);
  EXPECT_TRUE(b["corrections"].empty()) << b.dump();
  ASSERT_EQ(b["people"].size(), 1u);
  EXPECT_EQ(b["people"][0]["d"], "in") << "she is inside";
  EXPECT_TRUE(presence("st-a", tokA)["corrections"].empty());

  office::Officer o{"benthanh", AreaLevel::Ward, "26743"};
  office::TraceQuery q;
  q.id = "001099012345";
  q.fromMs = t - 3600000;
  q.toMs = now + 3600000;
  auto r = office::runTrace(*store, o, q);
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->visits.size(), 1u);
  EXPECT_EQ(r->visits[0].startMs, t);
  EXPECT_TRUE(r->visits[0].endEstimated) << "no exit was scanned";
  // Her real way out, at the other gate on A's side later: it closes the visit A opened.
  upload("st-a", tokA, {rec("st-a", 2, "side", Direction::Out, t + 40 * kMin)});
  r = office::runTrace(*store, o, q);
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->visits.size(), 1u);
  EXPECT_EQ(r->visits[0].startMs, t);
  EXPECT_EQ(r->visits[0].endMs, t + 40 * kMin);
  EXPECT_FALSE(r->visits[0].endEstimated);
}

// The report counts her once (session 12): phone B's repeat of phone A's entry is kept but is
// no scan, whichever phone uploads first, after the day's roll-up too; voiding A's entry makes
// B's record her entry again. Her real exit is a scan.
TEST_P(PresenceTest, TheReportCountsASecondPhonesRepeatedEntryOnce) {
  const int64_t t = now - 60 * kMin;
  auto scans = [&] {
    auto rows = store->weeklyReportRows(ReportArea{"ward_code", {"26743"}}, t - 3 * 86'400'000);
    EXPECT_TRUE(rows) << rows.error().message;
    int64_t n = 0;
    if (rows)
      for (const ReportScans& s : rows->scans) n += s.venueId == "v1" ? s.scans : 0;
    return n;
  };
  // B, offline, uploads first: alone, its record is her entry.
  upload("st-b", tokB, {rec("st-b", 1, "gate", Direction::In, t + 1 * kMin)});
  EXPECT_EQ(scans(), 1);
  upload("st-a", tokA, {rec("st-a", 1, "gate", Direction::In, t)});
  EXPECT_EQ(scans(), 1) << "A's entry and B's repeat of it: one scan";
  upload("st-a", tokA, {rec("st-a", 2, "side", Direction::Out, t + 40 * kMin)});
  EXPECT_EQ(scans(), 2) << "and her way out";
  upload("st-b", tokB, {rec("st-b", 1, "gate", Direction::In, t + 1 * kMin)});  // a resend changes nothing
  EXPECT_EQ(scans(), 2);
  ASSERT_TRUE(office::rollUp(*store, now + 3 * 86'400'000));
  EXPECT_EQ(scans(), 2) << "the same from the roll-up";
  // A's entry undone: B's record is her entry now, counted (the rolled-up day is counted again).
  CheckIn undone = rec("st-a", 1, "gate", Direction::In, t);
  undone.voided = true;
  upload("st-a", tokA, {undone});
  EXPECT_EQ(scans(), 2) << "B's entry and her way out";
  ASSERT_TRUE(office::rollUp(*store, now + 4 * 86'400'000));
  EXPECT_EQ(scans(), 2);
}

// Four phones at one gate took her in within the same second, and uploaded in any order (the
// load test's shape, session 13): one scan, whichever phone's record is first by the timeline's
// order; a second person, typed by hand with her phone, is counted once the same way.
TEST_P(PresenceTest, ManyPhonesTakingHerInAtOnceAtOneGateAreOneScanWhateverTheUploadOrder) {
  const std::string tokC = enroll("st-c"), tokD = enroll("st-d");
  const int64_t t = now - 60 * kMin;
  auto byPhone = [&](const std::string& device, int64_t seq) {
    CheckIn c = rec(device, seq, "gate", Direction::In, t + 10'000);
    c.person.kind = PersonKind::Manual;
    c.person.key = "0912345678";  // typed by hand: her phone is her key
    c.person.phone = "0912345678";
    return c;
  };
  upload("st-d", tokD, {rec("st-d", 1, "gate", Direction::In, t), byPhone("st-d", 2)});
  upload("st-b", tokB, {rec("st-b", 1, "gate", Direction::In, t), byPhone("st-b", 2)});
  EXPECT_EQ(scansOfV1(t), 2);
  upload("st-a", tokA, {rec("st-a", 1, "gate", Direction::In, t), byPhone("st-a", 2)});
  upload("st-c", tokC, {rec("st-c", 1, "gate", Direction::In, t), byPhone("st-c", 2)});
  EXPECT_EQ(scansOfV1(t), 2) << "st-a's records are the first; the other three repeat them";
}

// Three phones at one gate, a person taken in every two minutes: the second repeats the first,
// the third is four minutes after the entry that counted, out of its window: an entry of its own
// as the timeline reads it, counted. Voiding the second changes nothing; voiding the first
// makes the second her entry and the third its repeat.
TEST_P(PresenceTest, AnEntryRepeatsTheCountedEntryNotARepeatOfIt) {
  const std::string tokC = enroll("st-c");
  const int64_t t = now - 60 * kMin;
  upload("st-c", tokC, {rec("st-c", 1, "gate", Direction::In, t + 4 * kMin)});
  upload("st-b", tokB, {rec("st-b", 1, "gate", Direction::In, t + 2 * kMin)});
  EXPECT_EQ(scansOfV1(t), 1) << "C repeats B";
  upload("st-a", tokA, {rec("st-a", 1, "gate", Direction::In, t)});
  EXPECT_EQ(scansOfV1(t), 2) << "B repeats A; C is beyond A's window";
  CheckIn undone = rec("st-a", 1, "gate", Direction::In, t);
  undone.voided = true;
  upload("st-a", tokA, {undone});
  EXPECT_EQ(scansOfV1(t), 1) << "without A: B, and C its repeat";
}

TEST_P(PresenceTest, RefusesStrangers) {
  EXPECT_EQ(api->handle(ApiRequest{"POST", "/api/v1/presence", "", "{}"}).status, 401);
  EXPECT_EQ(api->handle(ApiRequest{"POST", "/api/v1/presence", "Bearer nope", "{\"device\":\"st-a\"}"}).status, 401);
  EXPECT_EQ(api->handle(ApiRequest{"POST", "/api/v1/presence", "Bearer " + tokA, "{\"device\":\"st-b\"}"}).status, 403);
  EXPECT_EQ(api->handle(ApiRequest{"GET", "/api/v1/presence", "Bearer " + tokA, ""}).status, 405);
}

INSTANTIATE_TEST_SUITE_P(Backends, PresenceTest, ::testing::Values(std::string("sqlite"), std::string("postgres")),
                         backendName);

}  // namespace
