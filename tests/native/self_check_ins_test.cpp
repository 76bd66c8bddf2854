// The visitor page's own store and client (visitor/self_check_ins.hpp), against a fake journal
// and a fake server: a check-in saved offline is uploaded exactly once with its poster,
// declaration and idempotency key; a restart (replay) keeps what was pending; records of the
// earlier shell (station "set"/"ci" records plus `dqv.self` notes) still upload; check-ins the
// server has, past the retention period, are deleted from the journal (and no seq is reused).
#include <gtest/gtest.h>

#include <algorithm>
#include <deque>

#include "check_in_json.hpp"
#include "retention.hpp"
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

// A journal that commits when told to (or at once), keeping the records. A record's key is its
// index + 1; a deleted record is left empty (and not replayed).
struct FakeJournal {
  std::vector<std::string> records;
  std::deque<std::pair<std::string, std::function<void(bool)>>> waiting;
  bool immediate = true;
  bool fail = false;
  bool eraseFails = false;
  int64_t lastKey = 0;  // of the record whose commit is being reported
  int erasures = 0;
  SelfCheckIns::JournalDelete erase() {
    return [this](const std::vector<int64_t>& keys, std::function<void(bool)> done) {
      ++erasures;
      if (!eraseFails)
        for (int64_t k : keys) records.at(size_t(k - 1)).clear();
      done(!eraseFails);
    };
  }
  // Records still in the journal that contain `text`.
  int count(const std::string& text) const {
    return int(std::count_if(records.begin(), records.end(),
                             [&](const std::string& r) { return r.find(text) != std::string::npos; }));
  }
  Append append() {
    return [this](const std::string& r, std::function<void(bool)> done) {
      if (immediate) return commit(r, done);
      waiting.emplace_back(r, done);
    };
  }
  void commit(const std::string& r, const std::function<void(bool)>& done) {
    if (!fail) records.push_back(r);
    lastKey = fail ? 0 : int64_t(records.size());
    done(!fail);
    lastKey = 0;
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
    store->attachJournal([this] { return journal.lastKey; }, journal.erase());
    for (size_t i = 0; i < journal.records.size(); ++i)
      if (!journal.records[i].empty()) store->replay(journal.records[i], int64_t(i + 1));
  }
  // Uploads every pending check-in, the server taking each.
  void uploadAll() {
    while (store->pendingCount() > 0) {
      size_t before = server.requests.size();
      store->uploadNext();
      if (server.requests.size() == before) return;
      server.answer(before, 200);
    }
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

// What the earlier shell wrote for a visitor: the station's records for a "self-" device (its
// "set" record, then one "ci" per check-in) and a `dqv.self` note with the poster and declaration.
const std::string kEarlierDevice = "self-0123456789abcdef0123456789abcdef";

std::string earlierKeyRing(const poster::SigningKey& key) {
  return "{\"t\":\"dqv.keys\",\"v\":" + json{{"ring", json::parse(ringJson(key))["ring"]}, {"at", kNow.utcMs}}.dump() +
         "}";
}

std::string earlierSettings() {
  return json{{"t", "set"}, {"device", kEarlierDevice}, {"venue", {{"id", "cho"}}}, {"scanPoint", {{"id", "p2"}}}}
      .dump();
}

std::string earlierCheckIn(int64_t seq) {
  CheckIn c;
  c.deviceId = kEarlierDevice;
  c.venueId = "cho";
  c.scanPointId = "p2";
  c.person = toPerson(profile());
  c.at = kNow;
  c.seq = seq;
  json j = toJson(c);
  j["t"] = "ci";
  return j.dump();
}

std::string earlierNote(int64_t seq, const std::string& url, const std::string& key) {
  return "{\"t\":\"dqv.self\",\"v\":" +
         json{{"seq", seq}, {"poster", url}, {"declaration", toJson(profile().declaration)}, {"key", key}}.dump() + "}";
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
  // The key ring, the settings, two check-ins with their notes; the first already uploaded.
  auto key = testKey();
  std::string url = posterUrl(key);
  Phone phone;
  phone.journal.records = {
      earlierKeyRing(key),
      earlierSettings(),
      earlierCheckIn(1),
      earlierNote(1, url, "oldkey-001"),
      "{\"t\":\"dqv.up\",\"v\":{\"seq\":1}}",
      earlierCheckIn(2),
      earlierNote(2, url, "oldkey-002"),
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
  EXPECT_EQ(phone.store->visits().at(3).checkIn.deviceId, kEarlierDevice);
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

// Retention, as the station's: the check-ins the server has and that are older than the period
// leave the journal (their records and upload marks); a check-in still waiting to upload stays
// however old it is; the next check-in after a restart takes a new seq of the same device.
TEST(SelfCheckIns, UploadedCheckInsPastRetentionAreDeletedAndPendingOnesKept) {
  Phone phone;
  auto [url, check] = trustedPoster(phone);
  phone.store->submit(profile(), check, url, Direction::In, "declkey-0101");
  phone.nowMs += 3600000;
  phone.store->submit(profile(), check, url, Direction::Out, "declkey-0102");
  phone.store->uploadNext();
  phone.server.answer(0, 200);  // seq 1 is on the server; seq 2 waits (offline again)
  ASSERT_EQ(phone.store->pendingCount(), 1);
  const std::string device = phone.store->deviceId();
  ASSERT_EQ(phone.journal.count("declkey-0101"), 1);

  auto days = [] { return 28; };
  phone.nowMs += 27 * retention::kDayMs;  // inside the period: nothing goes
  phone.store->purgeExpired(days);
  EXPECT_EQ(phone.journal.erasures, 0);
  EXPECT_EQ(phone.journal.count("dqv.purge"), 0) << "a purge record without anything to delete";

  phone.nowMs += 2 * retention::kDayMs;  // 29 days on: the uploaded one goes, the pending one stays
  phone.store->purgeExpired(days);
  EXPECT_EQ(phone.journal.erasures, 1);
  EXPECT_EQ(phone.journal.count("declkey-0101"), 0) << "the uploaded check-in past retention is still in the journal";
  EXPECT_EQ(phone.journal.count("\"dqv.up\""), 0) << "its upload mark stayed";
  EXPECT_EQ(phone.journal.count("declkey-0102"), 1) << "a check-in not yet uploaded was deleted";
  EXPECT_EQ(phone.store->visits().count(1), 0u);
  EXPECT_EQ(phone.store->pendingCount(), 1);

  phone.restart();
  EXPECT_EQ(phone.store->damagedRecords(), 0);
  EXPECT_EQ(phone.store->visits().size(), 1u);
  EXPECT_EQ(phone.store->pendingCount(), 1);
  phone.uploadAll();
  EXPECT_EQ(phone.server.requests.back().body["idempotencyKey"], "declkey-0102");
  EXPECT_EQ(phone.store->submit(profile(), check, url, Direction::In, "declkey-0103"), 3);
  EXPECT_EQ(phone.store->deviceId(), device);
}

// Every check-in gone: the purge record alone keeps the device and its next seq, so the server
// (which stores a device's seq once) never takes a new check-in for an old one.
TEST(SelfCheckIns, AfterEveryCheckInIsPurgedNoSeqIsHandedOutAgain) {
  Phone phone;
  auto [url, check] = trustedPoster(phone);
  phone.store->submit(profile(), check, url, Direction::In, "declkey-0111");
  phone.store->submit(profile(), check, url, Direction::Out, "declkey-0112");
  phone.uploadAll();
  const std::string device = phone.store->deviceId();
  phone.nowMs += 30 * retention::kDayMs;
  phone.store->purgeExpired([] { return 28; });
  EXPECT_EQ(phone.journal.count("dqv.visit"), 0);
  phone.restart();
  EXPECT_TRUE(phone.store->visits().empty());
  EXPECT_EQ(phone.store->submit(profile(), check, url, Direction::In, "declkey-0113"), 3);
  EXPECT_EQ(phone.store->deviceId(), device);

  // One purge an hour at most; the next one replaces the purge record: one is left.
  phone.uploadAll();
  phone.nowMs += retention::kDayMs;
  phone.store->purgeExpired([] { return 28; });  // nothing past the period yet
  phone.store->purgeExpired([] { return 0; });
  EXPECT_EQ(phone.journal.erasures, 1) << "purged again within the hour";
  phone.nowMs += 60 * 60000;
  phone.store->purgeExpired([] { return 0; });
  EXPECT_EQ(phone.journal.erasures, 2);
  EXPECT_EQ(phone.journal.count("dqv.visit"), 0);
  EXPECT_EQ(phone.journal.count("dqv.purge"), 1);
  phone.restart();
  EXPECT_EQ(phone.store->submit(profile(), check, url, Direction::In, "declkey-0114"), 4);
}

// Intent first: a purge whose deletion fails (or a tab killed after the intent record) deletes
// nothing and forgets nothing; the next one does it.
TEST(SelfCheckIns, AFailedPurgeLosesNothingAndIsRetried) {
  Phone phone;
  auto [url, check] = trustedPoster(phone);
  phone.store->submit(profile(), check, url, Direction::In, "declkey-0121");
  phone.uploadAll();
  phone.nowMs += 30 * retention::kDayMs;
  phone.journal.eraseFails = true;
  phone.store->purgeExpired([] { return 28; });
  EXPECT_EQ(phone.journal.count("declkey-0121"), 1);
  EXPECT_EQ(phone.store->visits().size(), 1u);
  phone.journal.eraseFails = false;
  phone.restart();
  EXPECT_EQ(phone.store->visits().size(), 1u);
  EXPECT_EQ(phone.store->pendingCount(), 0);
  phone.store->purgeExpired([] { return 28; });
  EXPECT_EQ(phone.journal.count("declkey-0121"), 0);
  EXPECT_EQ(phone.journal.count("dqv.purge"), 1) << "the failed purge's record is superseded and deleted";
  EXPECT_TRUE(phone.store->visits().empty());
}

// The earlier shell's check-ins ("ci" + `dqv.self` note + upload mark) go the same way.
TEST(SelfCheckIns, TheEarlierShellsCheckInsArePurgedToo) {
  auto key = testKey();
  std::string url = posterUrl(key);
  Phone phone;
  phone.journal.records = {earlierKeyRing(key), earlierSettings(), earlierCheckIn(1), earlierNote(1, url, "oldkey-101"),
                           "{\"t\":\"dqv.up\",\"v\":{\"seq\":1}}"};
  phone.restart();
  ASSERT_EQ(phone.store->visits().size(), 1u);
  phone.nowMs += 30 * retention::kDayMs;
  phone.store->purgeExpired([] { return 28; });
  EXPECT_EQ(phone.journal.count(profile().name), 0) << "the earlier shell's check-in stayed";
  EXPECT_EQ(phone.journal.count("oldkey-101"), 0) << "its declaration stayed";
  EXPECT_EQ(phone.journal.count("\"dqv.up\""), 0);
  EXPECT_EQ(phone.journal.count("dqv.keys"), 1) << "the key ring is no personal data and stays";
  phone.restart();
  PosterCheck check = phone.store->trust().check(url, poster::localYmd(kNow));
  EXPECT_EQ(phone.store->submit(profile(), check, url, Direction::In, "declkey-0131"), 2);
  EXPECT_EQ(phone.store->deviceId(), kEarlierDevice);
}
