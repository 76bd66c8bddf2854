// Station-side retention (issue 7, item 5; issue 6: never delete an unsynced record): what the
// purge deletes from the log and the journal, what it keeps, and that a journal cut off at any
// point of a purge still replays. The journal is a fake IndexedDB store (auto-increment keys).
#include "retention.hpp"

#include <gtest/gtest.h>

#include <map>

#include "station.hpp"
#include "sync/retention_keeper.hpp"

using namespace diemquet;
using namespace diemquet::sync;

namespace {

const int64_t kNow = daysFromCivil(2026, 11, 25) * 86400000LL + 3600000LL;
const int64_t kDay = 86400000LL;
const std::string kDevice = "st-ret";

// An object store with auto-increment keys; appends and deletes commit at once unless told to fail.
struct FakeJournal {
  std::map<int64_t, std::string> records;
  int64_t nextKey = 1, committing = 0;
  bool failAppends = false, failDeletes = false;
  int deleteCalls = 0;
  size_t largestDelete = 0;
  int crashAfterDeletes = -1;  // >= 0: deletes after this many transactions never happen

  JournalAppend append() {
    return [this](const std::string& r, std::function<void(bool)> done) {
      if (failAppends) return done(false);
      int64_t k = nextKey++;
      records[k] = r;
      committing = k;
      done(true);
      committing = 0;
    };
  }
  JournalDelete remove() {
    return [this](const std::vector<int64_t>& keys, std::function<void(bool)> done) {
      if (failDeletes) return done(false);
      ++deleteCalls;
      largestDelete = std::max(largestDelete, keys.size());
      if (crashAfterDeletes >= 0 && deleteCalls > crashAfterDeletes) return;  // the tab died
      for (int64_t k : keys) records.erase(k);
      done(true);
    };
  }
  std::unique_ptr<Station> replay() const {
    auto s = std::move(Station::create()).value();
    for (const auto& [k, r] : records) s->replay(r, k);
    s->finishReplay();
    return s;
  }
  int count(const char* type) const {
    int n = 0;
    for (const auto& [k, r] : records) n += r.find(std::string("\"t\":\"") + type + "\"") != std::string::npos;
    return n;
  }
  bool holdsSeq(int64_t seq) const {
    for (const auto& [k, r] : records) {
      auto e = decodeEvent(r);
      if (e && std::holds_alternative<CheckInRecorded>(e.value()) &&
          std::get<CheckInRecorded>(e.value()).checkIn.seq == seq)
        return true;
    }
    return false;
  }
};

// A station wired to the fake journal the way main.cpp wires it to IndexedDB.
struct Rig {
  FakeJournal journal;
  std::unique_ptr<Station> station;
  int64_t now = kNow;
  HttpReply config{200, R"({"retentionDays":28,"serverTimeMs":0,"sessionIdleHours":8})"};
  std::unique_ptr<RetentionKeeper> keeper;
  RetentionConfig cfg;
  int configReads = 0;

  Rig() { attach(std::move(Station::create()).value()); }

