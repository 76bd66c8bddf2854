// The kept presence answer (sync/last_answer.hpp): how often the large record is written, that
// its time is the one its people came with, and that it is dropped at a new day or venue.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "station.hpp"
#include "sync/last_answer.hpp"
#include "sync/presence.hpp"

using namespace diemquet;
using namespace diemquet::sync;

namespace {

constexpr int64_t kSec = 1000;
constexpr int64_t kMin = 60 * kSec;
constexpr const char* kPeopleKey = "dq-last-presence";
const Instant kMorning{daysFromCivil(2026, 11, 25) * 86400000LL + 3600000LL, 420};  // 08:00 local

// The page's store, counting what is written to each key (localStorage.setItem on the page).
class CountingStore : public client::KeyValueStore {
 public:
  std::string get(const std::string& key) const override { return m_inner.get(key); }
  void set(const std::string& key, const std::string& value) override {
    ++writes[key];
    m_inner.set(key, value);
  }
  std::map<std::string, int> writes;

 private:
  client::MemoryKeyValueStore m_inner;
};

std::unique_ptr<Station> gate(const char* device = "st-b") {
  auto s = std::move(Station::create()).value();
  StationSettings st;
  st.deviceId = device;
  st.venue = Venue{"cho", "Chợ Bến Thành", "Quận 1", "market", 40, 120};
  st.scanPoint = ScanPoint{"cong-chinh", "cho", "Cổng chính"};
  EXPECT_TRUE(s->apply(s->prepareSettings(st)));
  return s;
}

// `n` people who came in through gate A, the latest `atMs`.
std::map<std::string, RemoteEntry> cameIn(int n, int64_t atMs) {
  std::map<std::string, RemoteEntry> people;
  for (int i = 0; i < n; ++i)
    people[presenceKey("cho", "00109900" + std::to_string(1000 + i))] =
        RemoteEntry{Direction::In, atMs - i * kSec, "cong-a"};
  return people;
}

// What the poller does with an answer (sync/presence.cpp).
void answer(Station& s, std::map<std::string, RemoteEntry> people, int64_t atMs) {
  s.setRemotePresence(std::move(people), 0, atMs);
  s.serverAnswered(atMs);
}

}  // namespace

// Session 17: every answer whose people changed rewrote the whole kept record (up to 5,000
// people, ~400 KB) to localStorage on the page's thread: at a busy gate, every 5 s.
TEST(LastAnswer, ThePeopleAreWrittenAtMostEvery30Seconds) {
  CountingStore page;
  Instant now = kMorning;
  auto b = gate();
  LastAnswerKeeper keeper(*b, page, [&] { return now; });
  keeper.restore(now);
  answer(*b, cameIn(3, now.utcMs), now.utcMs);
  keeper.tick(true);
  EXPECT_EQ(page.writes[kPeopleKey], 1) << "the first answer is kept at once";
  now.utcMs += 5 * kSec;
  answer(*b, cameIn(4, now.utcMs), now.utcMs);
  keeper.tick(true);
  now.utcMs += 5 * kSec;
  answer(*b, cameIn(5, now.utcMs), now.utcMs);
  keeper.tick(true);
  EXPECT_EQ(page.writes[kPeopleKey], 1) << "answers 5 s apart are not each written";
  EXPECT_EQ(page.writes["dq-last-answer"], 3) << "the small record of the answer's time still is";
  now.utcMs = kMorning.utcMs + 31 * kSec;
  answer(*b, cameIn(6, now.utcMs), now.utcMs);
  keeper.tick(true);
  EXPECT_EQ(page.writes[kPeopleKey], 2) << "31 s after the last write, the latest answer is";
}

// A change left pending is written within 30 s even if no answer follows (the server went
// quiet, the network did not drop).
TEST(LastAnswer, APendingAnswerIsWrittenWhenItsTimeComes) {
  CountingStore page;
  Instant now = kMorning;
  auto b = gate();
  LastAnswerKeeper keeper(*b, page, [&] { return now; });
  keeper.restore(now);
  answer(*b, cameIn(3, now.utcMs), now.utcMs);
  keeper.tick(true);
  now.utcMs += 5 * kSec;
  answer(*b, cameIn(4, now.utcMs), now.utcMs);
  keeper.tick(true);
  ASSERT_EQ(page.writes[kPeopleKey], 1);
  now.utcMs += 26 * kSec;
  keeper.tick(true);
  EXPECT_EQ(page.writes[kPeopleKey], 2);
  keeper.tick(true);
  EXPECT_EQ(page.writes[kPeopleKey], 2) << "written once, not at every frame after";
}

// Offline, the answer that counts is the last one: it is written at once, so a reload while
// offline (tests/e2e/gates.test.mjs) counts the same people as of the same time.
TEST(LastAnswer, GoingOfflineWritesThePendingAnswerAtOnce) {
  CountingStore page;
  Instant now = kMorning;
  auto b = gate();
  LastAnswerKeeper keeper(*b, page, [&] { return now; });
  keeper.restore(now);
  answer(*b, cameIn(3, now.utcMs), now.utcMs);
  keeper.tick(true);
  now.utcMs += 5 * kSec;
  answer(*b, cameIn(4, now.utcMs), now.utcMs);
  const int64_t last = now.utcMs;
  keeper.tick(true);
  ASSERT_EQ(page.writes[kPeopleKey], 1);
  now.utcMs += 1 * kSec;
  keeper.tick(false);
  EXPECT_EQ(page.writes[kPeopleKey], 2) << "the network dropped: the pending answer is written";
  keeper.tick(false);
  EXPECT_EQ(page.writes[kPeopleKey], 2) << "once";

  auto again = gate();
  LastAnswerKeeper reloaded(*again, page, [&] { return now; });
  reloaded.restore(now);
  EXPECT_EQ(again->remotePresence().size(), 4u);
  EXPECT_EQ(again->today(now).insideViaOtherPhones, 4);
  EXPECT_EQ(again->today(now).serverAsOfMs, last);
}

