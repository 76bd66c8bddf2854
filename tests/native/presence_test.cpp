// One presence across a venue's gates (issue #17), the station's side: a newer record of
// another gate decides the direction of the next scan here; the poller journals the server's
// corrections of this station's own records, and a replay keeps them; offline it decides alone.
#include <gtest/gtest.h>

#include <vector>

#include "station.hpp"
#include "scan_flow.hpp"
#include "sync/last_answer.hpp"
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

// Session 12: a phone with nothing of its own to upload asked the server every 5 s, yet Today
// said "Đồng bộ lần cuối: chưa lần nào": only an acknowledged upload counted. An answer to the
// poll is reaching the server too; an ask that failed (no answer, an error, a body that is no
// answer) is not.
TEST(Presence, AnAnswerIsTheLastSyncAFailedAskIsNot) {
  auto b = gate("st-b", "cong-pct");
  ASSERT_EQ(b->lastSyncMs(), 0) << "enrolled, nothing uploaded, never asked";
  HttpReply reply;
  int64_t now = kMorning.utcMs;
  PresencePoller poller(
      *b, [](const std::string&, std::function<void(bool)> done) { done(true); },
      [&](const std::string&, const std::string&, const std::string&, std::function<void(const HttpReply&)> done) {
        done(reply);
      },
      [&] { return now; }, 0);
  const std::string answer = json{{"asOfMs", now}, {"people", json::array()}}.dump();
  for (HttpReply failed : {HttpReply{0, ""}, HttpReply{500, answer}, HttpReply{401, ""}, HttpReply{200, "<html>portal</html>"}}) {
    reply = failed;
    now += 5000;
    poller.tick();
    EXPECT_EQ(b->lastSyncMs(), 0) << "status " << failed.status << " counted as reaching the server";
  }
  EXPECT_EQ(poller.lastFailureMs(), now) << "the pill learns the server did not answer";
  reply = HttpReply{200, answer};
  now += 5000;
  poller.tick();
  EXPECT_EQ(b->lastSyncMs(), now);
  EXPECT_EQ(poller.lastFailureMs(), now - 5000) << "an answer is no failure";
  const int64_t answered = now;
  reply = HttpReply{0, ""};
  now += 5000;
  poller.tick();
  EXPECT_EQ(b->lastSyncMs(), answered) << "a failed ask keeps the last answer's time";
  EXPECT_EQ(poller.lastFailureMs(), now);
  // An upload acknowledged later is later still; an older acknowledgement replayed moves nothing back.
  ASSERT_TRUE(b->apply(JournalEvent{SyncAcknowledged{"st-b", {}, answered - 60000}}));
  EXPECT_EQ(b->lastSyncMs(), answered);
}

