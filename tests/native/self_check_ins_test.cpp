// The visitor page's own store and client (visitor/self_check_ins.hpp), against a fake journal
// and a fake server: a check-in saved offline is uploaded exactly once with its poster,
// declaration and idempotency key; a restart (replay) keeps what was pending; records of the
// earlier shell (station "set"/"ci" records plus `dqv.self` notes) still upload.
#include <gtest/gtest.h>

#include <deque>

#include "check_in_json.hpp"
#include "visitor/self_check_ins.hpp"

using namespace diemquet;
using namespace diemquet::visitor;
using nlohmann::json;

namespace {

const Instant kNow{1750000000000, 420};  // 2025-06-15, Vietnam

poster::SigningKey testKey() {
  poster::Seed seed{};
  for (size_t i = 0; i < seed.size(); ++i) seed[i] = uint8_t(3 + i);
  return poster::makeSigningKey("k1", seed).value();
}

std::string ringJson(const poster::SigningKey& k) {
  return json{{"ring", {poster::formatPublicKey(poster::PublicKey{k.id, k.publicKey, false})}}}.dump();
}

// A journal that commits when told to (or at once), keeping the records.
struct FakeJournal {
  std::vector<std::string> records;
  std::deque<std::pair<std::string, std::function<void(bool)>>> waiting;
  bool immediate = true;
  bool fail = false;
  Append append() {
    return [this](const std::string& r, std::function<void(bool)> done) {
      if (immediate) return commit(r, done);
      waiting.emplace_back(r, done);
    };
  }
  void commit(const std::string& r, const std::function<void(bool)>& done) {
    if (!fail) records.push_back(r);
    done(!fail);
  }
  void commitAll() {
    while (!waiting.empty()) {
      auto [r, done] = waiting.front();
      waiting.pop_front();
      commit(r, done);
    }
  }
};

// The server: answers are queued by the test; requests are kept.
struct FakeServer {
  struct Request {
    std::string path;
    json body;
    std::function<void(const sync::HttpReply&)> done;
  };
  std::vector<Request> requests;
  sync::Transport transport() {
    return [this](const std::string& path, const std::string& body, const std::string&,
                  std::function<void(const sync::HttpReply&)> done) {
      requests.push_back({path, json::parse(body), done});
    };
  }
  void answer(size_t i, int status) { requests.at(i).done(sync::HttpReply{status, status == 200 ? "{}" : ""}); }
};

struct Phone {
  FakeJournal journal;
  FakeServer server;
  int64_t nowMs = kNow.utcMs;
  std::unique_ptr<SelfCheckIns> store;
  Phone() { restart(); }
  // A new page over the same journal: everything replayed.
  void restart() {
    store = std::make_unique<SelfCheckIns>(
        journal.append(), server.transport(),
        [this] {
          return Instant{nowMs, 420};
        },
        [](unsigned char* out, size_t n) {
          for (size_t i = 0; i < n; ++i) out[i] = uint8_t(0xa0 + i);
        });
    for (const std::string& r : journal.records) store->replay(r);
  }
};

VisitorProfile profile() {
  VisitorProfile p;
  p.name = "Đặng Thị Hương";
  p.phone = "0901234567";
  p.declaration.cough = true;
  return validateProfile(p).value();
}

std::string posterUrl(const poster::SigningKey& k) {
  return poster::sign({"cho", "p2", {0, 20351231}}, k, "https://diemquet.example.vn").value();
}

// The key ring stored on the phone, and a genuine poster of it, checked.
std::pair<std::string, PosterCheck> trustedPoster(Phone& phone) {
  auto key = testKey();
  EXPECT_TRUE(phone.store->trust().storeKeyRingJson(ringJson(key), kNow.utcMs).ok());
  std::string url = posterUrl(key);
  return {url, phone.store->trust().check(url, poster::localYmd(kNow))};
}

}  // namespace

