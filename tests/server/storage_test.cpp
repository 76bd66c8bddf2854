// The storage suite: one set of tests, run against SQLite and PostgreSQL alike.
#include <atomic>
#include <thread>

#include "backend_fixture.hpp"
#include "storage/schema.hpp"
#include "storage/sql_values.hpp"

using namespace diemquet;
using namespace diemquet::server;
using namespace diemquet::server::testing;

namespace {

class StoreTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(store->createVenue(Venue{"v1", "Chợ Bến Thành", "Lê Lợi, Q1", "market", 40, 120}));
    ASSERT_TRUE(store->createVenue(Venue{"v2", "Nhà sách", "", "shop", 5, 60}));
    ASSERT_TRUE(store->addScanPoint(ScanPoint{"gate", "v1", "Cổng chính"}));
  }
  // Enrolls `device` at `venue` and returns its token hash.
  std::string enroll(const std::string& device, const std::string& venue = "v1") {
    std::string code = "code-" + device + "-" + venue, token = "token-" + device + "-" + venue;
    EXPECT_TRUE(store->addEnrollmentCode(venue, code, kT0, kT0 + 3600000));
    auto v = store->redeemEnrollmentCode(code, device, token, kT0 + 1);
    EXPECT_TRUE(v);
    return token;
  }
  std::vector<CheckIn> all(const std::string& venue = "v1") {
    auto r = store->checkInsOfVenue(venue);
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    return r ? r.value() : std::vector<CheckIn>{};
  }
};

TEST_P(StoreTest, MigratesToTheLatestVersionAndAgainIsANoOp) {
  auto v = store->schemaVersion();
  ASSERT_TRUE(v);
  EXPECT_EQ(v.value(), orderedMigrations().back().version);
  ASSERT_TRUE(store->migrate());
  EXPECT_EQ(store->schemaVersion().value(), orderedMigrations().back().version);
}

TEST_P(StoreTest, VenuesAndScanPoints) {
  auto v = store->findVenue("v1");
  ASSERT_TRUE(v && v.value());
  EXPECT_EQ(v.value()->name, "Chợ Bến Thành");
  EXPECT_EQ(v.value()->staffCount, 40);
  EXPECT_FALSE(store->findVenue("nope").value().has_value());
  auto dup = store->createVenue(Venue{"v1", "again", "", "", 0, 120});
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().kind, ErrorKind::Conflict);
  auto sp = store->scanPoints("v1");
  ASSERT_TRUE(sp);
  ASSERT_EQ(sp->size(), 1u);
  EXPECT_EQ(sp.value()[0].name, "Cổng chính");
  EXPECT_FALSE(store->addScanPoint(ScanPoint{"x", "no-such-venue", "X"}));
}

TEST_P(StoreTest, EnrollmentCodeWorksOnceAndNotAfterExpiry) {
  ASSERT_TRUE(store->addEnrollmentCode("v1", "h1", kT0, kT0 + 1000));
  auto first = store->redeemEnrollmentCode("h1", "st-a", "tok-a", kT0 + 10);
  ASSERT_TRUE(first);
  EXPECT_EQ(first.value(), "v1");
  auto again = store->redeemEnrollmentCode("h1", "st-b", "tok-b", kT0 + 20);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().kind, ErrorKind::NotFound);
  EXPECT_FALSE(store->authenticate("tok-b").value().has_value());
  ASSERT_TRUE(store->addEnrollmentCode("v1", "h2", kT0, kT0 + 1000));
  auto late = store->redeemEnrollmentCode("h2", "st-c", "tok-c", kT0 + 1000);
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().kind, ErrorKind::NotFound);
  EXPECT_FALSE(store->addEnrollmentCode("no-such-venue", "h3", kT0, kT0 + 1000));
}

TEST_P(StoreTest, NoEnrollmentAtAVenueItsCommuneRejected) {
  ASSERT_TRUE(store->addEnrollmentCode("v2", "before", kT0, kT0 + 100000));
  ASSERT_TRUE(store->runSql({{"UPDATE venues SET verification = 'rejected' WHERE venue_id = 'v2'", {}}}));
  auto refused = store->redeemEnrollmentCode("before", "st-r", "tok-r", kT0 + 10);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ErrorKind::Conflict);
  // Nothing written: no device bound, the code still unused.
  EXPECT_FALSE(store->authenticate("tok-r").value().has_value());
  auto code =
      store->runSql({{"SELECT COUNT(*) FROM enrollment_codes WHERE code_hash = 'before' AND used_ms IS NULL", {}}});
  ASSERT_TRUE(code);
  EXPECT_EQ(sql::integer(code.value()[0].rows[0][0]), 1);
  // Another venue's codes still work.
  ASSERT_TRUE(store->addEnrollmentCode("v1", "other", kT0, kT0 + 100000));
  EXPECT_TRUE(store->redeemEnrollmentCode("other", "st-r", "tok-r", kT0 + 10));
}

