// The top-bar pill: it says "online" only when scans can reach the server (a phone that was
// never enrolled showed a green "Trực tuyến" above "Chưa kết nối máy chủ").
#include "sync/connection.hpp"

#include <gtest/gtest.h>

using namespace diemquet::sync;

namespace {
// Started at 1000, the server answered at 5000, it is 6000 now.
const ServerContact kAnswered{1000, 5000, 0, 6000};
}  // namespace

TEST(Connection, NoNetworkIsOfflineWhateverElse) {
  EXPECT_EQ(connectionOf(true, false, SyncPhase::Idle, SyncProblem::None, kAnswered), Connection::Offline);
  EXPECT_EQ(connectionOf(false, false, SyncPhase::NotEnrolled, SyncProblem::None, kAnswered), Connection::Offline);
}

TEST(Connection, NotEnrolledIsLocalOnlyEvenWithANetwork) {
  EXPECT_EQ(connectionOf(false, true, SyncPhase::NotEnrolled, SyncProblem::None, kAnswered), Connection::LocalOnly);
}

TEST(Connection, EnrolledAndUploadingOrIdleIsOnline) {
  EXPECT_EQ(connectionOf(true, true, SyncPhase::Idle, SyncProblem::None, kAnswered), Connection::Online);
  EXPECT_EQ(connectionOf(true, true, SyncPhase::Uploading, SyncProblem::None, kAnswered), Connection::Online);
}

TEST(Connection, FailedUploadsWithANetworkAreServerTrouble) {
  const ServerContact failedTwice{1000, 5000, 0, 6000, 0, 2};
  EXPECT_EQ(connectionOf(true, true, SyncPhase::Waiting, SyncProblem::Offline, failedTwice), Connection::ServerTrouble);
  EXPECT_EQ(connectionOf(true, true, SyncPhase::Waiting, SyncProblem::ServerError, failedTwice), Connection::ServerTrouble);
  // A refusal is the server's word, not a network's hiccup: said at once.
  EXPECT_EQ(connectionOf(true, true, SyncPhase::Waiting, SyncProblem::Refused, kAnswered), Connection::ServerTrouble);
  // The phone's own storage failing is not the server's fault.
  EXPECT_EQ(connectionOf(true, true, SyncPhase::Waiting, SyncProblem::Storage, kAnswered), Connection::Online);
}

// Session 15: as for the polls, one upload lost on a poor network turned the pill orange until the
// retry. Once is no news: the pill says what it said; a second failure in a row, or more than
// kTroubleAfterMs without an answer, is trouble.
TEST(Connection, OneFailedUploadIsNoTroubleYet) {
  const auto waiting = [](SyncProblem p, ServerContact c) { return connectionOf(true, true, SyncPhase::Waiting, p, c); };
  EXPECT_EQ(waiting(SyncProblem::Offline, {1000, 5000, 0, 6000, 0, 1}), Connection::Online) << "one upload lost";
  EXPECT_EQ(waiting(SyncProblem::ServerError, {1000, 5000, 0, 6000, 0, 1}), Connection::Online) << "one 503";
  EXPECT_EQ(waiting(SyncProblem::Offline, {1000, 900, 0, 1500, 0, 1}), Connection::Connecting) << "reloaded, the first upload lost";
  EXPECT_EQ(waiting(SyncProblem::Offline, {1000, 5000, 0, 5000 + kTroubleAfterMs + 1, 0, 1}), Connection::ServerTrouble)
      << "and nothing heard for longer than kTroubleAfterMs";
  EXPECT_EQ(waiting(SyncProblem::Offline, {1000, 5000, 0, 6000, 0, 2}), Connection::ServerTrouble) << "two in a row";
}

TEST(Connection, RevokedNeedsANewCode) {
  EXPECT_EQ(connectionOf(true, true, SyncPhase::NeedsEnrollment, SyncProblem::Revoked, kAnswered), Connection::NeedsCode);
}

// Session 14: reloaded where the server did not answer, the pill said "Trực tuyến" on an answer
// from before the reload. Until an answer comes it says it is connecting; a poll the server
// did not answer is trouble; an old answer is no sign of the server now.
TEST(Connection, OnlineOnlyOnAnAnswerSinceTheStartAndLately) {
  const auto idle = [](ServerContact c) { return connectionOf(true, true, SyncPhase::Idle, SyncProblem::None, c); };
  EXPECT_EQ(idle({1000, 900, 0, 1500}), Connection::Connecting) << "the answer is from before the reload";
  EXPECT_EQ(idle({1000, 900, 0, 1500 + kAnswerFreshMs}), Connection::Connecting);
  EXPECT_EQ(idle({1000, 900, 1200, 1500, 2}), Connection::ServerTrouble) << "polls failed since the reload";
  EXPECT_EQ(idle({1000, 1300, 1200, 1500, 0}), Connection::Online) << "answered after that failure";
  EXPECT_EQ(idle({1000, 1200, 1300, 1500, 2}), Connection::ServerTrouble) << "failed after that answer";
  EXPECT_EQ(idle({1000, 1200, 0, 1200 + kAnswerFreshMs + 1}), Connection::Connecting) << "nothing heard for long";
  EXPECT_EQ(idle({1000, 900, 800, 1500, 1}), Connection::Connecting) << "a failure before the reload says nothing now";
  EXPECT_EQ(connectionOf(true, false, SyncPhase::Idle, SyncProblem::None, {1000, 900, 0, 1500}), Connection::Offline);
  EXPECT_EQ(connectionOf(false, true, SyncPhase::NotEnrolled, SyncProblem::None, {1000, 0, 0, 1500}), Connection::LocalOnly);
}

// Session 14: one failed poll turned the pill to "Lỗi máy chủ" for up to 5 s, so on a market's
// poor network it flickered between green and orange. One failure is no news yet: the pill
// says what it said (online on a fresh answer, else connecting); two in a row, or more than
// kTroubleAfterMs without an answer, are trouble.
TEST(Connection, OneFailedPollIsNoTroubleYet) {
  const auto idle = [](ServerContact c) { return connectionOf(true, true, SyncPhase::Idle, SyncProblem::None, c); };
  EXPECT_EQ(idle({1000, 5000, 10000, 10100, 1}), Connection::Online) << "one poll lost after a fresh answer";
  EXPECT_EQ(idle({1000, 900, 1300, 1500, 1}), Connection::Connecting) << "reloaded, the first poll lost";
  EXPECT_EQ(idle({1000, 5000, 15000, 15000, 2}), Connection::ServerTrouble) << "two polls lost in a row";
  EXPECT_EQ(idle({1000, 5000, 10000, 5000 + kTroubleAfterMs + 1, 1}), Connection::ServerTrouble)
      << "a failure, and no answer for longer than kTroubleAfterMs";
  EXPECT_EQ(idle({1000, 900, 1300, 1000 + kTroubleAfterMs + 1, 1}), Connection::ServerTrouble)
      << "reloaded, a failure, and no answer since for longer than kTroubleAfterMs";
  EXPECT_EQ(idle({1000, 5000, 0, 5000 + kTroubleAfterMs + 1, 0}), Connection::Online)
      << "no failure: a slow poll is no trouble while the answer is fresh";
  EXPECT_EQ(idle({1000, 16000, 15000, 16100, 0}), Connection::Online) << "answered after the failures";
}
