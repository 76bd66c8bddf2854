#include "station.hpp"

#include <gtest/gtest.h>

using namespace diemquet;

namespace {
const Instant kMorning{daysFromCivil(2026, 11, 25) * 86400000LL + 3600000LL, 420};  // 08:00 local

StationSettings settings() {
  StationSettings s;
  s.deviceId = "st-test";
  s.venue = Venue{"v-cho-ben-thanh", "Chợ Bến Thành", "Quận 1", "market", 40, 120};
  s.scanPoint = ScanPoint{"sp-1", "v-cho-ben-thanh", "Cổng chính"};
  return s;
}

std::unique_ptr<Station> configured() {
  auto st = Station::create();
  EXPECT_TRUE(st.ok());
  auto s = std::move(st).value();
  EXPECT_TRUE(s->apply(s->prepareSettings(settings())).ok());
  return s;
}

ManualEntry person(const char* name, const char* cccd) {
  ManualEntry e;
  e.name = name;
  e.cccd = cccd;
  return e;
}
}  // namespace

TEST(Station, RefusesCheckInBeforeSetUp) {
  auto s = std::move(Station::create()).value();
  auto e = s->prepareManual(person("An", "001099012345"), kMorning);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().kind, ErrorKind::NotConfigured);
}

TEST(Station, NothingChangesUntilApplied) {
  auto s = configured();
  auto e = s->prepareManual(person("An", "001099012345"), kMorning);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(s->totalCount(), 0);
  ASSERT_TRUE(s->apply(e.value()).ok());
  EXPECT_EQ(s->totalCount(), 1);
  EXPECT_EQ(s->pendingCount(), 1);
}

TEST(Station, SequenceNumbersAreNeverReused) {
  auto s = configured();
  auto a = s->prepareManual(person("An", "001099012345"), kMorning);
  auto b = s->prepareManual(person("Bình", "079199001234"), kMorning);
  ASSERT_TRUE(a.ok() && b.ok());
  auto seqA = std::get<CheckInRecorded>(a.value()).checkIn.seq;
  auto seqB = std::get<CheckInRecorded>(b.value()).checkIn.seq;
  EXPECT_NE(seqA, seqB);
  // a's save failed (never applied); b's succeeded. The next one must not take a's number.
  ASSERT_TRUE(s->apply(b.value()).ok());
  auto c = s->prepareManual(person("Cường", "001099012346"), kMorning);
  EXPECT_GT(std::get<CheckInRecorded>(c.value()).checkIn.seq, seqB);
}

TEST(Station, TodaySummaryCountsInsideAndDirections) {
  auto s = configured();
  auto in = [&](const char* name, const char* id, Direction d, int minute) {
    ManualEntry e = person(name, id);
    e.direction = d;
    Instant at = kMorning;
    at.utcMs += minute * 60000LL;
    auto ev = s->prepareManual(e, at);
    ASSERT_TRUE(ev.ok()) << ev.error().message;
    ASSERT_TRUE(s->apply(ev.value()).ok());
  };
  in("An", "001099012345", Direction::In, 0);
  in("Bình", "079199001234", Direction::In, 1);
  in("An", "001099012345", Direction::Out, 2);
  Instant later = kMorning;
  later.utcMs += 10 * 60000LL;
  DaySummary d = s->today(later);
  EXPECT_EQ(d.checkInsToday, 2);
  EXPECT_EQ(d.checkOutsToday, 1);
  EXPECT_EQ(d.insideNow, 1);
  EXPECT_EQ(s->suggestDirection("079199001234", later), Direction::Out);
  EXPECT_EQ(s->suggestDirection("001099012345", later), Direction::In);
  auto recent = s->recent(20);
  ASSERT_EQ(recent.size(), 3u);
  EXPECT_EQ(recent[0].person.displayName, "An");
  EXPECT_EQ(recent[0].direction, Direction::Out);
}

