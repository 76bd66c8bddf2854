// The office client (wasm/core/client/office_client.hpp): every answer becomes a typed reply
// (no answer, session ended, wrong password, too many tries, bad input, server failure, a
// success that is not JSON); the session token is the client's, kept in the session store and
// dropped when the server ends the session; exports go through the injected downloader.
#include "client/office_client.hpp"

#include <gtest/gtest.h>

#include "client_fakes.hpp"

using namespace diemquet;
using namespace diemquet::client;
using diemquet::testing::FakeNet;

namespace {

struct FakeDownloader : Downloader {
  std::string path, token, filename, savedName, savedBytes;
  bool openInTab = false;
  std::function<void(int)> done;
  void fetchToFile(const std::string&, const std::string& p, const std::string& t, const std::string& f, bool open,
                   std::function<void(int)> d) override {
    path = p;
    token = t;
    filename = f;
    openInTab = open;
    done = std::move(d);
  }
  // A poster download: its refusal's body is kept for its code.
  std::function<void(int, const std::string&)> doneWithError;
  void fetchToFileWithError(const std::string&, const std::string& p, const std::string& t, const std::string& f,
                            std::function<void(int, const std::string&)> d) override {
    path = p;
    token = t;
    filename = f;
    doneWithError = std::move(d);
  }
  void saveBytes(const std::string& f, const std::string&, const std::string& bytes) override {
    savedName = f;
    savedBytes = bytes;
  }
};

struct Fixture {
  FakeNet net;
  MemoryKeyValueStore session;
  FakeDownloader downloads;
  OfficeClient client{net.http(), session, &downloads};

  void logIn() {
    client.login("phuong.bn", "secret", nullptr);
    net.answer(200, R"({"token":"t-1","officer":{"username":"phuong.bn","level":"ward",
                        "area":{"code":"26734","name":"Phường Bến Nghé"}}})");
  }
};

OfficeReply replyOf(int status, const std::string& body) {
  return officeReplyOf(sync::HttpReply{status, body});
}

}  // namespace

TEST(OfficeClient, EveryAnswerBecomesATypedReply) {
  EXPECT_EQ(replyOf(200, R"({"a":1})").error, OfficeError::None);
  EXPECT_EQ(replyOf(201, R"({"id":"x"})").error, OfficeError::None);
  EXPECT_EQ(replyOf(0, "").error, OfficeError::Offline);
  EXPECT_EQ(replyOf(200, "<html>proxy</html>").error, OfficeError::BadJson);
  EXPECT_EQ(replyOf(200, "[1,2]").error, OfficeError::BadJson);
  EXPECT_TRUE(replyOf(200, "garbage").body.is_object()) << "a screen can read a bad answer without throwing";
  EXPECT_EQ(replyOf(401, R"({"error":{"code":"invalid_credentials"}})").error, OfficeError::BadCredentials);
  EXPECT_EQ(replyOf(401, R"({"error":{"code":"session_expired"}})").error, OfficeError::SessionEnded);
  EXPECT_EQ(replyOf(401, "").error, OfficeError::SessionEnded);
  EXPECT_EQ(replyOf(429, "").error, OfficeError::TooMany);
  OfficeReply bad = replyOf(400, R"({"error":{"code":"reason_required","message":"x"}})");
  EXPECT_EQ(bad.error, OfficeError::BadInput);
  EXPECT_EQ(bad.errorCode, "reason_required");
  EXPECT_EQ(replyOf(409, R"({"error":{"code":"username_taken"}})").error, OfficeError::Refused);
  EXPECT_EQ(replyOf(500, "Internal").error, OfficeError::Server);
  EXPECT_EQ(replyOf(503, "").error, OfficeError::Server);
}

TEST(OfficeClient, LoginKeepsTheTokenInTheSessionStoreAndSendsIt) {
  Fixture f;
  OfficeStatus got;
  f.client.login("phuong.bn", "wrong", [&](const OfficeStatus& r) { got = r; });
  sync::HttpRequest asked = f.net.answer(401, R"({"error":{"code":"invalid_credentials"}})");
  EXPECT_EQ(asked.method, "POST");
  EXPECT_EQ(asked.path, "/api/v1/office/login");
  EXPECT_NE(asked.body.find("\"password\":\"wrong\""), std::string::npos);
  EXPECT_EQ(got.error, OfficeError::BadCredentials);
  EXPECT_FALSE(f.client.loggedIn());

  f.client.login("phuong.bn", "secret", [&](const OfficeStatus& r) { got = r; });
  f.net.answer(200, R"({"officer":{}})");
  EXPECT_EQ(got.error, OfficeError::Server) << "a success without a token is no session";
  EXPECT_FALSE(f.client.loggedIn());

  f.logIn();
  EXPECT_TRUE(f.client.loggedIn());
  EXPECT_EQ(f.client.officer().areaName, "Phường Bến Nghé");
  EXPECT_EQ(f.client.officer().level, "ward");
  EXPECT_EQ(f.session.get("dq.office.token"), "t-1");
  f.client.report("2026-W48", nullptr);
  asked = f.net.answer(200, "{}");
  EXPECT_EQ(asked.path, "/api/v1/office/report?week=2026-W48");
  EXPECT_EQ(asked.method, "GET");
  EXPECT_EQ(asked.token, "t-1");
}