// The people and their time are one record: a reload between two writes restores the people
// last written with the time they came with, never a later answer's time over older people.
TEST(LastAnswer, TheRestoredTimeIsTheRestoredPeoplesAnswer) {
  CountingStore page;
  Instant now = kMorning;
  auto b = gate();
  LastAnswerKeeper keeper(*b, page, [&] { return now; });
  keeper.restore(now);
  const int64_t first = now.utcMs;
  answer(*b, cameIn(3, first), first);
  keeper.tick(true);
  now.utcMs += 5 * kSec;
  answer(*b, cameIn(3, first), now.utcMs);  // the same people, said again
  const int64_t confirmed = now.utcMs;
  keeper.tick(true);
  {
    auto again = gate();
    LastAnswerKeeper reloaded(*again, page, [&] { return now; });
    reloaded.restore(now);
    EXPECT_EQ(again->remotePresence().size(), 3u);
    EXPECT_EQ(again->today(now).serverAsOfMs, confirmed) << "a later answer that said the same people dates them";
  }
  now.utcMs += 5 * kSec;
  answer(*b, cameIn(5, now.utcMs), now.utcMs);  // changed: pending, not written yet
  keeper.tick(true);
  ASSERT_EQ(page.writes[kPeopleKey], 1);
  // The page is closed here (no offline first): the kept people are the first answer's.
  auto again = gate();
  LastAnswerKeeper reloaded(*again, page, [&] { return now; });
  reloaded.restore(now);
  EXPECT_EQ(again->remotePresence().size(), 3u) << "the people written";
  EXPECT_EQ(again->today(now).serverAsOfMs, confirmed) << "…as of the last answer that said them";
  EXPECT_EQ(again->lastSyncMs(), now.utcMs) << "\"Đồng bộ lần cuối\" is the latest answer";
}

// A venue changed in Settings: the old venue's kept people go at once, not 30 s later.
TEST(LastAnswer, AnotherVenueDropsTheKeptPeopleAtOnce) {
  CountingStore page;
  Instant now = kMorning;
  auto b = gate();
  LastAnswerKeeper keeper(*b, page, [&] { return now; });
  keeper.restore(now);
  answer(*b, cameIn(3, now.utcMs), now.utcMs);
  keeper.tick(true);
  ASSERT_NE(page.get(kPeopleKey), "");
  StationSettings s = b->settings();
  s.venue = Venue{"nha-van-hoa", "Nhà văn hoá", "Quận 1", "hall", 40, 120};
  s.scanPoint = ScanPoint{"cua-1", "nha-van-hoa", "Cửa 1"};
  ASSERT_TRUE(b->apply(b->prepareSettings(s)));
  now.utcMs += 2 * kSec;
  keeper.tick(true);
  EXPECT_EQ(page.get(kPeopleKey), "");
}

// Session 17: a station left offline across midnight (no reload) kept yesterday's answer:
// "1 người vào qua máy khác · theo máy chủ lúc 23:59" the next day, from a person another
// phone recorded at 23:59 with its clock two minutes ahead. At the new local day the answer no
// longer applies: it counts this phone's own people only, and says no "theo máy chủ" time.
TEST(LastAnswer, OfflinePastMidnightTheAnswerIsDropped) {
  CountingStore page;
  const int64_t midnight = localDayOf(kMorning).endUtcMs;
  Instant now{midnight - 30 * kSec, 420};  // 23:59:30
  auto b = gate();
  LastAnswerKeeper keeper(*b, page, [&] { return now; });
  keeper.restore(now);
  auto people = cameIn(2, now.utcMs - kMin);
  people[presenceKey("cho", "001099009999")] =
      RemoteEntry{Direction::In, midnight + 50 * kSec, "cong-a"};  // 23:59:10 by a clock 100 s ahead
  answer(*b, people, now.utcMs);
  keeper.tick(true);
  ASSERT_EQ(b->today(now).insideViaOtherPhones, 3);
  // This phone lets someone in itself, offline, just after midnight.
  now.utcMs += 5 * kSec;
  keeper.tick(false);
  now = Instant{midnight + 5 * kMin, 420};  // 00:05
  Person p;
  p.kind = PersonKind::Manual;
  p.key = "0905123456";
  p.displayName = "Võ Thị Hạnh";
  auto in = b->prepareCheckIn(p, Direction::In, now);
  ASSERT_TRUE(in);
  ASSERT_TRUE(b->apply(in.value()));
  keeper.tick(false);
  DaySummary d = b->today(now);
  EXPECT_EQ(d.insideNow, 1) << "this phone's own, Hạnh";
  EXPECT_EQ(d.insideViaOtherPhones, 0);
  EXPECT_EQ(d.serverAsOfMs, 0) << "no \"theo máy chủ lúc 23:59\" until a new answer";
  EXPECT_TRUE(b->remotePresence().empty());
  EXPECT_EQ(page.get(kPeopleKey), "") << "a reload does not bring it back either";
  // The first answer of the new day counts again.
  now.utcMs += 5 * kSec;
  answer(*b, cameIn(1, now.utcMs - kSec), now.utcMs);
  keeper.tick(true);
  EXPECT_EQ(b->today(now).insideViaOtherPhones, 1);
  EXPECT_EQ(b->today(now).serverAsOfMs, now.utcMs);
}
