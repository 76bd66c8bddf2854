#include "scan_flow.hpp"

#include <gtest/gtest.h>

#include <deque>

using namespace diemquet;

namespace {

// A journal that commits when told to, like IndexedDB does some milliseconds later.
struct FakeJournal {
  std::vector<std::string> records;
  std::deque<std::pair<std::string, std::function<void(bool)>>> pending;
  void commitAll(bool ok = true) {
    while (!pending.empty()) {
      auto [rec, done] = std::move(pending.front());
      pending.pop_front();
      if (ok) records.push_back(rec);
      done(ok);
    }
  }
};

struct Fixture {
  FakeJournal journal;
  Instant now{1764036000000LL, 420};
  std::unique_ptr<Station> station = std::move(Station::create()).value();
  StationSession session{*station,
                         [this](const std::string& r, std::function<void(bool)> d) { journal.pending.emplace_back(r, std::move(d)); },
                         [this] { return now; }};
  ScanFlow flow{session};
  Fixture() {
    StationSettings s;
    s.deviceId = "st-flow";
    s.venue = Venue{"v1", "Chợ", "", "market", 10, 120};
    s.scanPoint = ScanPoint{"sp1", "v1", "Cổng"};
    session.saveSettings(s);
    journal.commitAll();
  }
};

const char* kCccd = "001099012345|012345678|Nguyễn Văn An|15081999|Nam|Số 1 Phố Giả, Hà Nội|20042021";
const char* kCccd2 = "079199001234||Trần Thị Bình|01011999|Nữ|12 Đường Mẫu, Quận 3, TP. Hồ Chí Minh|10052021";

}  // namespace

TEST(ScanFlow, CardBecomesACheckInWithoutATap) {
  Fixture f;
  auto out = f.flow.onDecoded(kCccd);
  ASSERT_EQ(out.kind, ScanOutcome::Kind::Saving);
  EXPECT_EQ(f.session.saveStatus().state, SaveStatus::State::Saving);
  f.journal.commitAll();
  EXPECT_EQ(f.session.saveStatus().state, SaveStatus::State::Saved);
  EXPECT_EQ(f.station->totalCount(), 1);
  auto c = f.station->recent(1).at(0);
  EXPECT_EQ(c.person.displayName, "Nguyễn Văn An");
  EXPECT_EQ(c.person.birthYear, 1999);
  EXPECT_EQ(c.direction, Direction::In);
}

TEST(ScanFlow, SameCardWithinTenSecondsIsIgnored) {
  Fixture f;
  f.flow.onDecoded(kCccd);
  f.journal.commitAll();
  for (int i = 0; i < 20; ++i) {  // the camera sees it in frame after frame
    f.now.utcMs += 400;
    EXPECT_EQ(f.flow.onDecoded(kCccd).kind, ScanOutcome::Kind::Duplicate);
  }
  EXPECT_EQ(f.station->totalCount(), 1);
  // Another person in between is saved at once.
  EXPECT_EQ(f.flow.onDecoded(kCccd2).kind, ScanOutcome::Kind::Saving);
  f.journal.commitAll();
  EXPECT_EQ(f.station->totalCount(), 2);
}

TEST(ScanFlow, TheSamePersonLaterIsCheckedOut) {
  Fixture f;
  f.flow.onDecoded(kCccd);
  f.journal.commitAll();
  f.now.utcMs += kDefaultRepeatWindowMinutes * 60000 + 1000;
  ASSERT_EQ(f.flow.onDecoded(kCccd).kind, ScanOutcome::Kind::Saving);
  f.journal.commitAll();
  EXPECT_EQ(f.station->recent(1).at(0).direction, Direction::Out);
  EXPECT_EQ(f.station->today(f.now).insideNow, 0);
}

TEST(ScanFlow, FlipReplacesTheDirection) {
  Fixture f;
  f.flow.onDecoded(kCccd);
  f.journal.commitAll();
  ASSERT_TRUE(f.flow.flipLast());
  f.journal.commitAll();
  DaySummary d = f.station->today(f.now);
  EXPECT_EQ(d.checkInsToday, 0);
  EXPECT_EQ(d.checkOutsToday, 1);
}