TEST(SelfCheckIns, SavedOfflineThenUploadedExactlyOnce) {
  Phone phone;
  auto key = testKey();
  ASSERT_TRUE(phone.store->trust().storeKeyRingJson(ringJson(key), kNow.utcMs).ok());
  std::string url = posterUrl(key);
  PosterCheck check = phone.store->trust().check(url, poster::localYmd(kNow));
  ASSERT_TRUE(check.ok());

  int64_t seq = phone.store->submit(profile(), check, url, Direction::In, "declkey-0001");
  EXPECT_EQ(seq, 1);
  EXPECT_EQ(phone.store->saveStatus().state, SaveStatus::State::Saved);
  EXPECT_EQ(phone.store->pendingCount(), 1);
  ASSERT_EQ(phone.store->visits().size(), 1u);
  const CheckIn c = phone.store->visits().at(1).checkIn;  // a copy: restart() below replaces the store
  EXPECT_EQ(c.deviceId.rfind("self-", 0), 0u);
  EXPECT_EQ(c.venueId, "cho");
  EXPECT_EQ(c.scanPointId, "p2");
  EXPECT_EQ(c.person.kind, PersonKind::Visitor);

  // Offline (no answer): retried only after the back-off, with the same body.
  phone.store->uploadNext();
  phone.store->uploadNext();  // one request at a time
  ASSERT_EQ(phone.server.requests.size(), 1u);
  phone.server.answer(0, 0);
  phone.store->uploadNext();
  EXPECT_EQ(phone.server.requests.size(), 1u) << "retried before the back-off";
  phone.nowMs += 30001;
  phone.store->uploadNext();
  ASSERT_EQ(phone.server.requests.size(), 2u);
  const json& body = phone.server.requests[1].body;
  EXPECT_EQ(phone.server.requests[1].path, "/api/v1/self-checkins");
  EXPECT_EQ(body["poster"], url);
  EXPECT_EQ(body["idempotencyKey"], "declkey-0001");
  EXPECT_EQ(body["declaration"]["cough"], true);
  EXPECT_EQ(checkInFromJson(body["checkIn"]).value(), c);
  phone.server.answer(1, 200);
  EXPECT_EQ(phone.store->pendingCount(), 0);
  phone.nowMs += 60000;
  phone.store->uploadNext();
  EXPECT_EQ(phone.server.requests.size(), 2u) << "an uploaded check-in was sent again";

  // A restart keeps it uploaded, and the next check-in takes the next seq of the same device.
  phone.restart();
  EXPECT_EQ(phone.store->pendingCount(), 0);
  phone.store->uploadNext();
  EXPECT_EQ(phone.server.requests.size(), 2u);
  EXPECT_EQ(phone.store->submit(profile(), check, url, Direction::Out, "declkey-0002"), 2);
  EXPECT_EQ(phone.store->visits().at(2).checkIn.deviceId, c.deviceId);
}

TEST(SelfCheckIns, TabKilledBeforeTheAnswerSendsAgainUnderTheSameKey) {
  Phone phone;
  auto [url, check] = trustedPoster(phone);
  phone.store->submit(profile(), check, url, Direction::In, "declkey-0003");
  phone.store->uploadNext();
  ASSERT_EQ(phone.server.requests.size(), 1u);
  phone.restart();  // the tab died with the request in flight
  phone.store->uploadNext();
  ASSERT_EQ(phone.server.requests.size(), 2u);
  EXPECT_EQ(phone.server.requests[1].body, phone.server.requests[0].body) << "the server stores it once by key and seq";
}

TEST(SelfCheckIns, NothingSavedUntilTheJournalCommitsAndNothingForABadPoster) {
  Phone phone;
  auto key = testKey();
  phone.store->trust().storeKeyRingJson(ringJson(key), kNow.utcMs);
  std::string url = posterUrl(key);
  PosterCheck forged = phone.store->trust().check(url.substr(0, url.size() - 2) + "AA", poster::localYmd(kNow));
  ASSERT_FALSE(forged.ok());
  EXPECT_EQ(phone.store->submit(profile(), forged, url, Direction::In, "declkey-0004"), 0);
  EXPECT_TRUE(phone.store->visits().empty());

  phone.journal.immediate = false;
  PosterCheck check = phone.store->trust().check(url, poster::localYmd(kNow));
  phone.store->submit(profile(), check, url, Direction::In, "declkey-0005");
  EXPECT_EQ(phone.store->saveStatus().state, SaveStatus::State::Saving);
  EXPECT_EQ(phone.store->savesInFlight(), 1);
  phone.store->uploadNext();
  EXPECT_TRUE(phone.server.requests.empty()) << "uploaded before it was durable";
  phone.journal.fail = true;
  phone.journal.commitAll();
  EXPECT_EQ(phone.store->saveStatus().state, SaveStatus::State::Failed);
  EXPECT_TRUE(phone.store->visits().empty());
}

