// One presence across a venue's gates (issue #17), the station's side: a newer record of
// another gate decides the direction of the next scan here; the poller journals the server's
// corrections of this station's own records, and a replay keeps them; offline it decides alone.
#include <gtest/gtest.h>

#include <vector>

#include "station.hpp"
#include "sync/presence.hpp"

using namespace diemquet;
using namespace diemquet::sync;
using nlohmann::json;

namespace {

const Instant kMorning{daysFromCivil(2026, 11, 25) * 86400000LL + 3600000LL, 420};  // 08:00 local
constexpr int64_t kMin = 60'000;
const char* kCccd = "001099012345";

std::unique_ptr<Station> gate(const char* device, const char* point) {
  auto s = std::move(Station::create()).value();
  StationSettings st;
  st.deviceId = device;
  st.venue = Venue{"cho", "Chợ Bến Thành", "Quận 1", "market", 40, 120};
  st.scanPoint = ScanPoint{point, "cho", point};
  EXPECT_TRUE(s->apply(s->prepareSettings(st)));
  StationEnrolled e{device, "tok", st.venue, {st.scanPoint}, {}, kMorning.utcMs};
  EXPECT_TRUE(s->apply(JournalEvent{e}));
  EXPECT_TRUE(s->apply(s->prepareSettings(st)));
  return s;
}

Person cccd() {
  Person p;
  p.kind = PersonKind::Cccd;
  p.key = kCccd;
  p.displayName = "Nguyễn Văn An";
  return p;
}

}  // namespace

TEST(Presence, AnotherGatesNewerRecordDecides) {
  auto b = gate("st-b", "cong-pct");
  EXPECT_EQ(b->suggestDirection(kCccd, kMorning), Direction::In) << "never seen: in";
  // The server: the person went in at gate A ten minutes ago.
  b->setRemotePresence({{presenceKey("cho", kCccd), RemoteEntry{Direction::In, kMorning.utcMs - 10 * kMin}}});
  EXPECT_EQ(b->suggestDirection(kCccd, kMorning), Direction::Out) << "inside through gate A: out here";
  // ...but 3 hours ago is longer than the venue's stay: a new visit.
  b->setRemotePresence({{presenceKey("cho", kCccd), RemoteEntry{Direction::In, kMorning.utcMs - 180 * kMin}}});
  EXPECT_EQ(b->suggestDirection(kCccd, kMorning), Direction::In);
  // Gate B's own check-in is newer than gate A's "out": out.
  auto rec = b->prepareCheckIn(cccd(), Direction::In, Instant{kMorning.utcMs - 5 * kMin, 420});
  ASSERT_TRUE(rec);
  ASSERT_TRUE(b->apply(rec.value()));
  b->setRemotePresence({{presenceKey("cho", kCccd), RemoteEntry{Direction::Out, kMorning.utcMs - 20 * kMin}}});
  EXPECT_EQ(b->suggestDirection(kCccd, kMorning), Direction::Out);
  // Gate A saw them leave after that: in again here.
  b->setRemotePresence({{presenceKey("cho", kCccd), RemoteEntry{Direction::Out, kMorning.utcMs - 1 * kMin}}});
  EXPECT_EQ(b->suggestDirection(kCccd, kMorning), Direction::In);
}

TEST(Presence, KeysAreVenueScopedHashes) {
  EXPECT_EQ(presenceKey("cho", kCccd).size(), 16u);
  EXPECT_EQ(presenceKey("cho", kCccd), presenceKey("cho", kCccd));
  EXPECT_NE(presenceKey("cho", kCccd), presenceKey("cho-khac", kCccd));
  EXPECT_EQ(presenceKey("cho", kCccd).find(kCccd), std::string::npos);
}

