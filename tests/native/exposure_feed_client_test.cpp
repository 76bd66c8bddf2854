// The visitor page's exposure feed (wasm/core/client/exposure_feed_client.hpp): asked once a
// key ring is held, every 10 minutes after an answer and a minute after a failure, with the
// ETag of the list held (a 304 keeps the list and writes nothing); a forged list is refused
// and shown as such, an older one (a replay) ignored; visits past retention are purged.
#include "client/exposure_feed_client.hpp"

#include <gtest/gtest.h>

#include "client_fakes.hpp"
#include "exposure/exposure_list.hpp"

using namespace diemquet;
using namespace diemquet::client;
using diemquet::testing::FakeNet;

namespace {

constexpr int64_t kHour = 3'600'000;

poster::SigningKey key(const char* id, uint8_t fill) {
  poster::Seed seed{};
  seed.fill(fill);
  return poster::makeSigningKey(id, seed).value();
}

exposure::ExposureList listIssued(int64_t issuedMs) {
  exposure::ExposureList l;
  l.issuedMs = issuedMs;
  l.retentionDays = 21;
  l.exposures.push_back(exposure::Exposure{7, "cho-ben-thanh", "Chợ Bến Thành", "", issuedMs - 10 * kHour,
                                           issuedMs - 8 * kHour, "Theo dõi sức khỏe 14 ngày", issuedMs - kHour});
  return l;
}

struct Fixture {
  FakeNet net;
  visitor::PosterTrust trust;
  exposure::VisitHistory history;
  int records = 0;
  std::vector<std::vector<int64_t>> deleted;
  poster::SigningKey k = key("k1", 1);
  ExposureFeedClient client{history, trust, net.http(),
                            [this](const std::vector<int64_t>& keys, std::function<void(bool)> done) {
                              deleted.push_back(keys);
                              done(true);
                            },
                            net.clock()};
  Fixture() {
    auto append = [this](const std::string&, std::function<void(bool)> done) {
      ++records;
      done(true);
    };
    trust.attach(append);
    int64_t next = 1;
    history.attach(append, [next]() mutable { return next++; });
  }
  void holdRing() {
    nlohmann::json ring = nlohmann::json::array({poster::formatPublicKey(poster::PublicKey{k.id, k.publicKey, false})});
    ASSERT_TRUE(trust.storeKeyRingJson(nlohmann::json{{"ring", ring}}.dump(), net.nowMs));
  }
};

}  // namespace

TEST(ExposureFeedClient, WaitsForAKeyRingThenPollsWithTheETag) {
  Fixture f;
  f.client.tick(true);
  EXPECT_EQ(f.net.sent, 0) << "no key ring: a list could not be verified";
  f.holdRing();
  f.client.tick(false);
  EXPECT_EQ(f.net.sent, 0) << "offline";
  f.client.tick(true);
  f.client.tick(true);
  ASSERT_EQ(f.net.sent, 1);
  EXPECT_EQ(f.net.pending.front().request.path, "/api/v1/exposures");
  EXPECT_EQ(f.net.pending.front().request.ifNoneMatch, "");
  const int before = f.records;
  f.net.answer(200, exposure::signList(listIssued(f.net.nowMs), f.k), "\"v1\"");
  EXPECT_EQ(f.records, before + 1);
  EXPECT_TRUE(f.history.list(f.trust.keyRing()));
  EXPECT_FALSE(f.client.refused());

  f.net.nowMs += 10 * 60000 - 1;
  f.client.tick(true);
  EXPECT_EQ(f.net.sent, 1) << "not before 10 minutes";
  f.net.nowMs += 1;
  f.client.tick(true);
  ASSERT_EQ(f.net.sent, 2);
  EXPECT_EQ(f.net.pending.front().request.ifNoneMatch, "\"v1\"");
  f.net.answer(304);
  EXPECT_EQ(f.records, before + 1) << "unchanged: no journal record";
  EXPECT_EQ(f.history.listFetchedMs(), f.net.nowMs) << "but the check time moves";
  EXPECT_TRUE(f.history.list(f.trust.keyRing()));
}

TEST(ExposureFeedClient, FailureRetriesSoonForgeryIsRefusedReplayIgnored) {
  Fixture f;
  f.holdRing();
  f.client.tick(true);
  f.net.answer(0);
  f.net.nowMs += 59999;
  f.client.tick(true);
  EXPECT_EQ(f.net.sent, 1) << "a minute after no answer";
  f.net.nowMs += 1;
  f.client.tick(true);
  f.net.answer(500, "oops");
  EXPECT_FALSE(f.client.refused()) << "a server failure is not a forged list";
  f.net.nowMs += 60000;
  f.client.tick(true);
  f.net.answer(200, "{not json");
  EXPECT_TRUE(f.client.refused()) << "a body that does not verify is refused";

  f.net.nowMs += 10 * 60000;
  f.client.tick(true);
  f.net.answer(200, exposure::signList(listIssued(f.net.nowMs), key("k2", 2)));
  EXPECT_TRUE(f.client.refused()) << "signed by a key the ring does not hold";
  EXPECT_FALSE(f.history.list(f.trust.keyRing()));

  f.net.nowMs += 10 * 60000;
  f.client.tick(true);
  f.net.answer(200, exposure::signList(listIssued(f.net.nowMs), f.k));
  EXPECT_FALSE(f.client.refused());
  f.net.nowMs += 10 * 60000;
  f.client.tick(true);
  f.net.answer(200, exposure::signList(listIssued(f.net.nowMs - 3 * 60 * 60000), f.k));
  EXPECT_FALSE(f.client.refused()) << "an older list is a replay, not a forgery: the held one stays";
}

TEST(ExposureFeedClient, PurgesVisitsPastRetentionHourly) {
  Fixture f;
  f.history.noteVisit(
      exposure::OwnVisit{"a", "A", "p", "P", Direction::In, Instant{f.net.nowMs - 40 * 24 * kHour, 420}, 0});
  f.history.noteVisit(exposure::OwnVisit{"a", "A", "p", "P", Direction::In, Instant{f.net.nowMs - kHour, 420}, 0});
  ASSERT_EQ(f.history.visits().size(), 2u);
  f.client.tick(false);
  ASSERT_EQ(f.deleted.size(), 1u);
  EXPECT_EQ(f.history.visits().size(), 1u);
  f.history.noteVisit(
      exposure::OwnVisit{"a", "A", "p", "P", Direction::In, Instant{f.net.nowMs - 50 * 24 * kHour, 420}, 0});
  f.client.tick(false);
  EXPECT_EQ(f.deleted.size(), 1u) << "not before an hour";
  f.net.nowMs += kHour;
  f.client.tick(false);
  EXPECT_EQ(f.deleted.size(), 2u);
  EXPECT_EQ(f.history.visits().size(), 1u);
}
