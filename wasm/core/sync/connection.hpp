// What the station's top-bar pill says about reaching the server. The browser's own
// online flag says only that the phone has a network; a vendor reads a green "Trực tuyến"
// as "my scans reach the office", which is false for a phone that was never enrolled or
// whose uploads fail. One function decides, so the pill and the sync lines agree.
#pragma once
#include "sync_client.hpp"

namespace diemquet::sync {

enum class Connection {
  Offline,        // no network on the phone
  LocalOnly,      // not enrolled: check-ins stay on this phone, by choice
  Connecting,     // enrolled, network, but no answer from the server yet since the page started
  Online,         // enrolled, network, the server answered lately and nothing failed since
  ServerTrouble,  // enrolled, network, but the server cannot be reached or refused
  NeedsCode,      // the server no longer accepts this phone: a new enrollment code is needed
};

// What the phone has heard from the server, by its own clock (ms). The last answer survives a
// reload (sync/last_answer.hpp) but says nothing about the server now: after a reload where
// the server did not answer, the pill said "Trực tuyến" on an answer from before it.
struct ServerContact {
  int64_t startedMs = 0;     // when this page started
  int64_t lastAnswerMs = 0;  // the server's last answer (Station::lastAnsweredMs)
  int64_t lastFailureMs = 0; // the last request the server did not answer (presence poll)
  int64_t nowMs = 0;
  int failuresInARow = 0;    // presence polls unanswered since the last answer (or the start)
  int uploadFailuresInARow = 0;  // uploads failed since the last one taken (SyncClient::failures)
};
// An answer older than this is no sign the server is reached now (the presence poll asks every
// 5 s while online).
constexpr int64_t kAnswerFreshMs = 30000;
// One lost poll or upload is no news on a market's poor network (the pill flickered orange for
// 5 s): the server is in trouble when they keep failing, two in a row, or when a failure comes
// with no answer for longer than this.
constexpr int kTroubleAfterFailures = 2;
constexpr int64_t kTroubleAfterMs = 10000;

Connection connectionOf(bool enrolled, bool networkOnline, SyncPhase phase, SyncProblem problem,
                        const ServerContact& contact);

}  // namespace diemquet::sync
