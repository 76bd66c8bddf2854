// Exposures (issue #17) on both backends: the typed Store methods, and the API an officer and a
// visitor's phone use: publish (audited, area-checked), the signed public list (verifies with
// the poster key ring, no personal data, ETag/304), withdrawal.
#include <nlohmann/json.hpp>

#include "backend_fixture.hpp"
#include "exposure/exposure_list.hpp"
#include "posters/posters.hpp"
#include "api/server_api.hpp"
#include "common/secrets.hpp"

using namespace diemquet;
using namespace diemquet::server;
using namespace diemquet::server::testing;
using nlohmann::json;

namespace {

constexpr int64_t kHour = 3'600'000;

class ExposuresTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(store->createVenue(Venue{"v1", "Chợ Bến Thành", "Lê Lợi", "market", 40, 120}));
    ASSERT_TRUE(store->createVenue(Venue{"v2", "Chợ Bình Tây", "", "market", 40, 120}));
    ASSERT_TRUE(store->addScanPoint(ScanPoint{"gate", "v1", "Cổng chính"}));
    ASSERT_TRUE(store->addScanPoint(ScanPoint{"side", "v1", "Cổng phụ"}));
    ASSERT_TRUE(store->runSql({{"UPDATE venues SET ward_code = '26743' WHERE venue_id = 'v1'", {}},
                               {"UPDATE venues SET ward_code = '27259' WHERE venue_id = 'v2'", {}},
                               {"INSERT INTO officers(username, level, area_code, password_hash, created_ms) VALUES "
                                "('benthanh', 'ward', '26743', 'x', 0)",
                                {}},
                               {"INSERT INTO office_sessions(token_hash, username, created_ms, last_used_ms) VALUES "
                                "(?, 'benthanh', ?, ?)",
                                {sha256Hex("tok"), now, now}}}));
    api = std::make_unique<Api>(*store, [this] { return now; });
  }
  ApiResponse call(const std::string& method, const std::string& path, const std::string& body = {},
                   const std::string& auth = "Bearer tok", const std::string& ifNoneMatch = {}) {
    ApiRequest r{method, path, auth, body};
    r.ifNoneMatch = ifNoneMatch;
    return api->handle(r);
  }
  json publishBody(const std::string& venue = "v1", const std::string& point = "") {
    return json{{"venueId", venue},
                {"scanPointId", point},
                {"fromMs", now - 5 * kHour},
                {"untilMs", now - 3 * kHour},
                {"advice", "Theo dõi sức khỏe 14 ngày"},
                {"reason", "F0 ca 12"}};
  }
  exposure::ExposureList publicList() {
    ApiResponse r = call("GET", "/api/v1/exposures", "", "");
    EXPECT_EQ(r.status, 200) << r.body;
    auto ring = posters::keyRing(*store);
    EXPECT_TRUE(ring);
    auto l = exposure::verifyList(r.body, ring.value());
    EXPECT_TRUE(l) << (l ? "" : l.error().message);
    return l ? l.value() : exposure::ExposureList{};
  }

  int64_t now = kT0 + 48 * kHour;
  std::unique_ptr<Api> api;
};

TEST_P(ExposuresTest, StoreMethods) {
  ExposureRow e{0, "v1", "gate", kT0, kT0 + kHour, "Ở nhà", "benthanh", kT0 + 2 * kHour, 0, "", "", ""};
  auto id = store->addExposure(e);
  ASSERT_TRUE(id) << id.error().message;
  e.venueId = "nope";
  EXPECT_EQ(store->addExposure(e).error().kind, ErrorKind::NotFound);
  auto rows = store->exposures(kT0, false);
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].venueName, "Chợ Bến Thành");
  EXPECT_EQ((*rows)[0].wardCode, "26743");
  EXPECT_EQ((*rows)[0].scanPointId, "gate");
  EXPECT_EQ((*rows)[0].scanPointName, "Cổng chính") << "the office shows the name, not the id";
  EXPECT_TRUE(store->exposures(kT0 + kHour + 1, false)->empty()) << "window ended before";
  EXPECT_EQ(store->exposureListVersion().value(), kT0 + 2 * kHour);
  ASSERT_TRUE(store->withdrawExposure(id.value(), "benthanh", kT0 + 3 * kHour));
  EXPECT_EQ(store->withdrawExposure(id.value(), "benthanh", kT0 + 4 * kHour).error().kind, ErrorKind::NotFound);
  EXPECT_EQ(store->withdrawExposure(id.value() + 100, "benthanh", kT0).error().kind, ErrorKind::NotFound);
  EXPECT_TRUE(store->exposures(kT0, false)->empty());
  ASSERT_EQ(store->exposures(kT0, true)->size(), 1u);
  EXPECT_EQ(store->exposures(kT0, true).value()[0].withdrawnMs, kT0 + 3 * kHour);
  EXPECT_EQ(store->exposureListVersion().value(), kT0 + 3 * kHour);
  // A second server process sees the same rows.
  auto other = openAgain();
  ASSERT_TRUE(other);
  EXPECT_EQ(other->exposures(kT0, true)->size(), 1u);
  // Every scan point: one row, no name.
  ExposureRow all{0, "v1", "", kT0, kT0 + kHour, "Ở nhà", "benthanh", kT0 + 5 * kHour, 0, "", "", ""};
  ASSERT_TRUE(store->addExposure(all));
  auto active = store->exposures(kT0, false);
  ASSERT_TRUE(active);
  ASSERT_EQ(active->size(), 1u);
  EXPECT_EQ((*active)[0].scanPointName, "");
}

