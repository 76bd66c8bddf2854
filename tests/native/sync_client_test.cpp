// The sync client against a fake server that keeps the real one's rules (exactly once per
// (device, seq), voided false→true the only update, conflicts rejected) and a fake network that
// loses answers, fails with 5xx, acks partially, answers twice or late, and out of order.
#include "sync/sync_client.hpp"

#include <gtest/gtest.h>

#include <deque>
#include <map>

#include "check_in_json.hpp"

using namespace diemquet;
using namespace diemquet::sync;
using nlohmann::json;

namespace {

const int64_t kT0 = daysFromCivil(2026, 11, 25) * 86400000LL + 3600000LL;

// The server's side of the protocol, after docs/api.md.
struct FakeServer {
  std::map<int64_t, json> rows;  // seq -> stored check-in
  std::string token = "tok-1";
  std::string venue = "v1";
  int stored = 0, duplicates = 0, uploads = 0;
  std::vector<int64_t> conflictSeqs;  // pre-existing different records
  int ackOnlyFirst = 0;               // >0: ack only the first N of each upload (the rest: neither)
  bool shuffleRanges = false;

  HttpReply handle(const std::string& path, const std::string& body, const std::string& tok) {
    json j = json::parse(body);
    if (path == "api/v1/enroll") {
      if (j["code"] != "ABCD-EFGH-JKMN") return {403, R"({"error":{"code":"invalid_code","message":"x"}})"};
      json r{{"token", token}, {"device", j["device"]},
             {"venue", {{"id", venue}, {"name", "Chợ Bến Thành"}, {"address", ""}, {"category", "market"},
                        {"staffCount", 40}, {"defaultStayMinutes", 120}}},
             {"scanPoints", json::array({{{"id", "gate"}, {"name", "Cổng chính"}}, {{"id", "back"}, {"name", "Cổng sau"}}})}};
      return {200, r.dump()};
    }
    ++uploads;
    if (tok != token) return {401, R"({"error":{"code":"invalid_token","message":"x"}})"};
    const json& list = j["checkIns"];
    for (size_t i = 0; i < list.size(); ++i) {
      if (list[i]["venue"] != venue)
        return {403, R"({"error":{"code":"venue_not_bound","message":"checkIns[)" + std::to_string(i) + R"(] (seq 1): no"}})"};
      if (list[i]["name"] == "BAD")
        return {422, R"({"error":{"code":"invalid_check_in","message":"checkIns[)" + std::to_string(i) + R"(] (seq 9): bad"}})"};
    }
    std::vector<int64_t> acked;
    json rejected = json::array();
    int n = 0;
    for (const json& c : list) {
      int64_t seq = c["seq"];
      if (ackOnlyFirst && n++ >= ackOnlyFirst) continue;
      if (std::find(conflictSeqs.begin(), conflictSeqs.end(), seq) != conflictSeqs.end()) {
        rejected.push_back({{"seq", seq}, {"code", "conflict"}, {"message", "m"}});
        continue;
      }
      auto it = rows.find(seq);
      if (it == rows.end()) {
        rows[seq] = c;
        ++stored;
      } else {
        json a = it->second, b = c;
        a.erase("voided");
        b.erase("voided");
        if (a != b) {
          rejected.push_back({{"seq", seq}, {"code", "conflict"}, {"message", "m"}});
          continue;
        }
        if (c["voided"] == true) it->second["voided"] = true;
        ++duplicates;
      }
      acked.push_back(seq);
    }
    std::sort(acked.begin(), acked.end());
    json ranges = json::array();
    for (int64_t s : acked) {
      if (!ranges.empty() && ranges.back()[1].get<int64_t>() + 1 == s) ranges.back()[1] = s;
      else ranges.push_back({s, s});
    }
    if (shuffleRanges) std::reverse(ranges.begin(), ranges.end());
    return {200, json{{"acked", ranges}, {"rejected", rejected}}.dump()};
  }
};

// What the network does to the next request.
enum class Net { Ok, Offline, LoseAnswer, Error503, Twice, Hold };

struct Rig {
  std::unique_ptr<Station> station = std::move(Station::create()).value();
  FakeServer server;
  std::vector<std::string> journal;
  bool journalFails = false;
  bool holdJournal = false;
  std::deque<std::pair<std::string, std::function<void(bool)>>> heldJournal;
  std::deque<Net> plan;  // per request; Ok when empty
  std::deque<std::function<void()>> held;
  int64_t now = kT0;
  double random = 0.5;
  std::unique_ptr<SyncClient> client;

