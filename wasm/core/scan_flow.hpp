// The hands-free queue at a gate: every decoded QR text goes through here. A card becomes a
// check-in with the direction the person needs (out if inside), saved without a tap; the same
// card seen again within 10 s is ignored (the camera sees it in many frames, and people
// double-scan); anything else gets a typed outcome the UI turns into a message.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "payload/scanned_payload.hpp"
#include "station_session.hpp"

namespace diemquet {

struct ScanOutcome {
  enum class Kind {
    Saving,        // a check-in was handed to the journal (see the session's save status)
    Duplicate,     // same card within the window: ignored
    Poster,        // a venue poster: the caller may bind the station to it
    NotConfigured, // no venue yet
    Rejected,      // not a code we accept, or a broken one: see `error`
  };
  Kind kind = Kind::Rejected;
  std::optional<Error> error;
  std::optional<ScannedPayload> payload;
};

class ScanFlow {
 public:
  explicit ScanFlow(StationSession& session, int64_t duplicateWindowMs = 10000)
      : m_session(session), m_window(duplicateWindowMs) {}

  ScanOutcome onDecoded(std::string_view text);
  // The last card accepted, for "show the full card" (staff compare it with the person).
  const std::optional<ScannedPayload>& lastCard() const { return m_lastCard; }
  // Re-saves the last check-in with the other direction (undoing the first), within 10 s.
  bool flipLast();
  // Forgets the last card (staff undid its scan on purpose and may scan it again).
  void forgetRecent() { m_seen.erase(m_lastKey); }

 private:
  StationSession& m_session;
  int64_t m_window;
  std::map<std::string, int64_t> m_seen;  // card key -> last time the camera saw it
  std::string m_lastKey;
  std::optional<ScannedPayload> m_lastCard;
};

}  // namespace diemquet