TEST(ScanFlow, OtherCodesAreRejectedAndSaveNothing) {
  Fixture f;
  for (const char* text : {"https://example.com/", "", "000201010211...", "\xC3\x28"}) {
    auto out = f.flow.onDecoded(text);
    EXPECT_EQ(out.kind, ScanOutcome::Kind::Rejected) << text;
    ASSERT_TRUE(out.error.has_value());
  }
  EXPECT_EQ(f.station->totalCount(), 0);
  EXPECT_EQ(f.journal.pending.size(), 0u);
}

TEST(ScanFlow, PosterIsReportedNotSaved) {
  Fixture f;
  auto out = f.flow.onDecoded("https://diemquet.example.vn/v#1.v1.sp1.k1.0.AAAA");
  EXPECT_EQ(out.kind, ScanOutcome::Kind::Poster);
  EXPECT_EQ(f.station->totalCount(), 0);
}

TEST(ScanFlow, FailedJournalWriteIsNotSaved) {
  Fixture f;
  f.flow.onDecoded(kCccd);
  f.journal.commitAll(false);
  EXPECT_EQ(f.session.saveStatus().state, SaveStatus::State::Failed);
  EXPECT_EQ(f.station->totalCount(), 0);
}

TEST(ScanFlow, AFailedSaveCanBeRetriedAtOnce) {
  Fixture f;
  f.flow.onDecoded(kCccd);
  f.journal.commitAll(false);
  EXPECT_EQ(f.flow.onDecoded(kCccd).kind, ScanOutcome::Kind::Saving);
  f.journal.commitAll();
  EXPECT_EQ(f.station->totalCount(), 1);
}

// Session 9 walk: a card scanned in, then a manual entry refused (its status "not saved"), then
// the same card shown again within the repeat window: it was checked OUT silently, as if its
// own save had failed. It is a repeat, and nothing is saved.
TEST(ScanFlow, ARefusedManualEntryDoesNotTurnTheLastCardsRepeatIntoACheckOut) {
  Fixture f;
  f.flow.onDecoded(kCccd);
  f.journal.commitAll();
  FieldErrors errors;
  EXPECT_FALSE(f.session.submitManual(ManualEntry{}, errors));
  EXPECT_EQ(f.session.saveStatus().state, SaveStatus::State::Failed);
  f.now.utcMs += 60000;  // past the camera's 10 s, inside the 3 minutes' repeat window
  auto again = f.flow.onDecoded(kCccd);
  EXPECT_EQ(again.kind, ScanOutcome::Kind::Duplicate);
  f.journal.commitAll();
  EXPECT_EQ(f.station->totalCount(), 1);
}

TEST(ScanFlow, AQueueOfCardsRepeatingInViewIsSavedOncePerCard) {
  Fixture f;
  // Two cards alternating in front of the camera for 8 s: two check-ins, not more.
  for (int i = 0; i < 20; ++i) {
    f.flow.onDecoded(i % 2 ? kCccd2 : kCccd);
    f.journal.commitAll();
    f.now.utcMs += 400;
  }
  EXPECT_EQ(f.station->totalCount(), 2);
}

TEST(ScanFlow, UndoneScanCanBeScannedAgain) {
  Fixture f;
  f.flow.onDecoded(kCccd);
  f.journal.commitAll();
  ASSERT_TRUE(f.session.undoLast());
  f.journal.commitAll();
  f.flow.forgetRecent();
  EXPECT_EQ(f.flow.onDecoded(kCccd).kind, ScanOutcome::Kind::Saving);
}

// Session 9: the undo went after 10 s while the save line offering it stayed 15 s. Both last
// kSaveLineMs now: the undo still works the moment before the line goes, not after.
TEST(ScanFlow, TheUndoLastsAsLongAsTheSaveLine) {
  Fixture f;
  f.flow.onDecoded(kCccd);
  f.journal.commitAll();
  f.now.utcMs += kSaveLineMs;
  EXPECT_TRUE(f.session.canUndo()) << "the line is still on screen, so is its undo";
  f.now.utcMs += 1;
  EXPECT_FALSE(f.session.canUndo()) << "the line is gone, so is its undo";
  f.now.utcMs -= 1;
  EXPECT_TRUE(f.session.undoLast());
}