  explicit Rig(SyncConfig cfg = {}) {
    client = std::make_unique<SyncClient>(
        *station,
        [this](const std::string& rec, std::function<void(bool)> done) {
          if (holdJournal) return heldJournal.emplace_back(rec, std::move(done)), void();
          commit(rec, done);
        },
        [this](const std::string& path, const std::string& body, const std::string& tok,
               std::function<void(const HttpReply&)> done) {
          Net n = plan.empty() ? Net::Ok : plan.front();
          if (!plan.empty()) plan.pop_front();
          switch (n) {
            case Net::Offline: return done({0, ""});
            case Net::Error503: return done({503, R"({"error":{"code":"storage_unavailable","message":"x"}})"});
            case Net::LoseAnswer: server.handle(path, body, tok); return done({0, ""});
            case Net::Twice: {
              HttpReply r = server.handle(path, body, tok);
              done(r);
              return done(r);
            }
            case Net::Hold: held.push_back([this, path, body, tok, done] { done(server.handle(path, body, tok)); }); return;
            default: return done(server.handle(path, body, tok));
          }
        },
        [this] { return now; }, [this] { return random; }, cfg);
  }
  void commit(const std::string& rec, const std::function<void(bool)>& done) {
    if (journalFails) return done(false);
    journal.push_back(rec);
    done(true);
  }
  void configureLocal(const std::string& venue = "v1") {
    StationSettings s;
    s.deviceId = "st-test";
    s.venue = Venue{venue, "Chợ", "", "market", 0, 120};
    s.scanPoint = ScanPoint{venue == "v1" ? "gate" : "sp-local", venue, "Cổng"};
    record(SettingsChanged{s});
  }
  void record(const JournalEvent& e) {
    journal.push_back(encodeEvent(e));
    ASSERT_TRUE(station->apply(e).ok());
  }
  void enroll() {
    EnrollResult got = EnrollResult::Busy;
    client->enroll("abcd efgh jkmn", "st-test", [&](EnrollResult r) { got = r; });
    ASSERT_EQ(got, EnrollResult::Ok);
  }
  void checkIns(int n, const std::string& name = "Nguyễn Văn An") {
    for (int i = 0; i < n; ++i) {
      Person p{PersonKind::Cccd, "0010990" + std::to_string(10000 + i), name, "", 1990};
      auto e = station->prepareCheckIn(p, i % 2 ? Direction::Out : Direction::In, Instant{kT0 - 3600000 + i, 420});
      ASSERT_TRUE(e.ok());
      record(e.value());
    }
  }
  // Runs the loop like the frame loop would, letting time pass, until nothing is pending.
  void runUntilIdle(int maxTicks = 200) {
    for (int i = 0; i < maxTicks && station->pendingCount() > 0; ++i) {
      client->tick();
      now = std::max(now + 1000, client->nextAttemptMs());
    }
  }
  // A new station rebuilt from the journal, as after a reload.
  std::unique_ptr<Station> replayed() const {
    auto s = std::move(Station::create()).value();
    for (const auto& r : journal) s->replay(r);
    s->finishReplay();
    return s;
  }
};

int count(const std::vector<std::string>& journal, const char* type) {
  int n = 0;
  for (const auto& r : journal) n += json::parse(r)["t"] == type;
  return n;
}

}  // namespace