TEST(Station, ReplayRebuildsTheSameState) {
  auto s = configured();
  std::vector<std::string> journal{encodeEvent(s->prepareSettings(settings()))};
  for (int i = 0; i < 50; ++i) {
    ManualEntry e = person("Khách", "");
    e.phone = "09" + std::to_string(10000000 + i);
    auto ev = s->prepareManual(e, kMorning);
    ASSERT_TRUE(ev.ok()) << ev.error().message;
    journal.push_back(encodeEvent(ev.value()));
    ASSERT_TRUE(s->apply(ev.value()).ok());
  }
  auto undo = s->prepareUndo(7);
  ASSERT_TRUE(undo.ok());
  journal.push_back(encodeEvent(undo.value()));
  s->apply(undo.value());

  auto fresh = std::move(Station::create()).value();
  for (const auto& rec : journal) fresh->replay(rec);
  fresh->finishReplay();
  EXPECT_EQ(fresh->damagedRecords(), 0);
  EXPECT_EQ(fresh->totalCount(), 50);
  EXPECT_EQ(fresh->settings(), s->settings());
  EXPECT_EQ(fresh->recent(100), s->recent(100));
  EXPECT_EQ(fresh->today(kMorning).checkInsToday, 49);
  // The sequence continues after the replayed ones.
  auto next = fresh->prepareManual(person("An", "001099012345"), kMorning);
  EXPECT_EQ(std::get<CheckInRecorded>(next.value()).checkIn.seq, 51);
}

TEST(Station, DamagedJournalRecordIsSkippedNotFatal) {
  auto s = std::move(Station::create()).value();
  s->replay(encodeEvent(SettingsChanged{settings()}));
  s->replay("{not json");
  s->replay(R"({"t":"ci","device":"st-test","seq":"x"})");
  s->finishReplay();
  EXPECT_EQ(s->damagedRecords(), 2);
  EXPECT_TRUE(s->isConfigured());
}

TEST(Station, SyncAcknowledgementClearsPending) {
  auto s = configured();
  for (int i = 0; i < 5; ++i) {
    ManualEntry e = person("An", "001099012345");
    s->apply(s->prepareManual(e, kMorning).value());
  }
  ASSERT_TRUE(s->apply(SyncAcknowledged{"st-test", {{1, 3}}}).ok());
  EXPECT_EQ(s->pendingCount(), 2);
  auto p = s->pendingCheckIns(10);
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].seq, 4);
}

TEST(Station, DeviceIdCannotChangeOnceSet) {
  auto s = configured();
  StationSettings other = settings();
  other.deviceId = "st-other";
  other.language = "en";
  s->apply(s->prepareSettings(other));
  EXPECT_EQ(s->settings().deviceId, "st-test");
  EXPECT_EQ(s->settings().language, "en");
}

TEST(Station, VisitsLongerThanTheUsualStayCloseByThemselves) {
  auto s = configured();  // the venue's default stay is 120 minutes
  ManualEntry e = person("An", "001099012345");
  ASSERT_TRUE(s->apply(s->prepareManual(e, kMorning).value()).ok());
  Instant later = kMorning;
  later.utcMs += 119 * 60000LL;
  EXPECT_EQ(s->today(later).insideNow, 1);
  EXPECT_EQ(s->suggestDirection("001099012345", later), Direction::Out);
  later.utcMs += 2 * 60000LL;
  EXPECT_EQ(s->today(later).insideNow, 0);
  // Scanned again after the stay: a new visit, not a check-out.
  EXPECT_EQ(s->suggestDirection("001099012345", later), Direction::In);
}

TEST(Station, ClosingTheDayChecksEveryoneOut) {
  auto s = configured();
  for (const char* id : {"001099012345", "079199001234", "001099012346"})
    ASSERT_TRUE(s->apply(s->prepareManual(person("Khách", id), kMorning).value()).ok());
  ManualEntry leave = person("Khách", "079199001234");
  leave.direction = Direction::Out;
  Instant leftAt = kMorning;
  leftAt.utcMs += 5 * 60000LL;
  ASSERT_TRUE(s->apply(s->prepareManual(leave, leftAt).value()).ok());
  Instant later = kMorning;
  later.utcMs += 30 * 60000LL;
  auto events = s->prepareCloseDay(later);
  ASSERT_EQ(events.size(), 2u);
  for (const auto& ev : events) {
    EXPECT_EQ(std::get<CheckInRecorded>(ev).checkIn.direction, Direction::Out);
    ASSERT_TRUE(s->apply(ev).ok());
  }
  EXPECT_EQ(s->today(later).insideNow, 0);
  EXPECT_TRUE(s->prepareCloseDay(later).empty());
}