TEST(ScanFlow, ClosingTheDayOffersNoSingleUndo) {
  Fixture f;
  f.flow.onDecoded(kCccd);
  f.flow.onDecoded(kCccd2);
  f.journal.commitAll();
  f.now.utcMs += 60000;
  EXPECT_EQ(f.session.closeDay(), 2);
  f.journal.commitAll();
  EXPECT_EQ(f.station->today(f.now).insideNow, 0);
  EXPECT_FALSE(f.session.canUndo());
}

// Issue #12 defect 2: a card shown again 30 s after its check-in became a silent check-out.
// Within the repeat window it is a repeat: reported with the entry it repeats, nothing saved.
TEST(ScanFlow, ACardShownAgainSoonAfterItsCheckInIsARepeatNotACheckOut) {
  Fixture f;
  f.flow.onDecoded(kCccd);
  f.journal.commitAll();
  for (int64_t later : {11000, 30000, 2 * 60000}) {
    f.now.utcMs += later;
    auto out = f.flow.onDecoded(kCccd);
    ASSERT_EQ(out.kind, ScanOutcome::Kind::Duplicate) << later;
    ASSERT_TRUE(out.previous.has_value());
    EXPECT_EQ(out.previous->direction, Direction::In);
    ASSERT_TRUE(out.payload.has_value());
    EXPECT_EQ(out.payload->person.displayName, "Nguyễn Văn An");
    f.now.utcMs -= later;
  }
  EXPECT_EQ(f.station->totalCount(), 1);
  EXPECT_EQ(f.station->today(f.now).insideNow, 1);
}

TEST(ScanFlow, TheCameraStillSeeingACardReportsTheRepeatToo) {
  Fixture f;
  f.flow.onDecoded(kCccd);
  f.journal.commitAll();
  f.now.utcMs += 400;
  auto out = f.flow.onDecoded(kCccd);
  EXPECT_EQ(out.kind, ScanOutcome::Kind::Duplicate);
  ASSERT_TRUE(out.payload.has_value());  // the UI can name the person ("Đã quét: …")
  ASSERT_TRUE(out.previous.has_value());
}

TEST(ScanFlow, TheRepeatWindowIsAStationSetting) {
  Fixture f;
  StationSettings s = f.station->settings();
  s.repeatWindowMinutes = 0;  // every re-show after the camera's 10 s is an exit
  f.session.saveSettings(s);
  f.journal.commitAll();
  f.flow.onDecoded(kCccd);
  f.journal.commitAll();
  f.now.utcMs += 11000;
  EXPECT_EQ(f.flow.onDecoded(kCccd).kind, ScanOutcome::Kind::Saving);
  f.journal.commitAll();
  EXPECT_EQ(f.station->recent(1).at(0).direction, Direction::Out);
  // The setting survives the journal: a replayed station keeps it.
  auto replayed = std::move(Station::create()).value();
  for (const std::string& r : f.journal.records) replayed->replay(r);
  replayed->finishReplay();
  EXPECT_EQ(replayed->settings().repeatWindowMinutes, 0);
}

TEST(ScanFlow, StaffCanRecordARepeatAsACheckOut) {
  Fixture f;
  f.flow.onDecoded(kCccd);
  f.journal.commitAll();
  f.now.utcMs += 30000;
  auto out = f.flow.onDecoded(kCccd);
  ASSERT_EQ(out.kind, ScanOutcome::Kind::Duplicate);
  ASSERT_TRUE(f.flow.recordRepeatAsOther(out));
  f.journal.commitAll();
  EXPECT_EQ(f.station->recent(1).at(0).direction, Direction::Out);
  EXPECT_EQ(f.station->today(f.now).insideNow, 0);
  EXPECT_TRUE(f.flow.statusIsLastCard());
}