TEST(SyncClient, NormalizesEnrollmentCodes) {
  EXPECT_EQ(normalizeEnrollmentCode("7k2m-q9xa-4trb"), "7K2M-Q9XA-4TRB");
  EXPECT_EQ(normalizeEnrollmentCode(" 7K2M Q9XA 4TRB "), "7K2M-Q9XA-4TRB");
  EXPECT_EQ(normalizeEnrollmentCode("7K2MQ9XA4TRB"), "7K2M-Q9XA-4TRB");
  EXPECT_EQ(normalizeEnrollmentCode("7K2M-Q9XA-4TR"), "");
  EXPECT_EQ(normalizeEnrollmentCode("7K2M-Q9XA-4TRBX"), "");
  EXPECT_EQ(normalizeEnrollmentCode("7K2M-Q9XA-4TR?"), "");
  EXPECT_EQ(normalizeEnrollmentCode("Mã đăng ký"), "");
}

TEST(SyncClient, EnrollmentIsJournaledAndSurvivesReplay) {
  Rig rig;
  rig.enroll();
  const Station& s = *rig.station;
  ASSERT_TRUE(s.enrollment());
  EXPECT_EQ(s.enrollment()->token, "tok-1");
  EXPECT_EQ(s.settings().deviceId, "st-test");  // a station with no id takes the new one
  EXPECT_EQ(s.settings().venue.id, "v1");
  EXPECT_EQ(s.settings().scanPoint.id, "gate");  // the first scan point until staff choose
  EXPECT_TRUE(s.isConfigured());
  EXPECT_EQ(s.log().scanPoints("v1").size(), 2u);
  auto again = rig.replayed();
  ASSERT_TRUE(again->enrollment());
  EXPECT_EQ(again->enrollment()->token, "tok-1");
  EXPECT_EQ(again->settings(), s.settings());
}

TEST(SyncClient, EnrollmentErrorsChangeNothing) {
  Rig rig;
  EnrollResult got = EnrollResult::Ok;
  rig.client->enroll("ABCD-EFGH", "st-x", [&](EnrollResult r) { got = r; });
  EXPECT_EQ(got, EnrollResult::BadFormat);
  rig.client->enroll("ZZZZ-ZZZZ-ZZZZ", "st-x", [&](EnrollResult r) { got = r; });
  EXPECT_EQ(got, EnrollResult::InvalidCode);
  rig.plan = {Net::Offline};
  rig.client->enroll("ABCD-EFGH-JKMN", "st-x", [&](EnrollResult r) { got = r; });
  EXPECT_EQ(got, EnrollResult::Offline);
  rig.plan = {Net::Error503};
  rig.client->enroll("ABCD-EFGH-JKMN", "st-x", [&](EnrollResult r) { got = r; });
  EXPECT_EQ(got, EnrollResult::ServerError);
  rig.journalFails = true;
  rig.client->enroll("ABCD-EFGH-JKMN", "st-x", [&](EnrollResult r) { got = r; });
  EXPECT_EQ(got, EnrollResult::Storage);
  EXPECT_FALSE(rig.station->enrollment());
  EXPECT_TRUE(rig.journal.empty());
  EXPECT_EQ(rig.client->phase(), SyncPhase::NotEnrolled);
}

TEST(SyncClient, UploadsEverythingInBatchesExactlyOnce) {
  Rig rig;
  rig.configureLocal();
  rig.enroll();
  rig.checkIns(1234);
  EXPECT_EQ(rig.station->pendingCount(), 1234);
  rig.client->syncNow();
  EXPECT_EQ(rig.station->pendingCount(), 0);
  EXPECT_EQ(rig.server.rows.size(), 1234u);
  EXPECT_EQ(rig.server.stored, 1234);
  EXPECT_EQ(rig.server.duplicates, 0);
  EXPECT_EQ(rig.server.uploads, 3);  // 500 + 500 + 234
  EXPECT_EQ(rig.client->runDone(), 1234);
  EXPECT_EQ(rig.client->runTotal(), 1234);
  EXPECT_EQ(count(rig.journal, "ack"), 3);
  EXPECT_EQ(rig.station->lastSyncMs(), rig.now);
  EXPECT_EQ(rig.replayed()->pendingCount(), 0);
  EXPECT_EQ(rig.client->phase(), SyncPhase::Idle);
}