// Session 13: after a reload "Đồng bộ lần cuối" showed the last acknowledged upload ("chưa lần
// nào" on a phone with none) until the first poll answered, ~5 s later: a poll's answer was
// kept only in memory. Its time is kept beside the journal, for this station only.
TEST(Presence, TheLastAnswerOutlivesAReload) {
  client::MemoryKeyValueStore page;
  int64_t answeredAt = 0;
  {
    auto b = gate("st-b", "cong-pct");
    LastAnswerKeeper keeper(*b, page, [] { return kMorning; });
    keeper.restore(kMorning);
    ASSERT_EQ(b->lastSyncMs(), 0);
    HttpReply reply{200, json{{"asOfMs", kMorning.utcMs}, {"people", json::array()}}.dump()};
    int64_t now = kMorning.utcMs + 7 * kMin;
    PresencePoller poller(
        *b, [](const std::string&, std::function<void(bool)> done) { done(true); },
        [&](const std::string&, const std::string&, const std::string&, std::function<void(const HttpReply&)> done) {
          done(reply);
        },
        [&] { return now; }, 0);
    poller.tick();
    keeper.tick();
    answeredAt = now;
    ASSERT_EQ(b->lastSyncMs(), answeredAt);
  }
  // The page reloaded: the journal replayed, no poll answered yet.
  auto again = gate("st-b", "cong-pct");
  LastAnswerKeeper keeper(*again, page, [] { return kMorning; });
  keeper.restore(kMorning);
  EXPECT_EQ(again->lastSyncMs(), answeredAt) << "the line shows the last answer at once";
  // A station set up anew on this phone (the journal cleared: another device id) starts from never.
  auto fresh = gate("st-c", "cong-pct");
  LastAnswerKeeper other(*fresh, page, [] { return kMorning; });
  other.restore(kMorning);
  EXPECT_EQ(fresh->lastSyncMs(), 0);
  // Nothing the store holds that is not a kept answer moves anything.
  client::MemoryKeyValueStore broken;
  broken.set("dq-last-answer", "{\"device\":\"st-b\",\"atMs\":\"soon\"}");
  auto third = gate("st-b", "cong-pct");
  LastAnswerKeeper reader(*third, broken, [] { return kMorning; });
  reader.restore(kMorning);
  EXPECT_EQ(third->lastSyncMs(), 0);
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

// Two phones at the SAME gate (session 11): phone A entered the person a minute ago; phone B,
// told by the server, took the second entry for the way out ("← ĐÃ RA · … · đã vào ở cổng
// khác"). Within the repeat window it is a repeat, as on one phone: nothing saved or counted.
// At another gate, or after the window, the feed decides as before; offline B decides alone.
namespace {

struct SameGate {
  std::unique_ptr<Station> b = gate("st-b", "cong-chinh");
  std::vector<std::string> journal;
  int64_t now = kMorning.utcMs;  // phone B's clock
  StationSession session{*b,
                         [this](const std::string& r, std::function<void(bool)> done) {
                           journal.push_back(r);
                           done(true);
                         },
                         [this] { return Instant{now, 420}; }};
  ScanFlow flow{session};
  // The server's answer, asked now: the person's last entry at `point`, `agoMs` before the
  // server's clock (`serverNow`, by default phone B's).
  void told(const char* dir, const char* point, int64_t agoMs, int64_t serverNow = 0, bool own = false) {
    if (!serverNow) serverNow = now;
    std::string answer = json{{"asOfMs", serverNow},
                              {"people", json::array({{{"p", presenceKey("cho", kCccd)},
                                                       {"d", dir},
                                                       {"t", serverNow - agoMs},
                                                       {"sp", point},
                                                       {"own", own}}})},
                              {"corrections", json::array()}}
                             .dump();
    PresencePoller poller(
        *b, [](const std::string&, std::function<void(bool)> done) { done(true); },
        [&](const std::string&, const std::string&, const std::string&, std::function<void(const HttpReply&)> done) {
          done(HttpReply{200, answer});
        },
        [this] { return now; }, 0);
    poller.tick();
  }
};

const char* kAnCard = "001099012345||Nguyễn Văn An|15081999|Nam|Hà Nội|20042021";

}  // namespace

TEST(Presence, TheSameGateOnAnotherPhoneWithinTheRepeatWindowIsARepeat) {
  SameGate g;
  g.told("in", "cong-chinh", 1 * kMin);
  ScanOutcome out = g.flow.onDecoded(kAnCard);
  EXPECT_EQ(out.kind, ScanOutcome::Kind::Duplicate) << "not the way out: the same gate, a minute later";
  ASSERT_TRUE(out.previous);
  EXPECT_EQ(out.previous->direction, Direction::In);
  EXPECT_EQ(out.previous->at.utcMs, g.now - 1 * kMin);
  // Typed by hand ("VÀO", the form's default): the same.
  FieldErrors errors;
  EXPECT_FALSE(g.session.submitManual(ManualEntry{"Nguyễn Văn An", kCccd, "", "", Direction::In}, errors));
  EXPECT_TRUE(errors.errors.empty()) << "no field is wrong";
  EXPECT_EQ(g.session.saveStatus().state, SaveStatus::State::Repeat) << "said as a repeat";
  EXPECT_TRUE(g.session.saveStatus().onOtherPhone);
  EXPECT_EQ(g.session.saveStatus().direction, Direction::In);
  EXPECT_EQ(g.session.saveStatus().previousAt.utcMs, g.now - 1 * kMin);
  EXPECT_FALSE(g.session.canUndo()) << "nothing to undo";
  EXPECT_TRUE(g.journal.empty()) << "nothing saved";
  EXPECT_EQ(g.b->totalCount(), 0);
  // Counted once, as phone A's entry (session 16: B's "Đang ở trong" counts the gate's people).
  EXPECT_EQ(g.b->today(Instant{g.now, 420}).checkInsToday, 0) << "no entry of B's";
  EXPECT_EQ(g.b->today(Instant{g.now, 420}).insideNow, 1) << "the person inside, once";
  EXPECT_EQ(g.b->today(Instant{g.now, 420}).insideViaOtherPhones, 1) << "through phone A";
}

TEST(Presence, AnotherGateOrAfterTheWindowDecidesAsBefore) {
  {
    SameGate g;  // another gate a minute ago: the way out there
    g.told("in", "cong-pct", 1 * kMin);
    ASSERT_EQ(g.flow.onDecoded(kAnCard).kind, ScanOutcome::Kind::Saving);
    EXPECT_EQ(g.session.saveStatus().direction, Direction::Out);
  }
  {
    SameGate g;  // the same gate, but past the window: they leave through it
    g.told("in", "cong-chinh", 4 * kMin);
    ASSERT_EQ(g.flow.onDecoded(kAnCard).kind, ScanOutcome::Kind::Saving);
    EXPECT_EQ(g.session.saveStatus().direction, Direction::Out);
  }
  {
    SameGate g;  // went out through the same gate on A and came back after the window: in
    g.told("out", "cong-chinh", 5 * kMin);
    ASSERT_EQ(g.flow.onDecoded(kAnCard).kind, ScanOutcome::Kind::Saving);
    EXPECT_EQ(g.session.saveStatus().direction, Direction::In);
  }
  {
    SameGate g;  // offline: no feed, B decides alone
    ASSERT_EQ(g.flow.onDecoded(kAnCard).kind, ScanOutcome::Kind::Saving);
    EXPECT_EQ(g.session.saveStatus().direction, Direction::In);
  }
}

// Phone B's clock a minute off either way: the server's clock (asOfMs) says how long ago it was.
TEST(Presence, ARepeatOnAnotherPhoneSurvivesAClockAMinuteOff) {
  {
    SameGate g;
    g.told("in", "cong-chinh", 150'000, g.now + 1 * kMin);  // B a minute slow: 2.5 min ago
    EXPECT_EQ(g.flow.onDecoded(kAnCard).kind, ScanOutcome::Kind::Duplicate);
  }
  {
    SameGate g;
    g.told("in", "cong-chinh", 150'000, g.now - 1 * kMin);  // B a minute fast: 2.5 min ago, not 3.5
    EXPECT_EQ(g.flow.onDecoded(kAnCard).kind, ScanOutcome::Kind::Duplicate);
  }
  {
    SameGate g;
    g.told("in", "cong-chinh", 240'000, g.now - 1 * kMin);  // 4 min ago by the server: not a repeat
    EXPECT_EQ(g.flow.onDecoded(kAnCard).kind, ScanOutcome::Kind::Saving);
  }
}

// Staff who mean the other direction say so ("RA" on the form, or "Ghi RA ngay" on the repeat):
// saved. This station's own entry in the feed is no "other phone" (its log has it).
TEST(Presence, TheOtherDirectionIsSavedAndTheStationsOwnEntryIsNoOtherPhone) {
  SameGate g;
  g.told("in", "cong-chinh", 1 * kMin);
  FieldErrors errors;
  EXPECT_TRUE(g.session.submitManual(ManualEntry{"Nguyễn Văn An", kCccd, "", "", Direction::Out}, errors));
  EXPECT_EQ(g.journal.size(), 1u);
  // Typed again on this phone, "RA" again: a repeat of its own entry, not of another phone's.
  EXPECT_FALSE(g.session.submitManual(ManualEntry{"Nguyễn Văn An", kCccd, "", "", Direction::Out}, errors));
  EXPECT_EQ(g.session.saveStatus().state, SaveStatus::State::Repeat);
  EXPECT_FALSE(g.session.saveStatus().onOtherPhone);
  EXPECT_EQ(g.journal.size(), 1u);
  ScanOutcome out = g.flow.onDecoded(kAnCard);
  ASSERT_TRUE(out.previous);
  EXPECT_EQ(out.previous->direction, Direction::Out) << "its own check-out is the newer";
  EXPECT_FALSE(out.previousOnOtherPhone);

  SameGate own;
  own.told("in", "cong-chinh", 1 * kMin, 0, /*own=*/true);
  EXPECT_EQ(own.flow.onDecoded(kAnCard).kind, ScanOutcome::Kind::Saving) << "not in its log: nothing to repeat";
}

// An offline "in" at this gate that the server read as the way out after another phone's "in" at
// the same gate: the reason names the other phone, not another gate, and a restart keeps it.
TEST(Presence, ACorrectionAfterAnotherPhoneAtTheSameGateSaysSo) {
  SameGate g;
  FieldErrors errors;
  ASSERT_TRUE(g.session.submitManual(ManualEntry{"Nguyễn Văn An", kCccd, "", "", Direction::In}, errors));
  const int64_t seq = g.session.saveStatus().seq;
  std::string answer =
      json{{"people", json::array()}, {"corrections", json::array({{{"seq", seq}, {"dir", "out"}, {"samePoint", true}}})}}
          .dump();
  PresencePoller poller(
      *g.b, [&](const std::string& r, std::function<void(bool)> done) { g.journal.push_back(r); done(true); },
      [&](const std::string&, const std::string&, const std::string&, std::function<void(const HttpReply&)> done) {
        done(HttpReply{200, answer});
      },
      [&] { return g.now; }, 0);
  poller.setOnCorrected([&](const DirectionCorrected& fix) { g.session.directionCorrected(fix); });
  poller.tick();
  EXPECT_TRUE(g.session.saveStatus().corrected);
  EXPECT_TRUE(g.session.saveStatus().onOtherPhone);
  auto c = g.b->log().find("st-b", seq);
  ASSERT_TRUE(c);
  EXPECT_TRUE(g.b->directionWasCorrected(*c));
  EXPECT_TRUE(g.b->correctedOnOtherPhone(*c));
  auto fix = decodeEvent(g.journal.back());
  ASSERT_TRUE(fix);
  EXPECT_TRUE(std::get<DirectionCorrected>(fix.value()).samePoint) << "journaled";
  // An older record (no "same") reads as another gate, as before.
  auto old = decodeEvent(R"({"t":"dirfix","device":"st-b","seq":1,"dir":"out","at":5})");
  ASSERT_TRUE(old);
  EXPECT_FALSE(std::get<DirectionCorrected>(old.value()).samePoint);
}

// Session 14: the pill needs to know whether a failure persists (connection.hpp): the poller
// counts the polls lost in a row since the last answer.
TEST(Presence, FailedAsksAreCountedInARowUntilAnAnswer) {
  auto b = gate("st-b", "cong-pct");
  HttpReply reply{0, ""};
  int64_t now = kMorning.utcMs;
  PresencePoller poller(
      *b, [](const std::string&, std::function<void(bool)> done) { done(true); },
      [&](const std::string&, const std::string&, const std::string&, std::function<void(const HttpReply&)> done) {
        done(reply);
      },
      [&] { return now; }, 0);
  EXPECT_EQ(poller.failuresInARow(), 0);
  poller.tick();
  EXPECT_EQ(poller.failuresInARow(), 1);
  now += 5000;
  reply = HttpReply{502, ""};
  poller.tick();
  EXPECT_EQ(poller.failuresInARow(), 2);
  now += 5000;
  reply = HttpReply{200, json{{"asOfMs", now}, {"people", json::array()}}.dump()};
  poller.tick();
  EXPECT_EQ(poller.failuresInARow(), 0) << "an answer ends the run";
  now += 5000;
  reply = HttpReply{0, ""};
  poller.tick();
  EXPECT_EQ(poller.failuresInARow(), 1);
}

// Two phones at one gate (session 16): "Đang ở trong" on phone B counted only the people B
// itself recorded. It now merges the server's last answer with B's own log by presence key,
// the newer entry winning, and says how many came in through another phone. Offline, the last
// answer stands (its time is shown).
TEST(Presence, InsideNowCountsTheVenuesPeopleFromTheServersLastAnswer) {
  auto b = gate("st-b", "cong-chinh");
  auto person = [](const char* key) {
    Person p = cccd();
    p.key = key;
    return p;
  };
  auto record = [&](const char* key, Direction d, int64_t agoMs) {
    auto e = b->prepareCheckIn(person(key), d, Instant{kMorning.utcMs - agoMs, 420});
    ASSERT_TRUE(e);
    ASSERT_TRUE(b->apply(e.value()));
  };
  record("001099000001", Direction::In, 30 * kMin);  // left later through gate A (below)
  record("001099000002", Direction::In, 2 * kMin);   // the server's older "in" of them is A's
  record("001099000003", Direction::In, 40 * kMin);  // still inside, the server has no newer
  EXPECT_EQ(b->today(kMorning).insideNow, 3) << "alone: B's own records";
  EXPECT_EQ(b->today(kMorning).insideViaOtherPhones, 0);

  auto key = [](const char* k) { return presenceKey("cho", k); };
  const int64_t answeredAt = kMorning.utcMs - 1 * kMin;
  b->setRemotePresence({{key("001099000001"), RemoteEntry{Direction::Out, kMorning.utcMs - 5 * kMin, "cong-a"}},
                        {key("001099000002"), RemoteEntry{Direction::In, kMorning.utcMs - 20 * kMin, "cong-chinh"}},
                        {key("001099000004"), RemoteEntry{Direction::In, kMorning.utcMs - 10 * kMin, "cong-chinh"}},
                        {key("001099000005"), RemoteEntry{Direction::In, kMorning.utcMs - 15 * kMin, "cong-a"}},
                        {key("001099000006"), RemoteEntry{Direction::Out, kMorning.utcMs - 3 * kMin, "cong-a"}},
                        // In longer ago than the venue's stay (120 min): that visit closed itself.
                        {key("001099000007"), RemoteEntry{Direction::In, kMorning.utcMs - 200 * kMin, "cong-a"}},
                        // B's own record, as the server read it: B's log already has it.
                        {key("001099000003"), RemoteEntry{Direction::In, kMorning.utcMs - 40 * kMin, "cong-chinh", true}}},
                       0, answeredAt);
  DaySummary d = b->today(kMorning);
  EXPECT_EQ(d.insideNow, 4) << "2 and 3 of B's, 4 and 5 through another phone; 1 left at gate A";
  EXPECT_EQ(d.insideViaOtherPhones, 2);
  EXPECT_EQ(d.serverAsOfMs, answeredAt) << "the answer's time, shown offline";
  EXPECT_EQ(d.checkInsToday, 3) << "B's own counts of entries stay B's";

  // Offline two hours later: the last answer stands, but visits past the stay close.
  const Instant later{kMorning.utcMs + 115 * kMin, 420};
  d = b->today(later);
  EXPECT_EQ(d.insideNow, 1) << "3, 4 and 5 came in more than 120 min ago; 2 remains";
  EXPECT_EQ(d.insideViaOtherPhones, 0);
}

// Session 16: the server's last presence answer was kept in memory only, so a reload while
// offline made phone B count only its own people in "Đang ở trong" until the server answered.
// It is kept beside the last answer's time: restored on the same day at the same venue, dropped
// the next day or once the station is set up for another venue.
TEST(Presence, TheLastPresenceAnswerOutlivesAReloadTheSameDay) {
  client::MemoryKeyValueStore page;
  auto key = [](const char* k) { return presenceKey("cho", k); };
  const int64_t answeredAt = kMorning.utcMs - 1 * kMin;
  {
    auto b = gate("st-b", "cong-chinh");
    LastAnswerKeeper keeper(*b, page, [] { return kMorning; });
    keeper.restore(kMorning);
    b->setRemotePresence({{key("001099000004"), RemoteEntry{Direction::In, kMorning.utcMs - 10 * kMin, "cong-chinh"}},
                          {key("001099000005"), RemoteEntry{Direction::In, kMorning.utcMs - 15 * kMin, "cong-a"}},
                          {key("001099000006"), RemoteEntry{Direction::Out, kMorning.utcMs - 3 * kMin, "cong-a"}}},
                         0, answeredAt);
    b->serverAnswered(answeredAt);
    keeper.tick();
    ASSERT_EQ(b->today(kMorning).insideViaOtherPhones, 2);
  }
  const std::string kept = page.get("dq-last-presence");
  EXPECT_EQ(kept.find("001099000004"), std::string::npos) << "hashed keys only, no ID numbers";
  EXPECT_EQ(kept.find("Nguy"), std::string::npos) << "no names";
  // Reloaded offline, half an hour later: the same count, as of the same answer.
  const Instant later{kMorning.utcMs + 30 * kMin, 420};
  auto again = gate("st-b", "cong-chinh");
  LastAnswerKeeper keeper(*again, page, [&] { return later; });
  keeper.restore(later);
  DaySummary d = again->today(later);
  EXPECT_EQ(d.insideNow, 2) << "the people who came in through the other phones";
  EXPECT_EQ(d.insideViaOtherPhones, 2);
  EXPECT_EQ(d.serverAsOfMs, answeredAt) << "\"theo máy chủ lúc hh:mm\": the answer's own time";
  EXPECT_EQ(again->suggestDirection("001099000004", later), Direction::Out) << "a scan here checks them out";
  keeper.tick();
  EXPECT_EQ(page.get("dq-last-presence"), kept) << "a restored answer is not rewritten";

  // The next morning, before the server answers: a new day starts from nothing, and the kept
  // people are dropped.
  const Instant nextDay{kMorning.utcMs + 24 * 60 * kMin, 420};
  auto tomorrow = gate("st-b", "cong-chinh");
  LastAnswerKeeper dayKeeper(*tomorrow, page, [&] { return nextDay; });
  dayKeeper.restore(nextDay);
  EXPECT_TRUE(tomorrow->remotePresence().empty());
  EXPECT_EQ(tomorrow->today(nextDay).serverAsOfMs, 0);
  EXPECT_EQ(page.get("dq-last-presence"), "");
}

TEST(Presence, TheKeptPresenceIsDroppedForAnotherVenue) {
  client::MemoryKeyValueStore page;
  {
    auto b = gate("st-b", "cong-chinh");
    LastAnswerKeeper keeper(*b, page, [] { return kMorning; });
    keeper.restore(kMorning);
    b->setRemotePresence({{presenceKey("cho", "001099000004"), RemoteEntry{Direction::In, kMorning.utcMs - kMin, "cong-a"}}},
                         0, kMorning.utcMs);
    b->serverAnswered(kMorning.utcMs);
    keeper.tick();
  }
  // The same phone, set up for another venue: the old venue's people neither count nor stay.
  auto moved = gate("st-b", "cong-chinh");
  StationSettings s = moved->settings();
  s.venue = Venue{"nha-van-hoa", "Nhà văn hoá", "Quận 1", "hall", 40, 120};
  s.scanPoint = ScanPoint{"cua-1", "nha-van-hoa", "Cửa 1"};
  ASSERT_TRUE(moved->apply(moved->prepareSettings(s)));
  LastAnswerKeeper keeper(*moved, page, [] { return kMorning; });
  keeper.restore(kMorning);
  EXPECT_TRUE(moved->remotePresence().empty());
  EXPECT_EQ(moved->today(kMorning).insideNow, 0);
  EXPECT_EQ(page.get("dq-last-presence"), "");

  // Set up for another venue while running: the answer in memory stops counting at once.
  auto running = gate("st-b", "cong-chinh");
  running->setRemotePresence({{presenceKey("cho", "001099000004"), RemoteEntry{Direction::In, kMorning.utcMs - kMin, "cong-a"}}},
                             0, kMorning.utcMs);
  ASSERT_EQ(running->today(kMorning).insideNow, 1);
  ASSERT_TRUE(running->apply(running->prepareSettings(s)));
  EXPECT_EQ(running->today(kMorning).insideNow, 0);
  EXPECT_EQ(running->today(kMorning).serverAsOfMs, 0);
}

// A busy gate's answer: only the latest kMaxKeptPeople entries are kept (the store is small).
TEST(Presence, TheKeptPresenceIsBounded) {
  client::MemoryKeyValueStore page;
  std::map<std::string, RemoteEntry> many;
  const int n = int(kMaxKeptPeople) + 1500;
  for (int i = 0; i < n; ++i)
    many[presenceKey("cho", std::to_string(100000 + i))] = RemoteEntry{Direction::In, kMorning.utcMs - (n - i) * 1000LL, "cong-a"};
  {
    auto b = gate("st-b", "cong-chinh");
    LastAnswerKeeper keeper(*b, page, [] { return kMorning; });
    keeper.restore(kMorning);
    b->setRemotePresence(many, 0, kMorning.utcMs);
    b->serverAnswered(kMorning.utcMs);
    keeper.tick();
  }
  EXPECT_LT(page.get("dq-last-presence").size(), kMaxKeptPeople * 100);
  auto again = gate("st-b", "cong-chinh");
  LastAnswerKeeper keeper(*again, page, [] { return kMorning; });
  keeper.restore(kMorning);
  ASSERT_EQ(again->remotePresence().size(), kMaxKeptPeople);
  EXPECT_TRUE(again->remotePresence().count(presenceKey("cho", std::to_string(100000 + n - 1)))) << "the latest kept";
  EXPECT_FALSE(again->remotePresence().count(presenceKey("cho", "100000"))) << "the oldest left out";
}
