// The top-bar pill: it says "online" only when scans can reach the server (a phone that was
// never enrolled showed a green "Trực tuyến" above "Chưa kết nối máy chủ").
#include "sync/connection.hpp"

#include <gtest/gtest.h>

using namespace diemquet::sync;

TEST(Connection, NoNetworkIsOfflineWhateverElse) {
  EXPECT_EQ(connectionOf(true, false, SyncPhase::Idle, SyncProblem::None), Connection::Offline);
  EXPECT_EQ(connectionOf(false, false, SyncPhase::NotEnrolled, SyncProblem::None), Connection::Offline);
}

TEST(Connection, NotEnrolledIsLocalOnlyEvenWithANetwork) {
  EXPECT_EQ(connectionOf(false, true, SyncPhase::NotEnrolled, SyncProblem::None), Connection::LocalOnly);
}

TEST(Connection, EnrolledAndUploadingOrIdleIsOnline) {
  EXPECT_EQ(connectionOf(true, true, SyncPhase::Idle, SyncProblem::None), Connection::Online);
  EXPECT_EQ(connectionOf(true, true, SyncPhase::Uploading, SyncProblem::None), Connection::Online);
}

TEST(Connection, FailedUploadsWithANetworkAreServerTrouble) {
  EXPECT_EQ(connectionOf(true, true, SyncPhase::Waiting, SyncProblem::Offline), Connection::ServerTrouble);
  EXPECT_EQ(connectionOf(true, true, SyncPhase::Waiting, SyncProblem::ServerError), Connection::ServerTrouble);
  EXPECT_EQ(connectionOf(true, true, SyncPhase::Waiting, SyncProblem::Refused), Connection::ServerTrouble);
  // The phone's own storage failing is not the server's fault.
  EXPECT_EQ(connectionOf(true, true, SyncPhase::Waiting, SyncProblem::Storage), Connection::Online);
}

TEST(Connection, RevokedNeedsANewCode) {
  EXPECT_EQ(connectionOf(true, true, SyncPhase::NeedsEnrollment, SyncProblem::Revoked), Connection::NeedsCode);
}