TEST(Presence, PollerAppliesAndJournalsCorrections) {
  auto b = gate("st-b", "cong-pct");
  auto rec = b->prepareCheckIn(cccd(), Direction::In, kMorning);
  ASSERT_TRUE(rec);
  ASSERT_TRUE(b->apply(rec.value()));
  const int64_t seq = std::get<CheckInRecorded>(rec.value()).checkIn.seq;

  std::vector<std::string> journal;
  std::string answer;
  int asked = 0;
  int64_t now = kMorning.utcMs;
  PresencePoller poller(
      *b,
      [&](const std::string& r, std::function<void(bool)> done) {
        journal.push_back(r);
        done(true);
      },
      [&](const std::string& path, const std::string& body, const std::string& token,
          std::function<void(const HttpReply&)> done) {
        ++asked;
        EXPECT_EQ(path, "api/v1/presence");
        EXPECT_EQ(token, "tok");
        EXPECT_EQ(json::parse(body)["device"], "st-b");
        done(HttpReply{answer.empty() ? 0 : 200, answer});
      },
      [&] { return now; }, 10000);

  poller.tick();  // offline: nothing changes
  EXPECT_EQ(asked, 1);
  EXPECT_TRUE(journal.empty());
  poller.tick();
  EXPECT_EQ(asked, 1) << "not again before 10 s";

  answer = json{{"asOfMs", now},
                {"people", json::array({{{"p", presenceKey("cho", kCccd)}, {"d", "out"}, {"t", now}}})},
                {"corrections", json::array({{{"seq", seq}, {"dir", "out"}}, {{"seq", 999}, {"dir", "out"}}})}}
               .dump();
  now += 10000;
  poller.tick();
  EXPECT_EQ(asked, 2);
  ASSERT_EQ(journal.size(), 1u) << "one correction journaled; the unknown seq is ignored";
  EXPECT_EQ(b->log().find("st-b", seq)->direction, Direction::Out);
  EXPECT_EQ(b->today(kMorning).insideNow, 0);

  // The same answer again changes nothing more.
  now += 10000;
  poller.tick();
  EXPECT_EQ(journal.size(), 1u);

  // A restart replays the correction after the check-in.
  auto again = std::move(Station::create()).value();
  auto replay = [&](const JournalEvent& e) { ASSERT_TRUE(again->apply(e)); };
  StationSettings st = b->settings();
  replay(again->prepareSettings(st));
  replay(rec.value());
  auto fix = decodeEvent(journal[0]);
  ASSERT_TRUE(fix);
  replay(fix.value());
  EXPECT_EQ(again->log().find("st-b", seq)->direction, Direction::Out);
}

TEST(Presence, MalformedAnswersAreIgnored) {
  EXPECT_FALSE(parsePresence("nope", "st", 0));
  EXPECT_FALSE(parsePresence("{}", "st", 0));
  auto a = parsePresence(
      R"({"people":[{"p":"x","d":"sideways","t":1},{"p":"y","d":"in","t":2}],"corrections":[{"seq":-1,"dir":"out"}]})",
      "st", 5);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->people.size(), 1u);
  EXPECT_TRUE(a->corrections.empty());
}

// The status line of the last save follows a correction of that very check-in (it said
// "Đã lưu · … · VÀO" beside Today's "RA" until it expired), without a second "saved" beep; a
// correction of an older check-in leaves it alone.
TEST(Presence, SaveStatusFollowsTheCorrectionOfItsCheckIn) {
  auto b = gate("st-b", "cong-pct");
  std::vector<std::string> journal;
  JournalAppend append = [&](const std::string& r, std::function<void(bool)> done) {
    journal.push_back(r);
    done(true);
  };
  StationSession session(*b, append, [] { return kMorning; });
  Person older = cccd();
  older.key = "079199001234";
  older.displayName = "Trần Thị Bình";
  ASSERT_TRUE(session.submitPerson(older, Direction::In));
  const int64_t olderSeq = session.saveStatus().seq;
  ASSERT_TRUE(session.submitPerson(cccd(), Direction::In));
  const SaveStatus before = session.saveStatus();
  ASSERT_EQ(before.state, SaveStatus::State::Saved);
  ASSERT_EQ(before.direction, Direction::In);

  std::string answer;
  PresencePoller poller(
      *b, append,
      [&](const std::string&, const std::string&, const std::string&, std::function<void(const HttpReply&)> done) {
        done(HttpReply{200, answer});
      },
      [] { return kMorning.utcMs; }, 0);
  poller.setOnCorrected([&](const DirectionCorrected& fix) { session.directionCorrected(fix); });

  answer = json{{"people", json::array()}, {"corrections", json::array({{{"seq", olderSeq}, {"dir", "out"}}})}}.dump();
  poller.tick();
  EXPECT_EQ(b->log().find("st-b", olderSeq)->direction, Direction::Out);
  EXPECT_EQ(session.saveStatus().direction, Direction::In) << "another check-in's correction";
  EXPECT_FALSE(session.saveStatus().corrected);

  const uint64_t version = session.version();
  answer =
      json{{"people", json::array()}, {"corrections", json::array({{{"seq", before.seq}, {"dir", "out"}}})}}.dump();
  poller.tick();
  EXPECT_EQ(session.saveStatus().direction, Direction::Out);
  EXPECT_TRUE(session.saveStatus().corrected);
  EXPECT_EQ(session.saveStatus().serial, before.serial) << "no new save: no second beep";
  EXPECT_EQ(session.saveStatus().at.utcMs, before.at.utcMs) << "the time of the scan stays";
  EXPECT_GT(session.version(), version) << "the screen redraws";
  EXPECT_TRUE(session.canUndo()) << "the undo still takes back that check-in";
}
