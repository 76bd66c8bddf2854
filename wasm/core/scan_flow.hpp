// The hands-free queue at a gate: every decoded QR text goes through here. A card becomes a
// check-in with the direction the person needs (out if inside), saved without a tap. The same
// card seen again soon is a repeat, reported (never silent) and not saved: within 10 s of the
// camera last seeing it (it sees it in many frames), or within the station's repeat window
// after the person's last check-in or out (people re-show a card; that must not silently
// check them out), here or on another phone at this same scan point (Station::repeatedEntry). Anything else gets a typed outcome the UI turns into a message.
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
    Duplicate,     // a repeat (see above): nothing saved; `previous` is the entry it repeats
    Poster,        // a venue poster: the caller may bind the station to it
    NotConfigured, // no venue yet
    Rejected,      // not a code we accept, or a broken one: see `error`
  };
  Kind kind = Kind::Rejected;
  std::optional<Error> error;
  std::optional<ScannedPayload> payload;
  std::optional<CheckIn> previous;  // Duplicate: the person's last entry at this venue, if any
  bool previousOnOtherPhone = false;  // …recorded by another phone at this scan point
  // Duplicate: the camera saw this card less than kInViewGapMs ago, i.e. it never left the
  // view (the camera reads a held card several times a second); else it was shown again.
  // Poster, NotConfigured, Rejected: the same for the same text as the last code saved nothing.
  bool stillInView = false;
  // Poster, NotConfigured, Rejected: the same text as the last code that saved nothing, shown
  // again (or still in view). The screen says it once, with one beep, as it does a repeat: a
  // card held up to a station not set up beeped the error at every read, several a second.
  bool sameCodeAgain = false;
};

class ScanFlow {
 public:
  static constexpr int64_t kInViewGapMs = 1000;
  explicit ScanFlow(StationSession& session, int64_t duplicateWindowMs = 10000)
      : m_session(session), m_window(duplicateWindowMs) {}

  ScanOutcome onDecoded(std::string_view text);
  // The last card accepted, for "show the full card" (staff compare it with the person).
  const std::optional<ScannedPayload>& lastCard() const { return m_lastCard; }
  // Re-saves the last check-in with the other direction (undoing the first), within 10 s.
  bool flipLast();
  // Forgets the last card (staff undid its scan on purpose and may scan it again).
  void forgetRecent() { m_seen.erase(m_lastKey); }
  // Staff confirm a repeat was meant: records the direction opposite to `repeat.previous`
  // (a check-out after a check-in) for the repeated card. False if it was not a repeat.
  bool recordRepeatAsOther(const ScanOutcome& repeat);
  // True while the session's save status is about lastCard() (no other save since): only then
  // may the scan screen offer undo or flip, which act on the save status.
  bool statusIsLastCard() const { return m_lastCard && m_session.saveStatus().serial == m_lastSerial; }
  // The save of lastCard() while the session still knows it: the status line's, or the last
  // save recorded once another status took the line (a save lost by the journal, a repeat, a
  // refusal: none of them saved anything since). Null when a later save replaced it. Scan's
  // quiet line reads its direction and time from here ("T. V. Đức · VÀO 07:02").
  const SaveStatus* lastCardSave() const;

 private:
  StationSession& m_session;
  int64_t m_window;
  std::map<std::string, int64_t> m_seen;  // card key -> last time the camera saw it
  std::string m_lastKey;
  std::optional<ScannedPayload> m_lastCard;
  // The last code that saved nothing (a poster, a card while not set up, a refused code) and
  // when the camera last read it: see ScanOutcome::sameCodeAgain.
  std::string m_lastUnsavedText;
  int64_t m_lastUnsavedMs = 0;
  ScanOutcome unsaved(ScanOutcome out, std::string_view text);
  uint64_t m_lastSerial = 0;  // the save status serial of lastCard()'s save
};

}  // namespace diemquet