TEST_P(StoreTest, AuthenticateKnowsTheDeviceAndItsVenues) {
  std::string t1 = enroll("st-a", "v1");
  std::string t2 = enroll("st-a", "v2");
  auto p = store->authenticate(t1);
  ASSERT_TRUE(p && p.value());
  EXPECT_EQ(p.value()->deviceId, "st-a");
  EXPECT_EQ(p.value()->venueId, "v1");
  EXPECT_FALSE(p.value()->revoked);
  EXPECT_EQ(p.value()->venues, (std::vector<std::string>{"v1", "v2"}));
  ASSERT_TRUE(store->revokeDevice("v2", "st-a", kT0 + 5));
  EXPECT_TRUE(store->authenticate(t2).value()->revoked);
  EXPECT_EQ(store->authenticate(t1).value()->venues, (std::vector<std::string>{"v1"}));
  EXPECT_FALSE(store->revokeDevice("v2", "st-a", kT0 + 6));  // already revoked
  EXPECT_FALSE(store->authenticate("unknown").value().has_value());
}

TEST_P(StoreTest, ReEnrollmentReplacesTheTokenAndLiftsRevocation) {
  std::string old = enroll("st-a");
  ASSERT_TRUE(store->revokeDevice("v1", "st-a", kT0 + 5));
  ASSERT_TRUE(store->addEnrollmentCode("v1", "again", kT0, kT0 + 3600000));
  ASSERT_TRUE(store->redeemEnrollmentCode("again", "st-a", "new-token", kT0 + 6));
  EXPECT_FALSE(store->authenticate(old).value().has_value());
  auto p = store->authenticate("new-token");
  ASSERT_TRUE(p && p.value());
  EXPECT_FALSE(p.value()->revoked);
}

TEST_P(StoreTest, IngestStoresEachCheckInOnceAndReplayChangesNothing) {
  std::vector<CheckIn> batch;
  for (int s = 1; s <= 50; ++s) batch.push_back(sampleCheckIn("st-a", s));
  auto r = store->ingest(batch, kT0);
  ASSERT_TRUE(r) << r.error().message;
  for (auto o : r->outcomes) EXPECT_EQ(o, IngestOutcome::Stored);
  for (int replay = 0; replay < 3; ++replay) {
    auto again = store->ingest(batch, kT0 + 1);
    ASSERT_TRUE(again);
    for (auto o : again->outcomes) EXPECT_EQ(o, IngestOutcome::AlreadyStored);
  }
  auto stored = all();
  ASSERT_EQ(stored.size(), 50u);
  for (size_t i = 0; i < stored.size(); ++i) EXPECT_TRUE(sameCheckIn(stored[i], batch[i])) << i;
  EXPECT_EQ(stored[0].person.displayName, "Nguyễn Văn An");  // UTF-8 round trip
}

TEST_P(StoreTest, OutOfOrderAndOverlappingBatches) {
  std::vector<CheckIn> b1, b2;
  for (int s = 20; s >= 11; --s) b1.push_back(sampleCheckIn("st-a", s));
  for (int s = 1; s <= 15; ++s) b2.push_back(sampleCheckIn("st-a", s));
  ASSERT_TRUE(store->ingest(b1, kT0));
  auto r = store->ingest(b2, kT0);
  ASSERT_TRUE(r);
  for (int s = 1; s <= 15; ++s)
    EXPECT_EQ(r->outcomes[size_t(s - 1)], s >= 11 ? IngestOutcome::AlreadyStored : IngestOutcome::Stored);
  EXPECT_EQ(all().size(), 20u);
}

TEST_P(StoreTest, DifferentContentUnderAKnownSeqIsAConflictAndNeverOverwrites) {
  CheckIn original = sampleCheckIn("st-a", 7);
  ASSERT_TRUE(store->ingest({original}, kT0));
  CheckIn changed = original;
  changed.person.displayName = "Trần Thị Bình";
  auto r = store->ingest({changed, sampleCheckIn("st-a", 8)}, kT0 + 1);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->outcomes[0], IngestOutcome::Conflict);
  EXPECT_EQ(r->outcomes[1], IngestOutcome::Stored);
  auto stored = all();
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_EQ(stored[0].person.displayName, "Nguyễn Văn An");
  auto conflicts = store->conflictsOfVenue("v1");
  ASSERT_TRUE(conflicts);
  ASSERT_EQ(conflicts->size(), 1u);
  EXPECT_EQ(conflicts.value()[0].seq, 7);
  EXPECT_NE(conflicts.value()[0].incomingJson.find("Trần Thị Bình"), std::string::npos);
}