TEST(SelfCheckIns, CheckInsOfTheEarlierShellStillUpload) {
  // What the earlier shell wrote: the key ring, the station's settings and check-in records
  // for a "self-" device, then the poster/declaration note; one note already uploaded.
  auto key = testKey();
  std::string url = posterUrl(key);
  CheckIn old;
  old.deviceId = "self-0123456789abcdef0123456789abcdef";
  old.venueId = "cho";
  old.scanPointId = "p2";
  old.person = toPerson(profile());
  old.at = kNow;
  auto ci = [&](int64_t seq) {
    CheckIn c = old;
    c.seq = seq;
    json j = toJson(c);
    j["t"] = "ci";
    return j.dump();
  };
  json decl = toJson(profile().declaration);
  Phone phone;
  phone.journal.records = {
      "{\"t\":\"dqv.keys\",\"v\":" + json{{"ring", json::parse(ringJson(key))["ring"]}, {"at", kNow.utcMs}}.dump() +
          "}",
      json{{"t", "set"}, {"device", old.deviceId}, {"venue", {{"id", "cho"}}}, {"scanPoint", {{"id", "p2"}}}}.dump(),
      ci(1),
      "{\"t\":\"dqv.self\",\"v\":" +
          json{{"seq", 1}, {"poster", url}, {"declaration", decl}, {"key", "oldkey-001"}}.dump() + "}",
      "{\"t\":\"dqv.up\",\"v\":{\"seq\":1}}",
      ci(2),
      "{\"t\":\"dqv.self\",\"v\":" +
          json{{"seq", 2}, {"poster", url}, {"declaration", decl}, {"key", "oldkey-002"}}.dump() + "}",
  };
  phone.restart();
  EXPECT_EQ(phone.store->damagedRecords(), 0);
  EXPECT_EQ(phone.store->visits().size(), 2u);
  EXPECT_EQ(phone.store->pendingCount(), 1);
  phone.store->uploadNext();
  ASSERT_EQ(phone.server.requests.size(), 1u);
  EXPECT_EQ(phone.server.requests[0].body["idempotencyKey"], "oldkey-002");
  EXPECT_EQ(phone.server.requests[0].body["checkIn"]["seq"], 2);
  phone.server.answer(0, 200);
  EXPECT_EQ(phone.store->pendingCount(), 0);
  // The new shell continues the earlier device's sequence.
  PosterCheck check = phone.store->trust().check(url, poster::localYmd(kNow));
  EXPECT_EQ(phone.store->submit(profile(), check, url, Direction::Out, "declkey-0006"), 3);
  EXPECT_EQ(phone.store->visits().at(3).checkIn.deviceId, old.deviceId);
}

TEST(SelfCheckIns, AFinalRefusalIsNotResentAndADamagedRecordIsCounted) {
  Phone phone;
  auto [url, check] = trustedPoster(phone);
  phone.store->submit(profile(), check, url, Direction::In, "declkey-0007");
  phone.store->uploadNext();
  phone.server.answer(0, 429);  // rate limited: later
  EXPECT_EQ(phone.store->pendingCount(), 1);
  phone.nowMs += 30001;
  phone.store->uploadNext();
  phone.server.answer(1, 403);  // poster refused: final
  EXPECT_EQ(phone.store->pendingCount(), 0);
  phone.journal.records.push_back("{\"t\":\"dqv.visit\",\"v\":{\"checkIn\":{}}}");
  phone.restart();
  EXPECT_EQ(phone.store->damagedRecords(), 1);
  EXPECT_EQ(phone.store->visits().size(), 1u);
}

TEST(SelfCheckIns, ADoubleTapSavesOneCheckIn) {
  Phone phone;
  auto [url, check] = trustedPoster(phone);
  phone.journal.immediate = false;
  EXPECT_EQ(phone.store->submit(profile(), check, url, Direction::In, "declkey-0008"), 1);
  phone.nowMs += 60;  // the second tap, while the first is being saved
  EXPECT_EQ(phone.store->submit(profile(), check, url, Direction::In, "declkey-0009"), 1);
  phone.journal.commitAll();
  phone.nowMs += 300;  // and once it is saved
  EXPECT_EQ(phone.store->submit(profile(), check, url, Direction::In, "declkey-0009"), 1);
  EXPECT_EQ(phone.store->visits().size(), 1u);
  EXPECT_EQ(phone.store->saveStatus().state, SaveStatus::State::Saved);
  // Checking out at once is no double tap; nor is checking in again later.
  EXPECT_EQ(phone.store->submit(profile(), check, url, Direction::Out, "declkey-0010"), 2);
  phone.journal.commitAll();
  phone.nowMs += 2500;
  EXPECT_EQ(phone.store->submit(profile(), check, url, Direction::In, "declkey-0011"), 3);
  phone.journal.commitAll();
  EXPECT_EQ(phone.store->visits().size(), 3u);
}
