// The key-ring client (wasm/core/client/key_ring_client.hpp), the one refresh policy of the
// station and the visitor page: asked at once online, every 5 minutes after an answer, 30 s
// after a failure, journaled only when the ring changed; venue names once per venue; venue
// codes resolved to one poster link.
#include "client/key_ring_client.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "client_fakes.hpp"

using namespace diemquet;
using namespace diemquet::client;
using diemquet::testing::FakeNet;
using nlohmann::json;

namespace {

std::string ringBody(std::initializer_list<uint8_t> fills) {
  json ring = json::array();
  for (uint8_t f : fills) {
    poster::Seed seed{};
    seed.fill(f);
    auto k = poster::makeSigningKey("k" + std::to_string(f), seed).value();
    ring.push_back(poster::formatPublicKey(poster::PublicKey{k.id, k.publicKey, false}));
  }
  return json{{"ring", ring}}.dump();
}

struct Fixture {
  FakeNet net;
  visitor::PosterTrust trust;
  int records = 0;
  KeyRingClient client{trust, net.http(), net.clock()};
  Fixture() {
    trust.attach([this](const std::string&, std::function<void(bool)> done) {
      ++records;
      done(true);
    });
  }
};

}  // namespace

TEST(KeyRingClient, AsksAtOnceThenEveryFiveMinutesAndJournalsOnlyAChange) {
  Fixture f;
  f.client.tick(false);
  EXPECT_EQ(f.net.sent, 0) << "offline: nothing asked";
  f.client.tick(true);
  f.client.tick(true);
  ASSERT_EQ(f.net.sent, 1) << "one request in flight at a time";
  EXPECT_EQ(f.net.pending.front().request.path, "/api/v1/keys");
  EXPECT_EQ(f.net.pending.front().request.method, "GET");
  f.net.answer(200, ringBody({1}));
  EXPECT_TRUE(f.trust.hasKeyRing());
  EXPECT_EQ(f.records, 1);

  f.net.nowMs += 4 * 60000;
  f.client.tick(true);
  EXPECT_EQ(f.net.sent, 1) << "not due before 5 minutes";
  f.net.nowMs += 60000;
  f.client.tick(true);
  ASSERT_EQ(f.net.sent, 2);
  f.net.answer(200, ringBody({1}));
  EXPECT_EQ(f.records, 1) << "the same ring is not journaled again";

  f.net.nowMs += 5 * 60000;
  f.client.tick(true);
  f.net.answer(200, ringBody({1, 2}));  // a new key
  EXPECT_EQ(f.records, 2);
  EXPECT_EQ(f.trust.keyRing().keys().size(), 2u);
  EXPECT_EQ(f.client.keyRingsStored(), 2);
}

TEST(KeyRingClient, RetriesAfterThirtySecondsOnTimeoutServerErrorOrBadJson) {
  Fixture f;
  for (auto [status, body] : std::vector<std::pair<int, std::string>>{{0, ""}, {503, "busy"}, {200, "{not json"}}) {
    f.client.tick(true);
    ASSERT_EQ(f.net.pending.size(), 1u);
    f.net.answer(status, body);
    EXPECT_FALSE(f.trust.hasKeyRing());
    EXPECT_EQ(f.client.nextKeysMs(), f.net.nowMs + 30000) << status;
    f.net.nowMs += 29999;
    f.client.tick(true);
    EXPECT_TRUE(f.net.pending.empty()) << "not before 30 s";
    f.net.nowMs += 1;
  }
  f.client.tick(true);
  f.net.answer(200, ringBody({3}));
  EXPECT_TRUE(f.trust.hasKeyRing());
  EXPECT_EQ(f.client.nextKeysMs(), f.net.nowMs + 5 * 60000);
}

TEST(KeyRingClient, VenueNamesOncePerVenueAgainAfterAFailure) {
  Fixture f;
  bool thenRan = false;
  f.client.fetchVenueNames("cho-ben-thanh", false);
  EXPECT_EQ(f.net.sent, 0);
  f.client.fetchVenueNames("cho-ben-thanh", true);
  f.client.fetchVenueNames("cho-ben-thanh", true, [&] { thenRan = true; });  // joins the one in flight
  ASSERT_EQ(f.net.sent, 1);
  EXPECT_EQ(f.net.pending.front().request.path, "/api/v1/venues/cho-ben-thanh/posters/info");
  f.net.answer(0);
  EXPECT_FALSE(thenRan);
  f.client.fetchVenueNames("cho-ben-thanh", true);
  EXPECT_EQ(f.net.sent, 1) << "a failure is retried after 30 s, not every frame";
  f.net.nowMs += 30000;
  f.client.fetchVenueNames("cho-ben-thanh", true, [&] { thenRan = true; });
  ASSERT_EQ(f.net.sent, 2);
  f.net.answer(200,
               R"({"venue":{"id":"cho-ben-thanh","name":"Chợ Bến Thành"},"scanPoints":[{"id":"g","name":"Cổng"}]})");
  EXPECT_TRUE(thenRan);
  ASSERT_NE(f.trust.venue("cho-ben-thanh"), nullptr);
  EXPECT_EQ(f.trust.venue("cho-ben-thanh")->pointName("g"), "Cổng");
  f.net.nowMs += 3600000;
  f.client.fetchVenueNames("cho-ben-thanh", true);
  EXPECT_EQ(f.net.sent, 2) << "answered: not asked again in this page's life";
}

TEST(KeyRingClient, ShortCodeFoundUnknownAmbiguousOffline) {
  Fixture f;
  std::vector<ShortCodeAnswer> got;
  auto ask = [&](const std::string& enrolled, int status, const std::string& body) {
    f.client.lookupShortCode("34M-FPJ", enrolled, [&](const ShortCodeAnswer& a) { got.push_back(a); });
    EXPECT_EQ(f.net.answer(status, body).path, "/api/v1/short-codes/34M-FPJ");
    return got.back();
  };
  const std::string two =
      R"({"matches":[{"url":"https://x/v#1.a","venue":{"id":"a"}},{"url":"https://x/v#1.b","venue":{"id":"b"}}]})";
  EXPECT_EQ(ask("", 200, R"({"matches":[{"url":"https://x/v#1.a","venue":{"id":"a"}}]})").url, "https://x/v#1.a");
  EXPECT_EQ(ask("", 200, two).outcome, ShortCodeOutcome::Ambiguous);
  ShortCodeAnswer ours = ask("b", 200, two);
  EXPECT_EQ(ours.outcome, ShortCodeOutcome::Found);
  EXPECT_EQ(ours.url, "https://x/v#1.b");
  EXPECT_EQ(ask("", 404, R"({"error":{"code":"not_found"}})").outcome, ShortCodeOutcome::Unknown);
  EXPECT_EQ(ask("", 200, R"({"matches":[]})").outcome, ShortCodeOutcome::Unknown);
  EXPECT_EQ(ask("", 200, "garbage").outcome, ShortCodeOutcome::Unknown);
  EXPECT_EQ(ask("", 0, "").outcome, ShortCodeOutcome::Offline);
  EXPECT_EQ(ask("", 502, "").outcome, ShortCodeOutcome::Offline);
}