TEST_P(StoreTest, ADifferentVenueUnderAKnownSeqIsAConflict) {
  ASSERT_TRUE(store->ingest({sampleCheckIn("st-a", 1, "v1")}, kT0));
  auto r = store->ingest({sampleCheckIn("st-a", 1, "v2")}, kT0);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->outcomes[0], IngestOutcome::Conflict);
  EXPECT_TRUE(all("v2").empty());
}

TEST_P(StoreTest, VoidingIsTheOneAllowedUpdateAndIsNeverUndone) {
  CheckIn c = sampleCheckIn("st-a", 3);
  ASSERT_TRUE(store->ingest({c}, kT0));
  c.voided = true;
  auto r = store->ingest({c}, kT0 + 1);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->outcomes[0], IngestOutcome::Voided);
  EXPECT_TRUE(all()[0].voided);
  EXPECT_EQ(store->ingest({c}, kT0 + 2)->outcomes[0], IngestOutcome::AlreadyStored);
  c.voided = false;  // an older copy replayed late: acknowledged, the void stays
  EXPECT_EQ(store->ingest({c}, kT0 + 3)->outcomes[0], IngestOutcome::AlreadyStored);
  EXPECT_TRUE(all()[0].voided);
}

TEST_P(StoreTest, TheSameSeqTwiceInOneBatch) {
  CheckIn a = sampleCheckIn("st-a", 5), b = a;
  b.person.key = "other";
  auto r = store->ingest({a, a, b}, kT0);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->outcomes[0], IngestOutcome::Stored);
  EXPECT_EQ(r->outcomes[1], IngestOutcome::AlreadyStored);
  EXPECT_EQ(r->outcomes[2], IngestOutcome::Conflict);
  EXPECT_EQ(all().size(), 1u);
}

TEST_P(StoreTest, VenuesSeeOnlyTheirOwnCheckIns) {
  ASSERT_TRUE(store->ingest({sampleCheckIn("st-a", 1, "v1"), sampleCheckIn("st-b", 1, "v2")}, kT0));
  EXPECT_EQ(all("v1").size(), 1u);
  EXPECT_EQ(all("v2").size(), 1u);
  EXPECT_EQ(all("v2")[0].deviceId, "st-b");
}

// Two stores on one database (two server processes) racing on the same device's batches:
// every (device, seq) ends up stored exactly once and every call succeeds.
TEST_P(StoreTest, ConcurrentIngestOfTheSameBatchesFromTwoStores) {
  auto second = openAgain();
  ASSERT_TRUE(second);
  std::vector<std::vector<CheckIn>> batches(20);
  for (int b = 0; b < 20; ++b)
    for (int s = 1; s <= 25; ++s) batches[size_t(b)].push_back(sampleCheckIn("st-a", b * 25 + s));
  std::atomic<int> failures{0}, stored{0};
  auto run = [&](Store& st) {
    for (const auto& batch : batches) {
      auto r = st.ingest(batch, kT0);
      if (!r) {
        ++failures;
        continue;
      }
      for (auto o : r->outcomes) stored += o == IngestOutcome::Stored;
    }
  };
  std::thread t1(run, std::ref(*store)), t2(run, std::ref(*second)), t3(run, std::ref(*store));
  t1.join();
  t2.join();
  t3.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(stored.load(), 500);
  EXPECT_EQ(all().size(), 500u);
}

