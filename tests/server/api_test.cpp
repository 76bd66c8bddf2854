// The JSON API (enroll, upload, health) driven directly, against both backends.
#include <set>
#include <stdexcept>

#include "backend_fixture.hpp"
#include "check_in_json.hpp"
#include "api/server_api.hpp"
#include "sync/sync_api.hpp"
#include "common/secrets.hpp"

using namespace diemquet;
using namespace diemquet::server;
using namespace diemquet::server::testing;
using nlohmann::json;

namespace {

class ApiTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(store->createVenue(Venue{"v1", "Chợ Bến Thành", "Lê Lợi", "market", 40, 120}));
    ASSERT_TRUE(store->createVenue(Venue{"v2", "Nhà sách", "", "shop", 5, 60}));
    ASSERT_TRUE(store->addScanPoint(ScanPoint{"gate", "v1", "Cổng chính"}));
    api = std::make_unique<Api>(*store, [this] { return now; });
    token = enroll("st-a");
  }
  std::string issue(const std::string& venue) {
    std::string code = newEnrollmentCode();
    EXPECT_TRUE(store->addEnrollmentCode(venue, sha256Hex(normalizeEnrollmentCode(code)), now, now + 3600000));
    return code;
  }
  std::string enroll(const std::string& device, const std::string& venue = "v1") {
    ApiResponse r = post("/api/v1/enroll", json{{"code", issue(venue)}, {"device", device}}.dump());
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body).value("token", "");
  }
  ApiResponse post(const std::string& path, const std::string& body, const std::string& auth = {}) {
    return api->handle(ApiRequest{"POST", path, auth, body});
  }
  ApiResponse upload(const std::vector<CheckIn>& list, const std::string& device = "st-a", std::string tok = {}) {
    json arr = json::array();
    for (const auto& c : list) arr.push_back(toJson(c));
    return post("/api/v1/checkins", json{{"device", device}, {"checkIns", arr}}.dump(),
                "Bearer " + (tok.empty() ? token : tok));
  }
  static std::string code(const ApiResponse& r) { return json::parse(r.body)["error"].value("code", ""); }
  size_t count(const std::string& venue = "v1") { return store->checkInsOfVenue(venue).value().size(); }

  int64_t now = kT0 + 3600000;
  std::unique_ptr<Api> api;
  std::string token;
};

std::vector<CheckIn> seqs(int from, int to, const std::string& device = "st-a") {
  std::vector<CheckIn> out;
  for (int s = from; s <= to; ++s) out.push_back(sampleCheckIn(device, s));
  return out;
}

TEST_P(ApiTest, Health) {
  ApiResponse r = api->handle(ApiRequest{"GET", "/api/v1/health", "", ""});
  EXPECT_EQ(r.status, 200);
  json j = json::parse(r.body);
  EXPECT_EQ(j["ok"], true);
  EXPECT_EQ(j["version"], kServerVersion);
}