TEST(SyncClient, LostAnswersAndServerErrorsAreResentWithoutDuplicates) {
  Rig rig;
  rig.configureLocal();
  rig.enroll();
  rig.checkIns(1200);
  rig.plan = {Net::Ok, Net::LoseAnswer, Net::Error503, Net::Offline, Net::LoseAnswer, Net::Ok, Net::Twice};
  rig.client->syncNow();
  EXPECT_GT(rig.station->pendingCount(), 0);
  EXPECT_EQ(rig.client->phase(), SyncPhase::Waiting);
  rig.runUntilIdle();
  EXPECT_EQ(rig.station->pendingCount(), 0);
  EXPECT_EQ(rig.server.rows.size(), 1200u);  // every one, once
  EXPECT_EQ(rig.server.stored, 1200);
  EXPECT_GT(rig.server.duplicates, 0);       // the lost answers' batches came back as replays
  EXPECT_EQ(rig.replayed()->pendingCount(), 0);
}

TEST(SyncClient, BackoffDoublesWithJitterUpToFiveMinutes) {
  Rig rig;
  rig.configureLocal();
  rig.enroll();
  rig.checkIns(3);
  std::vector<int64_t> waits;
  for (int i = 0; i < 12; ++i) {
    rig.plan = {Net::Error503};
    rig.random = i % 2 ? 0.0 : 0.999;
    rig.client->tick();
    waits.push_back(rig.client->nextAttemptMs() - rig.now);
    rig.now = rig.client->nextAttemptMs();
  }
  EXPECT_NEAR(waits[0], 2000 * 1.25, 5);  // r≈1: +25 %
  EXPECT_EQ(waits[1], 4000 * 3 / 4);      // r=0: -25 %
  EXPECT_NEAR(waits[2], 8000 * 1.25, 10);
  EXPECT_EQ(waits[11], 300000 * 3 / 4);  // capped at 5 min
  EXPECT_EQ(rig.client->problem(), SyncProblem::ServerError);
  // The `online` event or the staff button: at once, whatever the backoff.
  rig.client->syncNow();
  EXPECT_EQ(rig.station->pendingCount(), 0);
  EXPECT_EQ(rig.client->failures(), 0);
}

TEST(SyncClient, PartialAcksKeepTheRestPending) {
  Rig rig;
  rig.configureLocal();
  rig.enroll();
  rig.checkIns(10);
  rig.server.ackOnlyFirst = 4;
  rig.server.shuffleRanges = true;
  rig.plan = {Net::Ok, Net::Offline};
  rig.client->syncNow();
  EXPECT_EQ(rig.server.rows.size(), 4u);
  EXPECT_EQ(rig.station->pendingCount(), 6);  // neither acked nor rejected: still pending
  EXPECT_FALSE(rig.station->log().find("st-test", 5)->sync == SyncState::Synced);
  rig.runUntilIdle();
  EXPECT_EQ(rig.station->pendingCount(), 0);
  EXPECT_EQ(rig.server.rows.size(), 10u);
  EXPECT_EQ(rig.server.duplicates, 0);
}

TEST(SyncClient, NothingIsMarkedSyncedBeforeTheAckIsJournaled) {
  Rig rig;
  rig.configureLocal();
  rig.enroll();
  rig.checkIns(5);
  rig.holdJournal = true;
  rig.client->syncNow();
  EXPECT_EQ(rig.server.rows.size(), 5u);
  EXPECT_EQ(rig.station->pendingCount(), 5);  // answered, not yet durable here
  EXPECT_EQ(rig.client->phase(), SyncPhase::Uploading);
  rig.client->tick();  // no second upload while the ack is being written
  EXPECT_EQ(rig.server.uploads, 1);
  ASSERT_EQ(rig.heldJournal.size(), 1u);
  rig.journalFails = true;
  auto held = rig.heldJournal.front();
  rig.heldJournal.clear();
  rig.commit(held.first, held.second);
  EXPECT_EQ(rig.station->pendingCount(), 5);  // the journal failed: still pending, resent later
  EXPECT_EQ(rig.client->problem(), SyncProblem::Storage);
  rig.journalFails = false;
  rig.holdJournal = false;
  rig.runUntilIdle();
  EXPECT_EQ(rig.station->pendingCount(), 0);
  EXPECT_EQ(rig.server.stored, 5);
}