// Issue #12 defect 4: after a failed save the previous person's "saved" status (and its undo)
// stayed; undo would have taken back someone else.
TEST(ScanFlow, ARefusedManualEntryReplacesTheLastSavedStatus) {
  Fixture f;
  f.flow.onDecoded(kCccd);
  f.journal.commitAll();
  ASSERT_TRUE(f.session.canUndo());
  FieldErrors errors;
  ManualEntry bad{"Trần Văn Đức", "123", "", "", Direction::In};  // a 3-digit CCCD
  EXPECT_FALSE(f.session.submitManual(bad, errors));
  EXPECT_EQ(f.session.saveStatus().state, SaveStatus::State::Failed);
  EXPECT_EQ(f.session.saveStatus().displayName, "Trần Văn Đức");
  EXPECT_FALSE(f.session.canUndo());
  EXPECT_FALSE(f.session.undoLast());
  EXPECT_FALSE(f.flow.statusIsLastCard());  // the scan screen offers no undo of An either
  EXPECT_FALSE(f.flow.flipLast());
  EXPECT_EQ(f.station->totalCount(), 1);
}

TEST(ScanFlow, AManualSaveAfterAScanTakesUndoAwayFromTheScanScreen) {
  Fixture f;
  f.flow.onDecoded(kCccd);
  f.journal.commitAll();
  EXPECT_TRUE(f.flow.statusIsLastCard());
  FieldErrors errors;
  ASSERT_TRUE(f.session.submitManual(ManualEntry{"Trần Văn Đức", "", "0901234567", "", Direction::In}, errors));
  f.journal.commitAll();
  EXPECT_FALSE(f.flow.statusIsLastCard());
  EXPECT_FALSE(f.flow.flipLast());
}

// Session 12: a repeat typed by hand ("Đã quét", nothing saved) replaced the last save in the
// status, so once its band went Today's quiet line ("Lần lưu trước") had nobody to name. The
// last real save stays known beside the repeat and beside a refusal.
TEST(ScanFlow, ARepeatByHandKeepsTheLastSaveKnown) {
  Fixture f;
  FieldErrors errors;
  const ManualEntry anh{"Trần Thị Ánh", "", "0912345678", "", Direction::In};
  EXPECT_EQ(f.session.lastSaved().state, SaveStatus::State::Idle) << "nothing saved yet";
  ASSERT_TRUE(f.session.submitManual(anh, errors));
  f.journal.commitAll();
  const SaveStatus saved = f.session.saveStatus();
  ASSERT_EQ(saved.state, SaveStatus::State::Saved);
  EXPECT_EQ(f.session.lastSaved().serial, saved.serial);

  f.now.utcMs += 60000;
  EXPECT_FALSE(f.session.submitManual(anh, errors));
  EXPECT_TRUE(errors.errors.empty());
  ASSERT_EQ(f.session.saveStatus().state, SaveStatus::State::Repeat);
  const SaveStatus& last = f.session.lastSaved();
  EXPECT_EQ(last.state, SaveStatus::State::Saved);
  EXPECT_EQ(last.displayName, "Trần Thị Ánh");
  EXPECT_EQ(last.direction, Direction::In);
  EXPECT_EQ(last.seq, saved.seq);
  EXPECT_EQ(last.at.utcMs, saved.at.utcMs) << "the time of the save, not of the repeat";
  EXPECT_FALSE(f.session.canUndo()) << "the repeat's line offers no undo of Ánh";

  // Refused: still Ánh.
  EXPECT_FALSE(f.session.submitManual(ManualEntry{}, errors));
  EXPECT_EQ(f.session.saveStatus().state, SaveStatus::State::Failed);
  EXPECT_EQ(f.session.lastSaved().seq, saved.seq);
  // The server's timeline turns Ánh's entry into the way out: the quiet line follows it.
  f.session.directionCorrected(DirectionCorrected{"st-flow", saved.seq, Direction::Out, f.now.utcMs, false});
  EXPECT_EQ(f.session.lastSaved().direction, Direction::Out);
  EXPECT_TRUE(f.session.lastSaved().corrected);
  EXPECT_EQ(f.session.saveStatus().state, SaveStatus::State::Failed) << "the refusal's line stays as it was";
}