// Many uploads at once on one store are committed in groups (group_commit.hpp): each call
// still gets its own outcomes, in its own order, exactly as if the uploads had run one by one;
// a (device, seq) is stored once whichever upload of a group brings it first, a different
// copy in the same group is a conflict, and every stored row gets its own feed sequence.
TEST_P(StoreTest, GroupedUploadsGetTheirOwnOutcomes) {
  constexpr int kThreads = 8, kUploads = 30;
  std::atomic<int> failures{0}, stored{0}, conflicts{0}, voided{0}, wrongSize{0};
  auto run = [&](int t) {
    for (int u = 0; u < kUploads; ++u) {
      std::vector<CheckIn> batch;
      // Threads t and t^1 share a device and overlap on half of their seqs.
      const std::string device = "st-" + std::to_string(t / 2);
      for (int s = 1; s <= 10; ++s) batch.push_back(sampleCheckIn(device, u * 10 + s + (t % 2) * 5));
      if (u == 7 && t % 2) batch[0].person.key = "a different person";  // a conflict, or stored first
      if (u == 9) batch[1].voided = true;
      auto r = store->ingest(batch, kT0 + u);
      if (!r) {
        ++failures;
        continue;
      }
      wrongSize += r->outcomes.size() != batch.size();
      for (auto o : r->outcomes) {
        stored += o == IngestOutcome::Stored;
        conflicts += o == IngestOutcome::Conflict;
        voided += o == IngestOutcome::Voided;
      }
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) threads.emplace_back(run, t);
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(wrongSize.load(), 0);
  // Per device: seqs 1..305 (the pair's union), each stored once.
  const int distinct = (kThreads / 2) * (kUploads * 10 + 5);
  EXPECT_EQ(stored.load(), distinct);
  EXPECT_EQ(int(all().size()), distinct);
  // The odd thread's changed copy of seq 76 meets the even thread's copy (seq 76 is the even
  // thread's 6th of upload 7): whichever came second is a conflict, never an overwrite.
  EXPECT_EQ(conflicts.load(), kThreads / 2);
  auto seqs = store->runSql({{"SELECT COUNT(DISTINCT ingest_seq), COUNT(*) FROM check_ins", {}}});
  ASSERT_TRUE(seqs) << seqs.error().message;
  EXPECT_EQ(std::get<int64_t>(seqs.value()[0].rows[0][0]), std::get<int64_t>(seqs.value()[0].rows[0][1]));
  EXPECT_LE(voided.load(), kThreads);
}

// SQLite: checkpoints run on their own thread (wal_checkpointer.hpp); the WAL must keep
// starting over under a steady stream of commits instead of growing to the writer's fallback
// threshold (256 MB). 200 commits of 500 check-ins write well over 16 MB of WAL frames.
TEST_P(StoreTest, SqliteWalStaysSmallUnderSteadyUploads) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "SQLite's WAL";
  const std::string wal = sqlitePath() + "-wal";
  uintmax_t largest = 0;
  for (int b = 0; b < 200; ++b) {
    std::vector<CheckIn> batch;
    for (int s = 1; s <= 500; ++s) batch.push_back(sampleCheckIn("st-" + std::to_string(b % 7), b * 500 + s));
    ASSERT_TRUE(store->ingest(batch, kT0));
    std::error_code ec;
    const uintmax_t size = std::filesystem::file_size(wal, ec);
    if (!ec) largest = std::max(largest, size);
  }
  EXPECT_GT(largest, 4000u * 4096u) << "the WAL never reached the checkpoint threshold: the test proves nothing";
  EXPECT_LT(largest, 48u << 20) << "the WAL grew to " << (largest >> 20) << " MB";
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::Values(std::string("sqlite"), std::string("postgres")),
                         backendName);

}  // namespace

// The office's dialect-neutral SQL: a '?' inside a string literal is text, not a parameter
// (PostgreSQL's rewrite to $n once counted it and shifted every parameter after it).
TEST_P(StoreTest, QuestionMarkInsideALiteralIsNotAParameter) {
  auto r = store->runSql({{"SELECT 'a?b' AS t, ? AS v, 'it''s ?' AS u", {SqlValue{int64_t(7)}}}});
  ASSERT_TRUE(r) << r.error().message;
  const auto& row = r.value()[0].rows.at(0);
  EXPECT_EQ(std::get<std::string>(row[0]), "a?b");
  EXPECT_EQ(std::get<int64_t>(row[1]), 7);
  EXPECT_EQ(std::get<std::string>(row[2]), "it's ?");
}

// SQLite: an office read that runs for seconds (a province report over a big log) runs on its
// own connection, so uploads keep being stored while it reads: every upload started after the
// read began is stored before the read ends. (With the office on the writer, as before, the
// first upload waited for the whole read.) Ordering, not a time limit, so a slow machine
// cannot make it flaky.
TEST_P(StoreTest, SqliteOfficeReadNeverHoldsUploads) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "SQLite's connections";
  std::atomic<bool> readDone{false};
  std::atomic<int> storedDuringRead{0};
  std::thread report([&] {
    auto r = store->runSql({{"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 8000000) "
                             "SELECT count(*) FROM c",
                             {}}});
    readDone = true;
    EXPECT_TRUE(r) << r.error().message;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  for (int u = 0; u < 5 && !readDone; ++u) {
    auto r = store->ingest({sampleCheckIn("st-r", u + 1)}, kT0);
    ASSERT_TRUE(r) << r.error().message;
    if (!readDone) ++storedDuringRead;
  }
  report.join();
  EXPECT_GE(storedDuringRead.load(), 1) << "no upload was stored while the office read ran";
}
