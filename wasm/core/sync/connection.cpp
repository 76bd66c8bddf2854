#include "connection.hpp"

#include <algorithm>

namespace diemquet::sync {

Connection connectionOf(bool enrolled, bool networkOnline, SyncPhase phase, SyncProblem problem,
                        const ServerContact& contact) {
  if (!networkOnline) return Connection::Offline;
  if (phase == SyncPhase::NeedsEnrollment) return Connection::NeedsCode;
  if (!enrolled || phase == SyncPhase::NotEnrolled) return Connection::LocalOnly;
  const int64_t heardSinceMs = std::max(contact.lastAnswerMs, contact.startedMs);
  const auto persists = [&](int inARow) {
    return inARow >= kTroubleAfterFailures || contact.nowMs - heardSinceMs > kTroubleAfterMs;
  };
  // Waiting after a failed upload: a refusal is the server's word, said at once. A network error
  // while the browser says "online" (a server or captive portal that cannot be reached) or a
  // server error is trouble once it persists, as for the polls below; storage trouble is the
  // phone's, not the server's.
  if (phase == SyncPhase::Waiting && problem == SyncProblem::Refused) return Connection::ServerTrouble;
  if (phase == SyncPhase::Waiting && (problem == SyncProblem::Offline || problem == SyncProblem::ServerError) &&
      persists(contact.uploadFailuresInARow))
    return Connection::ServerTrouble;
  // The latest word this run is a request the server did not answer, and not a lone one (see
  // kTroubleAfterFailures); a lone one leaves the pill as it was: green on a fresh answer, else
  // connecting.
  if (contact.lastFailureMs >= contact.startedMs && contact.lastFailureMs > contact.lastAnswerMs &&
      persists(contact.failuresInARow))
    return Connection::ServerTrouble;
  // Green only on an answer heard since the page started, and lately.
  if (contact.lastAnswerMs >= contact.startedMs && contact.nowMs - contact.lastAnswerMs <= kAnswerFreshMs)
    return Connection::Online;
  return Connection::Connecting;
}

}  // namespace diemquet::sync