// A save still in flight when a repeat takes the status line is the last save once committed;
// a save that fails is none.
TEST(ScanFlow, ASaveCommittedAfterARepeatIsTheLastSave) {
  Fixture f;
  FieldErrors errors;
  const ManualEntry anh{"Trần Thị Ánh", "", "0912345678", "", Direction::In};
  ASSERT_TRUE(f.session.submitManual(anh, errors));
  f.journal.commitAll();
  f.flow.onDecoded(kCccd);  // An, not yet committed
  EXPECT_FALSE(f.session.submitManual(anh, errors));
  ASSERT_EQ(f.session.saveStatus().state, SaveStatus::State::Repeat);
  EXPECT_EQ(f.session.lastSaved().displayName, "Trần Thị Ánh") << "An is not saved yet";
  f.journal.commitAll();
  EXPECT_EQ(f.session.saveStatus().state, SaveStatus::State::Repeat) << "the repeat keeps the line";
  EXPECT_EQ(f.session.lastSaved().displayName, "Nguyễn Văn An");
  EXPECT_EQ(f.session.lastSaved().state, SaveStatus::State::Saved);

  f.flow.onDecoded(kCccd2);  // Bình, whose journal write fails
  EXPECT_FALSE(f.session.submitManual(anh, errors));
  f.journal.commitAll(false);
  EXPECT_EQ(f.session.lastSaved().displayName, "Nguyễn Văn An");
}

// Session 13: a save whose journal write failed after a repeat had taken the status line (or a
// later person's save had) said nothing: the line kept the repeat, the person was not recorded
// and nobody knew. A lost save always takes the line, in red, about its own person; the card
// shown again is tried again.
TEST(ScanFlow, ASaveLostAfterARepeatTookTheLineSaysSo) {
  Fixture f;
  FieldErrors errors;
  const ManualEntry anh{"Trần Thị Ánh", "", "0912345678", "", Direction::In};
  ASSERT_TRUE(f.session.submitManual(anh, errors));
  f.journal.commitAll();
  f.flow.onDecoded(kCccd);  // An, not yet committed
  EXPECT_FALSE(f.session.submitManual(anh, errors));
  ASSERT_EQ(f.session.saveStatus().state, SaveStatus::State::Repeat);
  f.journal.commitAll(false);  // An's write fails
  const SaveStatus& st = f.session.saveStatus();
  EXPECT_EQ(st.state, SaveStatus::State::Failed) << "the lost save is not shown";
  EXPECT_EQ(st.displayName, "Nguyễn Văn An");
  EXPECT_FALSE(st.refused) << "lost by the journal, not refused";
  EXPECT_EQ(f.session.lastSaved().displayName, "Trần Thị Ánh");
  EXPECT_TRUE(f.flow.statusIsLastCard()) << "the scan screen shows it as its card's failure";
  f.now.utcMs += 2000;
  EXPECT_EQ(f.flow.onDecoded(kCccd).kind, ScanOutcome::Kind::Saving) << "shown again, the card is tried again";
  f.journal.commitAll();
  EXPECT_EQ(f.station->totalCount(), 2);
}

TEST(ScanFlow, ASaveLostAfterALaterSaveCommittedSaysSo) {
  Fixture f;
  f.flow.onDecoded(kCccd);   // An
  f.flow.onDecoded(kCccd2);  // Bình, whose save owns the line
  ASSERT_EQ(f.journal.pending.size(), 2u);
  auto an = std::move(f.journal.pending.front());
  f.journal.pending.pop_front();
  f.journal.commitAll();  // Bình is saved first...
  ASSERT_EQ(f.session.saveStatus().state, SaveStatus::State::Saved);
  an.second(false);  // ...then An's write fails
  EXPECT_EQ(f.session.saveStatus().state, SaveStatus::State::Failed);
  EXPECT_EQ(f.session.saveStatus().displayName, "Nguyễn Văn An");
  EXPECT_EQ(f.session.lastSaved().displayName, "Trần Thị Bình") << "Bình stays the last one recorded";
  EXPECT_FALSE(f.session.canUndo()) << "no undo offered beside An's failure";
}