TEST_P(ExposuresTest, PublishListAndWithdraw) {
  EXPECT_EQ(publicList().exposures.size(), 0u);
  ApiResponse r = call("POST", "/api/v1/office/exposures", publishBody("v1", "gate").dump());
  ASSERT_EQ(r.status, 201) << r.body;
  const int64_t id = json::parse(r.body)["exposure"]["id"];
  // Session 9: the answer named neither the venue nor the gate (the office showed an empty gate
  // until the list was reloaded). It names them as the list does.
  EXPECT_EQ(json::parse(r.body)["exposure"]["venueName"], "Chợ Bến Thành") << r.body;
  EXPECT_EQ(json::parse(r.body)["exposure"]["scanPointName"], "Cổng chính") << r.body;

  exposure::ExposureList l = publicList();
  ASSERT_EQ(l.exposures.size(), 1u);
  EXPECT_EQ(l.exposures[0].venueId, "v1");
  EXPECT_EQ(l.exposures[0].pointId, "gate");
  EXPECT_EQ(l.exposures[0].advice, "Theo dõi sức khỏe 14 ngày");
  EXPECT_EQ(l.issuedMs, now);
  // No personal data: the publishing officer's name is not in it.
  ApiResponse pub = call("GET", "/api/v1/exposures", "", "");
  EXPECT_EQ(pub.body.find("benthanh"), std::string::npos);
  EXPECT_LT(pub.body.size(), 1000u);

  // Cacheable: the same list gives the same ETag, and a 304 with no body.
  ASSERT_FALSE(pub.etag.empty());
  EXPECT_EQ(pub.cacheControl, "public, no-cache");
  ApiResponse again = call("GET", "/api/v1/exposures", "", "", pub.etag);
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());

  // Audited.
  auto audit = store->runSql({{"SELECT action, target, reason FROM audit_log ORDER BY id", {}}});
  ASSERT_TRUE(audit);
  ASSERT_EQ(audit->at(0).rows.size(), 1u);
  EXPECT_EQ(std::get<std::string>(audit->at(0).rows[0][0]), "publish_exposure");
  EXPECT_EQ(std::get<std::string>(audit->at(0).rows[0][2]), "F0 ca 12");

  now += kHour;
  r = call("POST", "/api/v1/office/exposures/" + std::to_string(id) + "/withdraw");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(call("POST", "/api/v1/office/exposures/" + std::to_string(id) + "/withdraw").status, 404);
  l = publicList();
  EXPECT_TRUE(l.exposures.empty());
  EXPECT_EQ(l.issuedMs, now) << "the list moves forward, so phones drop the withdrawn one";
  EXPECT_EQ(call("GET", "/api/v1/exposures", "", "", pub.etag).status, 200);

  ApiResponse listed = call("GET", "/api/v1/office/exposures");
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(json::parse(listed.body)["exposures"][0]["withdrawn"], true);
  EXPECT_EQ(json::parse(listed.body)["exposures"][0]["scanPointName"], "Cổng chính");
}

TEST_P(ExposuresTest, BadPublicationsChangeNothing) {
  EXPECT_EQ(call("POST", "/api/v1/office/exposures", publishBody().dump(), "").status, 401);
  EXPECT_EQ(call("POST", "/api/v1/office/exposures", publishBody("v2").dump()).status, 404) << "outside the area";
  EXPECT_EQ(call("POST", "/api/v1/office/exposures", publishBody("v1", "nope").dump()).status, 400);
  json b = publishBody();
  b["advice"] = "   ";
  EXPECT_EQ(call("POST", "/api/v1/office/exposures", b.dump()).status, 400);
  b = publishBody();
  b["untilMs"] = b["fromMs"];
  EXPECT_EQ(call("POST", "/api/v1/office/exposures", b.dump()).status, 400);
  b = publishBody();
  b["fromMs"] = now + 2 * 86'400'000LL;
  b["untilMs"] = now + 3 * 86'400'000LL;
  EXPECT_EQ(call("POST", "/api/v1/office/exposures", b.dump()).status, 400) << "in the future";
  EXPECT_EQ(call("POST", "/api/v1/office/exposures", "{nope").status, 400);
  EXPECT_EQ(call("DELETE", "/api/v1/exposures", "", "").status, 405);
  EXPECT_TRUE(store->exposures(0, true)->empty());
  EXPECT_EQ(call("POST", "/api/v1/office/exposures/abc/withdraw").status, 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, ExposuresTest, ::testing::Values(std::string("sqlite"), std::string("postgres")),
                         backendName);

}  // namespace