TEST(SyncClient, AVoidAfterSyncIsUploadedAgain) {
  Rig rig;
  rig.configureLocal();
  rig.enroll();
  rig.checkIns(3);
  rig.client->syncNow();
  ASSERT_EQ(rig.station->pendingCount(), 0);
  rig.record(rig.station->prepareUndo(2).value());
  EXPECT_EQ(rig.station->pendingCount(), 1);
  rig.runUntilIdle();
  EXPECT_EQ(rig.station->pendingCount(), 0);
  EXPECT_TRUE(rig.server.rows[2]["voided"].get<bool>());
  EXPECT_FALSE(rig.server.rows[1]["voided"].get<bool>());
  EXPECT_EQ(rig.replayed()->pendingCount(), 0);
}

TEST(SyncClient, AVoidDuringTheUploadIsNotLostToItsAck) {
  Rig rig;
  rig.configureLocal();
  rig.enroll();
  rig.checkIns(3);
  rig.plan = {Net::Hold};
  rig.client->syncNow();
  ASSERT_EQ(rig.held.size(), 1u);
  rig.record(rig.station->prepareUndo(3).value());  // staff undo while the batch is out
  rig.plan = {Net::Offline};
  rig.held.front()();
  rig.held.clear();
  EXPECT_EQ(rig.station->pendingCount(), 1);  // seq 3 went up unvoided: it must go again
  EXPECT_FALSE(rig.server.rows[3]["voided"].get<bool>());
  EXPECT_TRUE(rig.station->log().find("st-test", 1)->sync == SyncState::Synced);
  rig.runUntilIdle();
  EXPECT_EQ(rig.station->pendingCount(), 0);
  EXPECT_TRUE(rig.server.rows[3]["voided"].get<bool>());
  EXPECT_EQ(rig.replayed()->pendingCount(), 0);
}

TEST(SyncClient, RejectedCheckInsAreKeptCountedAndNotResent) {
  Rig rig;
  rig.configureLocal();
  rig.enroll();
  rig.checkIns(6);
  rig.server.conflictSeqs = {3};
  rig.client->syncNow();
  EXPECT_EQ(rig.station->pendingCount(), 0);
  ASSERT_EQ(rig.station->rejected().size(), 1u);
  EXPECT_EQ(rig.station->rejected().at(3), "conflict");
  EXPECT_EQ(rig.station->totalCount(), 6);  // kept in the log
  EXPECT_TRUE(rig.station->log().find("st-test", 3));
  int uploads = rig.server.uploads;
  rig.checkIns(1);
  rig.runUntilIdle();
  EXPECT_EQ(rig.server.uploads, uploads + 1);
  EXPECT_EQ(rig.server.rows.count(3), 0u);
  auto again = rig.replayed();
  EXPECT_EQ(again->rejected().size(), 1u);
  EXPECT_EQ(again->pendingCount(), 0);
}

TEST(SyncClient, OneInvalidCheckInDoesNotBlockTheRest) {
  Rig rig;
  rig.configureLocal();
  rig.enroll();
  rig.checkIns(4);
  rig.checkIns(1, "BAD");
  rig.checkIns(4);
  rig.client->syncNow();
  EXPECT_EQ(rig.station->pendingCount(), 0);
  EXPECT_EQ(rig.server.rows.size(), 8u);
  ASSERT_EQ(rig.station->rejected().size(), 1u);
  EXPECT_EQ(rig.station->rejected().at(5), "invalid_check_in");
}