TEST(OfficeClient, ASessionEndedByTheServerIsForgotten) {
  Fixture f;
  f.logIn();
  const uint64_t session = f.client.session();
  OfficeStatus got;
  f.client.openViolations([&](const OfficeStatus& r) { got = r; });
  f.net.answer(401, R"({"error":{"code":"invalid_token"}})");
  EXPECT_EQ(got.error, OfficeError::SessionEnded);
  EXPECT_FALSE(f.client.loggedIn());
  EXPECT_EQ(f.session.get("dq.office.token"), "") << "a reload must not bring an ended session back";
  EXPECT_NE(f.client.session(), session);

  // A late 401 of the old session does not log out the new one.
  f.logIn();
  f.client.officers(nullptr);
  f.client.logout();
  f.client.login("tinh", "pw", nullptr);
  f.net.answer(401, R"({"error":{"code":"invalid_token"}})");  // the officers list, old session
  f.net.answer(401, R"({"error":{"code":"invalid_token"}})");  // the logout
  f.net.answer(200, R"({"token":"t-2","officer":{"username":"tinh"}})");
  EXPECT_TRUE(f.client.loggedIn());
  f.client.officers(nullptr);
  EXPECT_EQ(f.net.answer(200, "{}").token, "t-2");
  EXPECT_EQ(f.session.get("dq.office.token"), "t-2");
}

TEST(OfficeClient, RestoreAsksTheKeptTokenBackKeepsItWhenUnreachable) {
  Fixture f;
  EXPECT_FALSE(f.client.restore(nullptr)) << "nothing kept: the login form";
  f.session.set("dq.office.token", "t-9");
  bool back = true;
  ASSERT_TRUE(f.client.restore([&](bool ok) { back = ok; }));
  EXPECT_TRUE(f.client.restoring());
  EXPECT_EQ(f.net.answer(0).path, "/api/v1/office/me");
  EXPECT_FALSE(back);
  EXPECT_TRUE(f.client.loggedIn()) << "unreachable: stay logged in, the screens retry";
  EXPECT_EQ(f.session.get("dq.office.token"), "t-9");

  ASSERT_TRUE(f.client.restore([&](bool ok) { back = ok; }));
  f.net.answer(200, R"({"username":"tinh","level":"province","area":{"code":"79","name":"TP. Hồ Chí Minh"}})");
  EXPECT_TRUE(back);
  EXPECT_EQ(f.client.officer().username, "tinh");

  ASSERT_TRUE(f.client.restore([&](bool ok) { back = ok; }));
  f.net.answer(401, R"({"error":{"code":"session_expired"}})");
  EXPECT_FALSE(f.client.loggedIn());
  EXPECT_EQ(f.session.get("dq.office.token"), "");
}

TEST(OfficeClient, TypedCallsBuildTheirRequests) {
  Fixture f;
  f.logIn();
  f.client.trace(TraceQuery{"001090012345", "2026-11-20", "2026-11-25", "ca F0", 30}, nullptr);
  sync::HttpRequest r = f.net.answer(200, "{}");
  EXPECT_EQ(r.path, "/api/v1/office/trace");
  auto body = nlohmann::json::parse(r.body);
  EXPECT_EQ(body["marginMinutes"], 30);
  EXPECT_EQ(body["from"], "2026-11-20");
  EXPECT_FALSE(body.contains("format"));

  f.client.resolveViolation(42, "đã xử lý", nullptr);
  EXPECT_EQ(f.net.answer(200, "{}").path, "/api/v1/office/violations/42/resolve");
  f.client.verifyVenue("pho-hoa", false, "trùng", nullptr);
  r = f.net.answer(200, "{}");
  EXPECT_EQ(r.path, "/api/v1/office/venues/pho-hoa/verify");
  EXPECT_EQ(nlohmann::json::parse(r.body)["decision"], "reject");
  f.client.withdrawExposure(7, nullptr);
  EXPECT_EQ(f.net.answer(200, "{}").path, "/api/v1/office/exposures/7/withdraw");
  f.client.remind("pho-hoa", nullptr);
  EXPECT_EQ(f.net.answer(201, "{}").path, "/api/v1/office/venues/pho-hoa/reminders");
  f.client.officerAction("xa.a", "reset-password", nullptr);
  EXPECT_EQ(f.net.answer(200, "{}").path, "/api/v1/office/officers/xa.a/reset-password");
  EXPECT_EQ(f.client.inFlight(), 0);
}

