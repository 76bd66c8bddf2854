// One presence across a venue's gates (issue #17). While online, a station asks the server
// every few seconds who of the venue's people was last seen going in or out, at any of its
// stations (POST /api/v1/presence), so a person who entered at another gate is checked out
// here, not in again. The answer also carries the server's corrections of this station's own
// records: an "in" recorded offline while the person was inside through another gate is
// journaled here as a check-out (DirectionCorrected). Offline, the station decides alone.
//
// People are named by presenceKey: a hash of the venue and the person's key, so the answer
// carries no ID number in clear (stations of the same venue may know who is inside anyway).
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "station.hpp"
#include "station_session.hpp"
#include "sync/sync_client.hpp"

namespace diemquet::sync {

// 16 hex digits: BLAKE2b-64 of "DQH1|" venue "|" person key.
std::string presenceKey(std::string_view venueId, std::string_view personKey);

struct PresenceAnswer {
  int64_t asOfMs = 0;
  std::map<std::string, RemoteEntry> people;    // by presenceKey
  std::vector<DirectionCorrected> corrections;  // of the asking device's own records
};

// {"asOfMs", "people":[{"p","d":"in"|"out","t","sp","own"}], "corrections":[{"seq","dir","samePoint"}]}
// ("sp": the scan point of that entry; "own": the asking station's; "samePoint": the "in" the
// correction closes was at the same scan point; all three absent from older servers).
Result<PresenceAnswer> parsePresence(std::string_view body, const std::string& deviceId, int64_t nowMs);

class PresencePoller {
 public:
  PresencePoller(Station& station, JournalAppend append, Transport transport, NowMs now, int64_t everyMs = 10000);

  // From the frame loop: asks when due (enrolled, nothing in flight, `everyMs` since the last).
  void tick();
  // At once: after a save (the other gates learn of it at their next ask) or going online.
  void askNow() { m_dueMs = 0; }
  // Called with each correction once it is journaled and applied (the session's status line
  // follows it: StationSession::directionCorrected).
  void setOnCorrected(std::function<void(const DirectionCorrected&)> f) { m_onCorrected = std::move(f); }
  uint64_t version() const { return m_version; }
  // When an ask last went unanswered (no network to the server, an error status, a page that is
  // no answer: a captive portal); 0: none. With the last answer's time, the pill's evidence of
  // reaching the server (connection.hpp): the poll is the one request a phone with nothing to
  // upload makes.
  int64_t lastFailureMs() const { return m_lastFailureMs; }
  // Asks unanswered since the last answer (0 after an answer): whether a failure persists.
  int failuresInARow() const { return m_failuresInARow; }

 private:
  void applyCorrections(std::vector<DirectionCorrected> fixes);
  Station& m_station;
  JournalAppend m_append;
  Transport m_transport;
  NowMs m_now;
  std::function<void(const DirectionCorrected&)> m_onCorrected;
  int64_t m_everyMs;
  int64_t m_dueMs = 0;
  bool m_inFlight = false, m_writing = false;
  uint64_t m_version = 1;
  int64_t m_lastFailureMs = 0;
  int m_failuresInARow = 0;
};

}  // namespace diemquet::sync