  void attach(std::unique_ptr<Station> s) {
    station = std::move(s);
    station->setJournalKeySource([this] { return journal.committing; });
    keeper = std::make_unique<RetentionKeeper>(
        *station, journal.append(), journal.remove(),
        [this](const std::string& path, std::function<void(const HttpReply&)> done) {
          EXPECT_EQ(path, "api/v1/config");
          ++configReads;
          done(config);
        },
        [this] { return now; }, cfg);
  }
  void save(const JournalEvent& e) {
    journal.append()(encodeEvent(e), [&](bool ok) { ASSERT_TRUE(ok && station->apply(e).ok()); });
  }
  void enroll() {
    StationEnrolled e{kDevice,
                      "tok",
                      Venue{"v1", "Chợ Bến Thành", "", "market", 10, 120},
                      {ScanPoint{"gate", "v1", "Cổng chính"}},
                      {},
                      kNow - 40 * kDay};
    save(e);
  }
  int64_t checkIn(int64_t atMs, const char* key = "001099012345") {
    Person p;
    p.kind = PersonKind::Cccd;
    p.key = key;
    p.displayName = "Nguyễn Văn An";
    auto e = station->prepareCheckIn(p, Direction::In, Instant{atMs, 420});
    EXPECT_TRUE(e.ok());
    save(e.value());
    return std::get<CheckInRecorded>(e.value()).checkIn.seq;
  }
  void ack(int64_t first, int64_t last, int64_t atMs) { save(SyncAcknowledged{kDevice, {{first, last}}, atMs}); }
  // Ticks until the purge has nothing left to do (bounded, so a stuck keeper fails the test).
  int runToEnd(int maxTicks = 10000) {
    int ticks = 0;
    keeper->tick();
    while (keeper->busy() && ticks < maxTicks) {
      keeper->tick();
      ++ticks;
    }
    EXPECT_FALSE(keeper->busy()) << "the purge did not finish";
    return ticks;
  }
};

}  // namespace

TEST(Retention, CutoffIsTheServersRule) {
  EXPECT_EQ(retention::cutoffMs(kNow, 28), kNow - 28 * kDay);
}

TEST(Retention, ConfigDaysAreReadOnlyWhenValid) {
  EXPECT_EQ(retention::parseConfigDays(R"({"retentionDays":28,"serverTimeMs":1})"), 28);
  EXPECT_EQ(retention::parseConfigDays(R"({"retentionDays":7})"), 7);
  EXPECT_EQ(retention::parseConfigDays(R"({"retentionDays":0})"), std::nullopt);
  EXPECT_EQ(retention::parseConfigDays(R"({"retentionDays":9999})"), std::nullopt);
  EXPECT_EQ(retention::parseConfigDays(R"({"retentionDays":"28"})"), std::nullopt);
  EXPECT_EQ(retention::parseConfigDays(R"({})"), std::nullopt);
  EXPECT_EQ(retention::parseConfigDays("<html>"), std::nullopt);
}

TEST(Retention, AcknowledgedCheckInsPastThePeriodLeaveTheLogAndTheJournal) {
  Rig r;
  r.enroll();
  for (int i = 0; i < 5; ++i) r.checkIn(kNow - 30 * kDay + i * 60000);  // seq 1..5
  r.checkIn(kNow - 1 * kDay);                                           // seq 6
  r.checkIn(kNow - 2 * 3600000);                                        // seq 7
  r.ack(1, 4, kNow - 30 * kDay + 3600000);
  r.ack(6, 6, kNow - 1 * kDay + 60000);
  ASSERT_EQ(r.station->totalCount(), 7);
  r.runToEnd();
  EXPECT_EQ(r.station->totalCount(), 3) << "seq 5 (not acknowledged), 6 and 7 (recent) stay";
  EXPECT_EQ(r.station->purgedRows(), 4);
  for (int64_t seq = 1; seq <= 4; ++seq)
    EXPECT_FALSE(r.journal.holdsSeq(seq)) << "seq " << seq << " still in the journal";
  for (int64_t seq = 5; seq <= 7; ++seq) EXPECT_TRUE(r.journal.holdsSeq(seq)) << "seq " << seq << " was deleted";
  EXPECT_EQ(r.journal.count("ack"), 1) << "the acknowledgement of 1..4 names nothing left";
  EXPECT_EQ(r.journal.count("purge"), 1);
  EXPECT_EQ(r.station->unsyncedPastRetention(r.now), 1);
  EXPECT_EQ(r.station->pendingCount(), 2);

  // The journal as it now stands replays to the same station, with nothing damaged.
  auto again = r.journal.replay();
  EXPECT_EQ(again->damagedRecords(), 0);
  EXPECT_EQ(again->totalCount(), 3);
  EXPECT_EQ(again->pendingCount(), 2);
  EXPECT_FALSE(again->purgePending() && again->purgeStep(100) > 0) << "nothing left to purge after replay";
  EXPECT_EQ(again->lastSyncMs(), kNow - 1 * kDay + 60000);
}

