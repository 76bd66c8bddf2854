#include "connection.hpp"

#include <algorithm>

namespace diemquet::sync {

Connection connectionOf(bool enrolled, bool networkOnline, SyncPhase phase, SyncProblem problem,
                        const ServerContact& contact) {
  if (!networkOnline) return Connection::Offline;
  if (phase == SyncPhase::NeedsEnrollment) return Connection::NeedsCode;
  if (!enrolled || phase == SyncPhase::NotEnrolled) return Connection::LocalOnly;
  // Waiting after a failure: a network error while the browser says "online" is a server (or
  // captive portal) that cannot be reached; storage trouble is the phone's, not the server's.
  if (phase == SyncPhase::Waiting &&
      (problem == SyncProblem::Offline || problem == SyncProblem::ServerError || problem == SyncProblem::Refused))
    return Connection::ServerTrouble;
  // The latest word this run is a request the server did not answer, and not a lone one (see
  // kTroubleAfterFailures); a lone one leaves the pill as it was: green on a fresh answer, else
  // connecting.
  const int64_t heardSinceMs = std::max(contact.lastAnswerMs, contact.startedMs);
  if (contact.lastFailureMs >= contact.startedMs && contact.lastFailureMs > contact.lastAnswerMs &&
      (contact.failuresInARow >= kTroubleAfterFailures || contact.nowMs - heardSinceMs > kTroubleAfterMs))
    return Connection::ServerTrouble;
  // Green only on an answer heard since the page started, and lately.
  if (contact.lastAnswerMs >= contact.startedMs && contact.nowMs - contact.lastAnswerMs <= kAnswerFreshMs)
    return Connection::Online;
  return Connection::Connecting;
}

}  // namespace diemquet::sync
