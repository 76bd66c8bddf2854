// The station's side of sync: enrolling with a one-time code from the office, then uploading
// every pending check-in in batches until the server has acknowledged each one exactly once.
// Platform-neutral: HTTP, the durable journal, the clock and randomness are passed in, so the
// same logic runs in the browser and in native tests with a fake server.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "station.hpp"
#include "station_session.hpp"
#include "sync/transport.hpp"

namespace diemquet::sync {

using NowMs = std::function<int64_t()>;
using Random = std::function<double()>;  // uniform in [0, 1): the jitter of the backoff

// "7K2M-Q9XA-4TRB" from what staff typed (any case, spaces and dashes ignored), or empty when
// it is not 12 letters and digits.
std::string normalizeEnrollmentCode(std::string_view typed);

enum class EnrollResult { Ok, BadFormat, InvalidCode, Offline, ServerError, Storage, Busy };

// Where the upload loop stands.
enum class SyncPhase { NotEnrolled, Idle, Uploading, Waiting, NeedsEnrollment };
// Why the last attempt failed (None after a success).
enum class SyncProblem { None, Offline, ServerError, Storage, Unauthorized, Revoked, Refused };

struct SyncConfig {
  int batchSize = 500;           // check-ins per upload (the server takes up to 1000)
  int64_t minBackoffMs = 2000;   // first retry after a failure…
  int64_t maxBackoffMs = 300000; // …doubling up to 5 min, each with ±25 % jitter
  int64_t periodicMs = 5000;     // while check-ins are pending and nothing failed
  int64_t futureDeferMs = 600000;  // a check-in the server finds in the future waits 10 min
};

class SyncClient {
 public:
  SyncClient(Station& station, JournalAppend append, Transport transport, NowMs now, Random random,
             SyncConfig config = {});

  // Binds the station to the server's venue. A station without a device id takes
  // `newDeviceId`. The token and the venue are journaled before `done(Ok)`; the first scan
  // point becomes the station's (staff may choose another one afterwards).
  void enroll(const std::string& typedCode, const std::string& newDeviceId, std::function<void(EnrollResult)> done);
  bool enrolling() const { return m_enrolling; }

  // From the frame loop or a timer: starts an upload when one is due (pending check-ins and
  // the backoff or periodic wait over). Cheap when there is nothing to do.
  void tick();
  // Upload now, forgetting the backoff: the staff's button, the `online` event, Background Sync.
  void syncNow();

  SyncPhase phase() const;
  SyncProblem problem() const { return m_problem; }
  // The current (or last) run: check-ins settled (acknowledged or rejected) out of its total.
  int64_t runDone() const { return m_runDone; }
  int64_t runTotal() const { return m_runTotal; }
  int64_t nextAttemptMs() const { return m_nextAttemptMs; }
  int failures() const { return m_failures; }
  int64_t uploadsSent() const { return m_uploads; }
  // Increments whenever something visible changed.
  uint64_t version() const { return m_version; }

  // Called when a run has uploaded everything it could (the retention purge follows).
  void setOnSynced(std::function<void()> onSynced) { m_onSynced = std::move(onSynced); }

  // The wire form of one pending check-in: adopted local venues become the server's venue.
  CheckIn uploadForm(const CheckIn& c) const;

 private:
  struct Sent {
    int64_t seq;
    bool voided;
  };
  void startBatch();
  void onReply(uint64_t attempt, const HttpReply& reply);
  void onAccepted(const HttpReply& reply);
  void rejectOne(const HttpReply& reply, const std::string& code);
  void journalThen(JournalEvent event, std::function<void()> next);
  void succeeded(int64_t settled);
  void failed(SyncProblem why);
  void stopUntilEnrolled(SyncProblem why);

  Station& m_station;
  JournalAppend m_append;
  Transport m_transport;
  NowMs m_now;
  Random m_random;
  SyncConfig m_config;
  int m_batchSize;

  bool m_enrolling = false;
  bool m_busy = false;       // an upload or its journaling is in flight
  bool m_blocked = false;    // the server refused the token: wait for a new enrollment
  uint64_t m_attempt = 0;
  std::vector<Sent> m_sent;  // the batch in flight
  std::map<int64_t, int64_t> m_deferred;  // seq -> not before (future_time)
  SyncProblem m_problem = SyncProblem::None;
  int m_failures = 0;
  int64_t m_nextAttemptMs = 0;
  int64_t m_runDone = 0, m_runTotal = 0;
  bool m_inRun = false;
  int64_t m_uploads = 0;
  uint64_t m_version = 1;
  std::function<void()> m_onSynced;
};

}  // namespace diemquet::sync