TEST(Retention, NeverDeletesACheckInTheServerHasNotAcknowledged) {
  Rig r;
  r.enroll();
  for (int i = 0; i < 3; ++i) r.checkIn(kNow - 60 * kDay + i);
  r.save(SyncRejected{kDevice, {{2, "conflict"}}});  // refused for good: still not acknowledged
  EXPECT_FALSE(r.station->preparePurge(r.now).has_value());
  r.runToEnd();
  EXPECT_EQ(r.station->totalCount(), 3);
  EXPECT_EQ(r.journal.count("ci"), 3);
  EXPECT_EQ(r.journal.count("purge"), 0) << "no purge record when nothing may go";
  EXPECT_EQ(r.station->unsyncedPastRetention(r.now), 3);
  EXPECT_EQ(r.station->unsyncedPastRetention(kNow - 40 * kDay), 0) << "not yet past the period then";
}

TEST(Retention, SequenceNumbersAndLastSyncSurviveWhenEveryCheckInIsPurged) {
  Rig r;
  r.enroll();
  for (int i = 0; i < 10; ++i) r.checkIn(kNow - 35 * kDay + i * 1000);
  r.ack(1, 10, kNow - 35 * kDay + 3600000);
  r.runToEnd();
  EXPECT_EQ(r.station->totalCount(), 0);
  EXPECT_EQ(r.journal.count("ci"), 0);
  EXPECT_EQ(r.journal.count("ack"), 0);
  auto again = r.journal.replay();
  EXPECT_EQ(again->damagedRecords(), 0);
  EXPECT_EQ(again->lastSyncMs(), kNow - 35 * kDay + 3600000);
  Person p;
  p.kind = PersonKind::Manual;
  p.key = "x";
  p.displayName = "Lê Văn Cường";
  auto e = again->prepareCheckIn(p, Direction::In, Instant{kNow, 420});
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(std::get<CheckInRecorded>(e.value()).checkIn.seq, 11) << "a purged seq must never be handed out again";
}

TEST(Retention, PeriodFromTheServerIsJournaledAndKeptWhenOffline) {
  Rig r;
  r.enroll();
  EXPECT_EQ(r.station->retentionDays(), 28);
  r.checkIn(kNow - 10 * kDay);
  r.ack(1, 1, kNow - 10 * kDay);
  r.config = {200, R"({"retentionDays":7})"};
  r.keeper->afterSync();
  EXPECT_EQ(r.station->retentionDays(), 7);
  r.runToEnd();
  EXPECT_EQ(r.station->totalCount(), 0) << "10 days old is past a 7-day period";
  r.config = {0, ""};  // offline: the last value stays
  r.now += 3600000;
  r.keeper->afterSync();
  r.runToEnd();
  EXPECT_EQ(r.station->retentionDays(), 7);
  EXPECT_EQ(r.journal.replay()->retentionDays(), 7) << "the period survives a restart";
  r.config = {200, R"({"retentionDays":7})"};
  r.now += 3600000;
  r.keeper->afterSync();
  EXPECT_EQ(r.journal.count("retp"), 1) << "an unchanged period is not journaled again";
  r.config = {200, R"({"retentionDays":14})"};
  r.now += 3600000;
  r.keeper->afterSync();
  r.runToEnd();
  EXPECT_EQ(r.station->retentionDays(), 14);
  EXPECT_EQ(r.journal.count("retp"), 1) << "the superseded period record was deleted";
  EXPECT_EQ(r.journal.replay()->retentionDays(), 14);
}