// Session 14: after a save lost by the journal took the line, Scan's quiet line about the last
// card saved read "Lần quét trước: T. B. Bình" with no "VÀO 07:02": the card's save was known
// only while it held the line. It is still the last save recorded: its direction and time stay.
TEST(ScanFlow, TheLastCardsSaveStaysKnownAfterALostSaveTookTheLine) {
  Fixture f;
  f.flow.onDecoded(kCccd);   // An
  f.flow.onDecoded(kCccd2);  // Bình, the last card
  auto an = std::move(f.journal.pending.front());
  f.journal.pending.pop_front();
  f.journal.commitAll();  // Bình is saved...
  ASSERT_NE(f.flow.lastCardSave(), nullptr);
  const uint64_t binh = f.flow.lastCardSave()->serial;
  an.second(false);  // ...then An's write fails and takes the line
  ASSERT_TRUE(f.session.saveStatus().lost());
  const SaveStatus* save = f.flow.lastCardSave();
  ASSERT_NE(save, nullptr) << "Bình's save is still the last one recorded";
  EXPECT_EQ(save->serial, binh);
  EXPECT_EQ(save->state, SaveStatus::State::Saved);
  EXPECT_EQ(save->displayName, "Trần Thị Bình");
  EXPECT_EQ(save->direction, Direction::In);
  EXPECT_FALSE(f.flow.statusIsLastCard()) << "no undo or flip of Bình beside An's failure";
  // A later save by hand replaces it: the card's direction is no longer known to the session.
  FieldErrors errors;
  ASSERT_TRUE(f.session.submitManual(ManualEntry{"Lê Văn Tám", "", "0901234567", "", Direction::In}, errors));
  f.journal.commitAll();
  EXPECT_EQ(f.flow.lastCardSave(), nullptr);
}

// Session 14: a card held up to a station not set up (read several times a second) was news
// at every read, and beeped the error each time. The same text again is told apart: still in
// view, or shown again; another code, or a card saved in between, is news.
TEST(ScanFlow, TheSameCodeThatSavedNothingIsToldApartWhenReadAgain) {
  FakeJournal journal;
  Instant now{1764036000000LL, 420};
  auto station = std::move(Station::create()).value();
  StationSession session{*station, [&](const std::string& r, std::function<void(bool)> d) { journal.pending.emplace_back(r, std::move(d)); },
                         [&] { return now; }};
  ScanFlow flow{session};
  auto first = flow.onDecoded(kCccd);
  ASSERT_EQ(first.kind, ScanOutcome::Kind::NotConfigured);
  EXPECT_FALSE(first.sameCodeAgain);
  now.utcMs += 200;
  auto held = flow.onDecoded(kCccd);
  EXPECT_TRUE(held.sameCodeAgain);
  EXPECT_TRUE(held.stillInView) << "read again 200 ms later: never left the view";
  now.utcMs += 3000;
  auto again = flow.onDecoded(kCccd);
  EXPECT_TRUE(again.sameCodeAgain);
  EXPECT_FALSE(again.stillInView) << "taken away and shown again";
  EXPECT_FALSE(flow.onDecoded(kCccd2).sameCodeAgain) << "another person";
  now.utcMs += 100;
  auto junk = flow.onDecoded("not a card");
  ASSERT_EQ(junk.kind, ScanOutcome::Kind::Rejected);
  EXPECT_FALSE(junk.sameCodeAgain);
  now.utcMs += 100;
  EXPECT_TRUE(flow.onDecoded("not a card").stillInView) << "a refused code held up, too";
  EXPECT_EQ(station->totalCount(), 0);
}