TEST(SyncClient, CheckInsFromBeforeEnrollmentGoUpUnderTheEnrolledVenue) {
  Rig rig;
  rig.configureLocal("local-abc");
  rig.checkIns(3);
  rig.enroll();
  EXPECT_EQ(rig.station->adoptedVenues().at("local-abc").venueId, "v1");
  rig.checkIns(2);
  rig.client->syncNow();
  EXPECT_EQ(rig.station->pendingCount(), 0);
  ASSERT_EQ(rig.server.rows.size(), 5u);
  for (auto& [seq, row] : rig.server.rows) {
    EXPECT_EQ(row["venue"], "v1") << seq;
    EXPECT_EQ(row["scanPoint"], "gate") << seq;
  }
  // A void of an adopted one re-sends the same mapped record, so the server accepts it.
  rig.record(rig.station->prepareUndo(1).value());
  rig.runUntilIdle();
  EXPECT_TRUE(rig.server.rows[1]["voided"].get<bool>());
  EXPECT_TRUE(rig.station->rejected().empty());
  EXPECT_EQ(rig.replayed()->adoptedVenues().size(), 1u);
}

TEST(SyncClient, ARefusedTokenStopsUploadsUntilEnrolledAgain) {
  Rig rig;
  rig.configureLocal();
  rig.enroll();
  rig.checkIns(2);
  rig.server.token = "tok-2";  // the office revoked or replaced it
  rig.client->syncNow();
  EXPECT_EQ(rig.client->phase(), SyncPhase::NeedsEnrollment);
  EXPECT_EQ(rig.client->problem(), SyncProblem::Unauthorized);
  int uploads = rig.server.uploads;
  rig.runUntilIdle(20);
  EXPECT_EQ(rig.server.uploads, uploads);  // no hammering with a bad token
  rig.enroll();                            // the new code's token is tok-2
  rig.runUntilIdle();
  EXPECT_EQ(rig.station->pendingCount(), 0);
  EXPECT_EQ(rig.server.rows.size(), 2u);
}

TEST(SyncClient, OutOfOrderAndDuplicateAnswersAreHarmless) {
  Rig rig;
  rig.configureLocal();
  rig.enroll();
  rig.checkIns(30);
  rig.server.shuffleRanges = true;
  rig.plan = {Net::Hold};
  rig.client->syncNow();
  // The answer is late; meanwhile the client is still busy and sends nothing else.
  rig.client->tick();
  EXPECT_EQ(rig.held.size(), 1u);
  rig.held.front()();
  rig.held.front()();  // the same answer delivered again
  rig.held.clear();
  EXPECT_EQ(rig.station->pendingCount(), 0);
  EXPECT_EQ(count(rig.journal, "ack"), 1);
  EXPECT_EQ(rig.server.rows.size(), 30u);
}

// Session 12: "Đồng bộ lần cuối" is the last time the phone reached the server. A failed upload
// (no answer, a 5xx) does not move it; the server's answer does, even one that settles the
// batch by refusing its only check-in for good (nothing acknowledged, but the server answered).
TEST(SyncClient, TheLastSyncIsTheLastAnswerNotTheLastAttempt) {
  Rig rig;
  rig.configureLocal();
  rig.enroll();
  rig.checkIns(1, "BAD");
  rig.plan = {Net::Offline, Net::Error503};
  rig.client->syncNow();
  rig.now = rig.client->nextAttemptMs();
  rig.client->tick();
  EXPECT_EQ(rig.client->failures(), 2);
  EXPECT_EQ(rig.station->lastSyncMs(), 0) << "two failed uploads are no sync";
  rig.now = rig.client->nextAttemptMs();
  rig.client->tick();
  EXPECT_EQ(rig.client->problem(), SyncProblem::None);
  EXPECT_EQ(rig.station->rejected().size(), 1u);
  EXPECT_EQ(rig.station->lastSyncMs(), rig.now) << "the server answered: refused for good is settled";
}