TEST(Retention, WorkIsDoneInBoundedSteps) {
  Rig r;
  r.cfg.rowsPerStep = 100;
  r.cfg.keysPerDelete = 250;
  r.attach(std::move(Station::create()).value());
  r.enroll();
  for (int i = 0; i < 1000; ++i) r.checkIn(kNow - 40 * kDay + i * 1000);
  r.ack(1, 1000, kNow - 39 * kDay);
  r.keeper->tick();  // the purge record
  ASSERT_TRUE(r.station->purgePending());
  int steps = 0;
  while (r.station->purgePending()) {
    int64_t before = r.station->totalCount();
    r.keeper->tick();
    EXPECT_LE(before - r.station->totalCount(), 100);
    ++steps;
  }
  EXPECT_GE(steps, 10);
  r.runToEnd();
  EXPECT_LE(r.journal.largestDelete, 250u);
  EXPECT_GE(r.journal.deleteCalls, 4);
  EXPECT_EQ(r.journal.count("ci"), 0);
  EXPECT_EQ(r.keeper->journalRecordsDeleted(), 1001);  // 1000 check-ins and their acknowledgement
}

// A tab killed after any number of delete transactions: the journal left behind replays
// without damage, shows the same check-ins, and the next start finishes the purge.
TEST(Retention, ACrashMidPurgeLeavesAJournalThatReplaysAndFinishes) {
  for (int crashAfter = 0; crashAfter <= 14; ++crashAfter) {
    SCOPED_TRACE("crash after " + std::to_string(crashAfter) + " delete transactions");
    Rig r;
    r.cfg.rowsPerStep = 3;
    r.cfg.keysPerDelete = 1;  // a crash can fall between any two deletions
    r.attach(std::move(Station::create()).value());
    r.enroll();
    for (int i = 0; i < 8; ++i) r.checkIn(kNow - 30 * kDay + i * 1000);  // 1..8
    r.ack(1, 8, kNow - 30 * kDay + 3600000);
    r.save(CheckInVoided{kDevice, 3});  // undone after it was synced, then acknowledged again
    r.save(CheckInVoided{kDevice, 5});  // undone, not yet acknowledged again: stays
    r.ack(3, 3, kNow - 29 * kDay);
    r.checkIn(kNow - 3600000);  // 9, recent
    r.journal.crashAfterDeletes = crashAfter;
    for (int i = 0; i < 200; ++i) r.keeper->tick();

    auto again = r.journal.replay();
    EXPECT_EQ(again->damagedRecords(), 0);
    Rig next;
    next.journal = r.journal;
    next.journal.crashAfterDeletes = -1;
    next.attach(std::move(again));
    next.runToEnd();
    EXPECT_EQ(next.station->totalCount(), 2) << "seq 5 (void not acknowledged) and 9";
    EXPECT_TRUE(next.journal.holdsSeq(5));
    EXPECT_TRUE(next.journal.holdsSeq(9));
    for (int64_t seq : {1, 2, 3, 4, 6, 7, 8}) EXPECT_FALSE(next.journal.holdsSeq(seq)) << seq;
    EXPECT_EQ(next.journal.count("void"), 1) << "only seq 5's void is left";
    auto last = next.journal.replay();
    EXPECT_EQ(last->damagedRecords(), 0);
    EXPECT_EQ(last->totalCount(), 2);
    auto seq5 = last->log().find(kDevice, 5);
    ASSERT_TRUE(seq5.has_value());
    EXPECT_TRUE(seq5->voided);
  }
}

TEST(Retention, AFailedJournalWriteDeletesNothing) {
  Rig r;
  r.enroll();
  r.checkIn(kNow - 30 * kDay);
  r.ack(1, 1, kNow - 30 * kDay);
  r.journal.failAppends = true;
  for (int i = 0; i < 5; ++i) r.keeper->tick();
  EXPECT_EQ(r.station->totalCount(), 1);
  EXPECT_TRUE(r.journal.holdsSeq(1));
  r.journal.failAppends = false;
  r.now += 10000;  // after the retry wait
  r.runToEnd();
  EXPECT_EQ(r.station->totalCount(), 0);
  EXPECT_FALSE(r.journal.holdsSeq(1));
}