// The office's poster button words a refusal from the API's code ("no_scan_points" -> "Cơ sở
// chưa có điểm quét…"): the code must reach it, which a status alone did not carry.
TEST(OfficeClient, APosterDownloadsRefusalKeepsTheApisCode) {
  Fixture f;
  f.logIn();
  OfficeStatus got;
  f.client.downloadPosters("26740-pho", "ap-phich-26740-pho.pdf", [&](const OfficeStatus& s) { got = s; });
  EXPECT_EQ(f.downloads.path, "/api/v1/office/venues/26740-pho/posters.pdf");
  EXPECT_EQ(f.downloads.token, "t-1");
  EXPECT_EQ(f.downloads.filename, "ap-phich-26740-pho.pdf");
  ASSERT_TRUE(f.downloads.doneWithError);
  f.downloads.doneWithError(409, R"({"error":{"code":"no_scan_points","message":"..."}})");
  EXPECT_EQ(got.error, OfficeError::Refused);
  EXPECT_EQ(got.errorCode, "no_scan_points");
  f.client.downloadPosters("26740-pho", "a.pdf", [&](const OfficeStatus& s) { got = s; });
  f.downloads.doneWithError(200, "");
  EXPECT_TRUE(got.ok()) << "a PDF is not JSON and need not be";
  f.client.downloadPosters("26740-pho", "a.pdf", [&](const OfficeStatus& s) { got = s; });
  f.downloads.doneWithError(401, R"({"error":{"code":"session_expired"}})");
  EXPECT_EQ(got.error, OfficeError::SessionEnded);
  EXPECT_FALSE(f.client.loggedIn()) << "an ended session goes back to the login form";
}

TEST(OfficeClient, ExportsGoThroughTheDownloaderWithTheSession) {
  Fixture f;
  f.logIn();
  OfficeError got = OfficeError::Offline;
  f.client.exportReport("2026-W48", "xlsx", "vi", "bao-cao.xlsx", false, [&](OfficeError e) { got = e; });
  EXPECT_EQ(f.downloads.path, "/api/v1/office/report?week=2026-W48&format=xlsx&lang=vi");
  EXPECT_EQ(f.downloads.token, "t-1");
  EXPECT_EQ(f.client.inFlight(), 1);
  f.downloads.done(200);
  EXPECT_EQ(got, OfficeError::None);
  f.client.exportReport("2026-W48", "html", "en", "in.html", true, [&](OfficeError e) { got = e; });
  EXPECT_EQ(f.downloads.path, "/api/v1/office/report?week=2026-W48&format=html&lang=en")
      << "the export in the officer's language";
  EXPECT_TRUE(f.downloads.openInTab);
  f.downloads.done(0);
  EXPECT_EQ(got, OfficeError::Offline);

  f.client.saveTraceCsv(TraceQuery{"001090012345", "2026-11-20", "2026-11-20", "ca F0", 30}, "en",
                        [&](OfficeError e) { got = e; });
  sync::HttpRequest r = f.net.answer(200, "a,b\r\nx,y\r\n");
  EXPECT_EQ(nlohmann::json::parse(r.body)["format"], "csv");
  EXPECT_EQ(nlohmann::json::parse(r.body)["lang"], "en");
  EXPECT_EQ(got, OfficeError::None) << "a CSV is not JSON and need not be";
  EXPECT_EQ(f.downloads.savedName, "contact-trace.csv") << "an English CSV is named in English";
  EXPECT_EQ(f.downloads.savedBytes,
            "\xEF\xBB\xBF"
            "a,b\r\nx,y\r\n")
      << "the BOM put back for Excel";

  f.downloads.savedName.clear();
  f.client.saveTraceCsv(TraceQuery{}, "vi", [&](OfficeError e) { got = e; });
  f.net.answer(500, "");
  EXPECT_EQ(got, OfficeError::Server);
  EXPECT_EQ(f.downloads.savedName, "") << "nothing saved from a failure";
}