TEST_P(ApiTest, EnrollReturnsTokenVenueAndScanPointsAndTheCodeIsOneTime) {
  std::string c = issue("v1");
  ApiResponse r = post("/api/v1/enroll", json{{"code", c}, {"device", "st-b"}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  json j = json::parse(r.body);
  EXPECT_EQ(j["token"].get<std::string>().size(), 43u);
  EXPECT_EQ(j["venue"]["id"], "v1");
  EXPECT_EQ(j["venue"]["name"], "Chợ Bến Thành");
  ASSERT_EQ(j["scanPoints"].size(), 1u);
  EXPECT_EQ(j["scanPoints"][0]["name"], "Cổng chính");
  ApiResponse again = post("/api/v1/enroll", json{{"code", c}, {"device", "st-c"}}.dump());
  EXPECT_EQ(again.status, 403);
  EXPECT_EQ(code(again), "invalid_code");
}

TEST_P(ApiTest, EnrollAcceptsTheCodeInLowerCaseWithoutDashes) {
  std::string c = issue("v1");
  std::string typed;
  for (char ch : c)
    if (ch != '-') typed += char(std::tolower(static_cast<unsigned char>(ch)));
  EXPECT_EQ(post("/api/v1/enroll", json{{"code", typed}, {"device", "st-b"}}.dump()).status, 200);
}

TEST_P(ApiTest, TheTokenIsStoredOnlyAsAHash) {
  EXPECT_FALSE(store->authenticate(token).value().has_value());
  EXPECT_TRUE(store->authenticate(sha256Hex(token)).value().has_value());
}

TEST_P(ApiTest, UploadAcksRangesAndAReplayGetsTheSameAnswer) {
  auto list = seqs(1, 10);
  list.erase(list.begin() + 4);  // seq 5 not in this batch
  ApiResponse r = upload(list);
  ASSERT_EQ(r.status, 200) << r.body;
  json j = json::parse(r.body);
  EXPECT_EQ(j["acked"], json::parse("[[1,4],[6,10]]"));
  EXPECT_EQ(j["rejected"], json::array());
  for (int i = 0; i < 3; ++i) {
    json again = json::parse(upload(list).body);
    EXPECT_EQ(again["acked"], j["acked"]);
    EXPECT_EQ(again["duplicates"], 9);
  }
  EXPECT_EQ(count(), 9u);
}

TEST_P(ApiTest, AConflictIsRejectedByItselfAndTheRestIsAcked) {
  ASSERT_EQ(upload(seqs(1, 3)).status, 200);
  auto list = seqs(1, 5);
  list[1].person.displayName = "Someone Else";
  json j = json::parse(upload(list).body);
  EXPECT_EQ(j["acked"], json::parse("[[1,1],[3,5]]"));
  ASSERT_EQ(j["rejected"].size(), 1u);
  EXPECT_EQ(j["rejected"][0]["seq"], 2);
  EXPECT_EQ(j["rejected"][0]["code"], "conflict");
  EXPECT_EQ(store->conflictsOfVenue("v1").value().size(), 1u);
  EXPECT_EQ(store->checkInsOfVenue("v1").value()[1].person.displayName, "Nguyễn Văn An");
}

TEST_P(ApiTest, VoidingAfterUploadIsAcked) {
  auto list = seqs(1, 2);
  ASSERT_EQ(upload(list).status, 200);
  list[1].voided = true;
  json j = json::parse(upload(list).body);
  EXPECT_EQ(j["acked"], json::parse("[[1,2]]"));
  EXPECT_EQ(j["voided"], 1);
  EXPECT_TRUE(store->checkInsOfVenue("v1").value()[1].voided);
}

TEST_P(ApiTest, MissingWrongAndRevokedTokensWriteNothing) {
  EXPECT_EQ(upload(seqs(1, 2), "st-a", "x").status, 401);
  EXPECT_EQ(code(upload(seqs(1, 2), "st-a", "x")), "invalid_token");
  ApiResponse none = post("/api/v1/checkins", "{}", "");
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(code(none), "unauthorized");
  EXPECT_EQ(post("/api/v1/checkins", "{}", "Basic abc").status, 401);
  ASSERT_TRUE(store->revokeDevice("v1", "st-a", now));
  ApiResponse revoked = upload(seqs(1, 2));
  EXPECT_EQ(revoked.status, 403);
  EXPECT_EQ(code(revoked), "revoked");
  EXPECT_EQ(count(), 0u);
}

TEST_P(ApiTest, DeviceMismatchWritesNothing) {
  std::string other = enroll("st-b");
  ApiResponse r = upload(seqs(1, 2), "st-a", other);  // st-b's token, body says st-a
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(code(r), "device_mismatch");
  auto list = seqs(1, 2);
  list[1].deviceId = "st-b";  // a record of another device inside st-a's upload
  r = upload(list);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(code(r), "device_mismatch");
  EXPECT_EQ(count(), 0u);
}

TEST_P(ApiTest, UnknownOrUnboundVenueWritesNothing) {
  auto list = seqs(1, 2);
  list[1].venueId = "v2";
  ApiResponse r = upload(list);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(code(r), "venue_not_bound");
  list[1].venueId = "nowhere";
  r = upload(list);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(code(r), "unknown_venue");
  EXPECT_EQ(count(), 0u);
}

TEST_P(ApiTest, TimesInTheFutureOrBefore2020WriteNothing) {
  auto list = seqs(1, 2);
  list[1].at.utcMs = now + kMaxClockSkewMs + 1000;
  ApiResponse r = upload(list);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(code(r), "future_time");
  list[1].at.utcMs = now + kMaxClockSkewMs - 1000;  // a little fast is fine
  EXPECT_EQ(upload(list).status, 200);
  auto old = seqs(3, 3);
  old[0].at.utcMs = kEarliestCheckInMs - 1;
  r = upload(old);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(code(r), "too_old");
  EXPECT_EQ(count(), 2u);
}

TEST_P(ApiTest, MalformedBodiesGetA4xxAndWriteNothing) {
  const std::string auth = "Bearer " + token;
  struct Case {
    std::string body;
    int status;
    std::string code;
  };
  std::vector<Case> cases{
      {"{not json", 400, "bad_json"},
      {"[1,2]", 400, "bad_request"},
      {R"({"device":"st-a"})", 400, "bad_request"},
      {R"({"device":"st-a","checkIns":{}})", 400, "bad_request"},
      {R"({"device":7,"checkIns":[]})", 400, "bad_request"},
      {"{\"device\":\"st-a\",\"checkIns\":[],\"x\":\"\xC3\x28\"}", 400, "invalid_utf8"},
      {R"({"device":"st-a","checkIns":[{"seq":"1"}]})", 422, "invalid_check_in"},
      {R"({"device":"st-a","checkIns":[42]})", 422, "invalid_check_in"},
  };
  json wrongType = toJson(sampleCheckIn("st-a", 1));
  wrongType["birthYear"] = "1990";
  cases.push_back({json{{"device", "st-a"}, {"checkIns", {wrongType}}}.dump(), 422, "invalid_check_in"});
  json zeroSeq = toJson(sampleCheckIn("st-a", 1));
  zeroSeq["seq"] = 0;
  cases.push_back({json{{"device", "st-a"}, {"checkIns", {zeroSeq}}}.dump(), 422, "invalid_check_in"});
  for (const Case& c : cases) {
    ApiResponse r = post("/api/v1/checkins", c.body, auth);
    EXPECT_EQ(r.status, c.status) << c.body;
    EXPECT_EQ(code(r), c.code) << c.body;
    EXPECT_FALSE(json::parse(r.body)["error"].value("message", "").empty());
  }
  EXPECT_EQ(count(), 0u);
}

TEST_P(ApiTest, ErrorMessagesNameTheFieldNeverTheValue) {
  json bad = toJson(sampleCheckIn("st-a", 1));
  bad["phone"] = "0901234567890123456789";  // too long
  ApiResponse r = post("/api/v1/checkins", json{{"device", "st-a"}, {"checkIns", {bad}}}.dump(), "Bearer " + token);
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("phone"), std::string::npos);
  EXPECT_EQ(r.body.find("0901234567"), std::string::npos);
}

TEST_P(ApiTest, TooManyCheckInsInOneBatch) {
  ApiResponse r = upload(seqs(1, int(kMaxBatchSize) + 1));
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(code(r), "batch_too_large");
  EXPECT_EQ(count(), 0u);
}

TEST_P(ApiTest, UnknownEndpointsAndMethods) {
  EXPECT_EQ(api->handle(ApiRequest{"GET", "/api/v1/nothing", "", ""}).status, 404);
  EXPECT_EQ(api->handle(ApiRequest{"GET", "/api/v1/checkins", "", ""}).status, 405);
  EXPECT_EQ(api->handle(ApiRequest{"DELETE", "/api/v1/enroll", "", ""}).status, 405);
}

TEST(SeqRanges, MergesSortsAndDeduplicates) {
  EXPECT_EQ(seqRanges({}), (std::vector<std::pair<int64_t, int64_t>>{}));
  EXPECT_EQ(seqRanges({8, 1, 2, 3, 5, 7, 3}),
            (std::vector<std::pair<int64_t, int64_t>>{{1, 3}, {5, 5}, {7, 8}}));
}

TEST(Secrets, TokensAndCodesAreRandomAndHashesAreSha256) {
  EXPECT_NE(newDeviceToken(), newDeviceToken());
  std::string c = newEnrollmentCode();
  EXPECT_EQ(c.size(), 14u);
  EXPECT_EQ(c[4], '-');
  EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

INSTANTIATE_TEST_SUITE_P(Backends, ApiTest, ::testing::Values(std::string("sqlite"), std::string("postgres")),
                         backendName);

}  // namespace

// One route table: every endpoint is one line in it, a path with a parameter matches only its
// own shape, and a known path with another method is a 405 naming the methods (Allow).
TEST(RouteTable, EveryEndpointOnceAnd405WithAllow) {
  Router r;
  r.on("GET", "/api/v1/venues/{venue}/posters", [](const ApiRequest&, const PathParams& p) {
    return ApiResponse{200, "get " + p["venue"]};
  });
  r.on("POST", "/api/v1/venues/{venue}/posters", [](const ApiRequest&, const PathParams& p) {
    return ApiResponse{200, "post " + p["venue"]};
  });
  r.on("GET", "/c/{code*}", [](const ApiRequest&, const PathParams& p) { return ApiResponse{200, "code " + p["code"]}; });
  EXPECT_THROW(r.on("GET", "/c/{code*}", [](const ApiRequest&, const PathParams&) { return ApiResponse{}; }),
               std::logic_error);
  EXPECT_EQ(r.dispatch(ApiRequest{"GET", "/api/v1/venues/cho%2Dben/posters", "", ""})->body, "get cho-ben");
  EXPECT_EQ(r.dispatch(ApiRequest{"HEAD", "/api/v1/venues/cho/posters", "", ""})->body, "get cho");
  EXPECT_EQ(r.dispatch(ApiRequest{"POST", "/api/v1/venues/cho/posters", "", ""})->body, "post cho");
  auto wrong = r.dispatch(ApiRequest{"DELETE", "/api/v1/venues/cho/posters", "", ""});
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 405);
  EXPECT_EQ(wrong->allow, "GET, POST");
  EXPECT_FALSE(r.dispatch(ApiRequest{"GET", "/api/v1/venues//posters", "", ""}));
  EXPECT_FALSE(r.dispatch(ApiRequest{"GET", "/api/v1/venues/cho/posters/x", "", ""}));
  EXPECT_EQ(r.dispatch(ApiRequest{"GET", "/c", "", ""})->body, "code ");
  EXPECT_EQ(r.dispatch(ApiRequest{"GET", "/c/34M-FPJ", "", ""})->body, "code 34M-FPJ");
  EXPECT_TRUE(r.knowsPath("/c/x"));
  EXPECT_FALSE(r.knowsPath("/cx"));
}

TEST(RouteTable, TheServerDeclaresEachEndpointOnce) {
  auto store = openStore("sqlite::memory:", 1);
  ASSERT_TRUE(store);
  Api api(*store.value(), [] { return int64_t(0); });
  auto routes = api.routes();
  EXPECT_GE(routes.size(), 30u);
  std::set<std::string> unique(routes.begin(), routes.end());
  EXPECT_EQ(unique.size(), routes.size());
  for (const char* must : {"POST /api/v1/checkins", "POST /api/v1/enroll", "GET /api/v1/keys", "GET /api/v1/areas",
                           "POST /api/v1/office/trace", "GET /metrics", "GET /c/{code*}", "GET /api/v1/exposures",
                           "POST /api/v1/office/exposures", "POST /api/v1/presence", "POST /api/v1/self-registrations",
                           "POST /api/v1/office/officers/{username}/enable", "GET /api/v1/owner/venue",
                           "POST /api/v1/office/venue-imports/check", "POST /api/v1/office/venue-imports",
                           "GET /api/v1/office/venue-imports/template"})
    EXPECT_TRUE(unique.count(must)) << must;
}