TEST(Retention, AFailedJournalDeleteIsRetried) {
  Rig r;
  r.enroll();
  r.checkIn(kNow - 30 * kDay);
  r.ack(1, 1, kNow - 30 * kDay);
  r.journal.failDeletes = true;
  for (int i = 0; i < 5; ++i) r.keeper->tick();
  EXPECT_EQ(r.station->totalCount(), 0) << "the log row went with the purge record";
  EXPECT_TRUE(r.journal.holdsSeq(1));
  EXPECT_TRUE(r.keeper->busy());
  r.journal.failDeletes = false;
  r.now += 10000;
  r.runToEnd();
  EXPECT_FALSE(r.journal.holdsSeq(1));
  EXPECT_EQ(r.journal.replay()->totalCount(), 0);
}

// A station started with a journal whose keys it was not told at run time (old builds): the
// check-ins are purged after the next start, when replay gives their keys.
TEST(Retention, RecordsWithUnknownKeysWaitForTheNextStart) {
  Rig r;
  r.station->setJournalKeySource(nullptr);
  r.enroll();
  r.checkIn(kNow - 30 * kDay);
  r.ack(1, 1, kNow - 30 * kDay);
  r.runToEnd();
  EXPECT_EQ(r.station->totalCount(), 1);
  EXPECT_TRUE(r.journal.holdsSeq(1));
  Rig next;
  next.journal = r.journal;
  next.attach(r.journal.replay());
  next.runToEnd();
  EXPECT_EQ(next.station->totalCount(), 0);
  EXPECT_FALSE(next.journal.holdsSeq(1));
}

// The sync client's end of a run starts the keeper: the period is read, then the check-ins the
// server has just acknowledged and that are past it are purged.
TEST(Retention, ASyncRunReadsThePeriodThenPurgesWhatItAcknowledged) {
  Rig r;
  r.enroll();
  for (int i = 0; i < 3; ++i) r.checkIn(kNow - 30 * kDay + i);
  r.checkIn(kNow - 3600000);
  r.keeper->tick();  // at start: nothing acknowledged, nothing purged
  EXPECT_EQ(r.station->totalCount(), 4);
  int readsAtStart = r.configReads;
  r.now += 11 * 60000;
  r.config = {200, R"({"retentionDays":21})"};
  int uploads = 0;
  SyncClient client(
      *r.station, r.journal.append(),
      [&](const std::string& path, const std::string& body, const std::string&,
          std::function<void(const HttpReply&)> done) {
        EXPECT_EQ(path, "api/v1/checkins");
        ++uploads;
        nlohmann::json ranges = nlohmann::json::array();
        const nlohmann::json sent = nlohmann::json::parse(body);
        for (const auto& c : sent["checkIns"]) ranges.push_back(nlohmann::json::array({c["seq"], c["seq"]}));
        std::string reply = nlohmann::json{{"acked", ranges}, {"rejected", nlohmann::json::array()}}.dump();
        done({200, reply});
      },
      [&] { return r.now; }, [] { return 0.5; });
  client.setOnSynced([&] { r.keeper->afterSync(); });
  client.tick();
  EXPECT_EQ(uploads, 1);
  EXPECT_EQ(r.station->pendingCount(), 0);
  EXPECT_EQ(r.configReads, readsAtStart + 1) << "the period is read after the run";
  EXPECT_EQ(r.station->retentionDays(), 21);
  r.runToEnd();
  EXPECT_EQ(r.station->totalCount(), 1);
  EXPECT_EQ(r.journal.count("ci"), 1);
  EXPECT_TRUE(r.journal.holdsSeq(4));
}