// A refusal is told apart from a lost save (its line goes quiet after kSaveLineMs; a lost
// save's stays), and a check-in typed with an earlier "Giờ" keeps that time for the lines.
TEST(ScanFlow, ARefusalIsNoLostSaveAndATypedTimeIsTheEntrysTime) {
  Fixture f;
  FieldErrors errors;
  EXPECT_FALSE(f.session.submitManual(ManualEntry{"Lê Văn Tám", "", "12", "", Direction::In}, errors));
  EXPECT_EQ(f.session.saveStatus().state, SaveStatus::State::Failed);
  EXPECT_TRUE(f.session.saveStatus().refused);
  // 07:00 local (UTC+7) is 00:00 UTC; typed "06:30" at 07:00.
  f.now = Instant{1764028800000LL, 420};
  ASSERT_TRUE(f.session.submitManual(ManualEntry{"Lê Văn Tám", "", "0901234567", "06:30", Direction::In}, errors));
  f.journal.commitAll();
  const SaveStatus& st = f.session.saveStatus();
  ASSERT_EQ(st.state, SaveStatus::State::Saved);
  EXPECT_EQ(formatLocalTime(st.entryAt), "06:30") << "the typed time, as Today's list shows it";
  EXPECT_EQ(formatLocalTime(st.at), "07:00") << "the line's 15 s count from the commit";
  EXPECT_EQ(f.station->recent(1).at(0).at.utcMs, st.entryAt.utcMs);
}

// Session 13: a refused entry's red line never went, and "Lần lưu trước" never came back. It
// is news for kSaveLineMs, as a save and a repeat are; a lost save stays until the next action.
TEST(ScanFlow, ARefusalsLineGoesQuietALostSavesStays) {
  Fixture f;
  FieldErrors errors;
  EXPECT_FALSE(f.session.submitManual(ManualEntry{"Lê Văn Tám", "", "12", "", Direction::In}, errors));
  const Instant refusedAt = f.now;
  EXPECT_TRUE(saveLineUp(f.session.saveStatus(), refusedAt));
  EXPECT_TRUE(saveLineUp(f.session.saveStatus(), Instant{refusedAt.utcMs + kSaveLineMs, 420}));
  EXPECT_FALSE(saveLineUp(f.session.saveStatus(), Instant{refusedAt.utcMs + kSaveLineMs + 1, 420}));
  f.flow.onDecoded(kCccd);
  EXPECT_TRUE(saveLineUp(f.session.saveStatus(), Instant{f.now.utcMs + 3600000, 420})) << "saving";
  f.journal.commitAll(false);
  EXPECT_TRUE(saveLineUp(f.session.saveStatus(), Instant{f.now.utcMs + 3600000, 420})) << "a lost save stays";
}

// Session 14: a manual entry that repeated someone's entry offered no way to record the way
// out, as Scan does for a card shown again ("Ghi RA ngay"). The form offers it; it records the
// other direction once (a double tap's second tap finds the line no longer a repeat).
TEST(ScanFlow, ARepeatByHandCanBeRecordedAsTheWayOutOnce) {
  Fixture f;
  FieldErrors errors;
  const ManualEntry anh{"Trần Thị Ánh", "", "0912345678", "", Direction::In};
  EXPECT_FALSE(f.session.recordRepeatAsOther()) << "no repeat yet";
  ASSERT_TRUE(f.session.submitManual(anh, errors));
  f.journal.commitAll();
  EXPECT_FALSE(f.session.recordRepeatAsOther()) << "the line speaks of a save, not a repeat";
  f.now.utcMs += 60000;
  EXPECT_FALSE(f.session.submitManual(anh, errors));
  ASSERT_EQ(f.session.saveStatus().state, SaveStatus::State::Repeat);

  EXPECT_TRUE(f.session.recordRepeatAsOther());
  EXPECT_FALSE(f.session.recordRepeatAsOther()) << "the second tap of a double tap";
  f.journal.commitAll();
  const SaveStatus& st = f.session.saveStatus();
  EXPECT_EQ(st.state, SaveStatus::State::Saved);
  EXPECT_EQ(st.direction, Direction::Out);
  EXPECT_EQ(st.displayName, "Trần Thị Ánh");
  EXPECT_EQ(f.station->totalCount(), 2) << "one entry, one exit";
  EXPECT_EQ(f.station->recent(1).at(0).direction, Direction::Out);
  EXPECT_EQ(f.station->today(f.now).insideNow, 0);
  EXPECT_FALSE(f.session.recordRepeatAsOther()) << "after the save, nothing more";
}
