// What the screen says about the last save: saving, saved (and when), or not saved. Shared by
// the station's session and the visitor page's self check-ins (visitor/self_check_ins.hpp).
#pragma once
#include <cstdint>
#include <string>

#include "check_in.hpp"

namespace diemquet {

// How long the line about the last save stays on screen, and with it "Hoàn tác" (undo): one
// figure, so the undo lives exactly as long as the line that offers it (it vanished at 10 s
// while the line stayed 15 s, and a vendor looked for the undo the line had just offered).
constexpr int64_t kSaveLineMs = 15000;

struct SaveStatus {
  // Repeat: nothing saved, the person's entry moments ago already says it (a second "VÀO" by
  // hand within the repeat window, here or on another phone at this scan point).
  enum class State { Idle, Saving, Saved, Failed, Repeat };
  State state = State::Idle;
  std::string displayName;  // whom the last save was about
  Direction direction = Direction::In;
  Instant at;  // when the outcome came (a save's commit): the line's kSaveLineMs count from it
  int64_t seq = 0;
  uint64_t serial = 0;  // bumps on every save attempt, so the UI can tell two saves apart
  bool undone = false;
  bool bulk = false;  // one of many saves at once (closing the day): no single undo
  int bulkCount = 0;  // how many saves the bulk action made (the status names them all)
  // The server's venue-wide timeline gave the saved check-in another direction since (another
  // gate had the person inside: sync/presence.hpp); `direction` is the corrected one.
  bool corrected = false;
  // Repeat: that entry was on another phone at this scan point, its time `previousAt`.
  // Corrected: the person had come in at this scan point on another phone, not at another gate.
  bool onOtherPhone = false;
  Instant previousAt;
  // A check-in's own time, as Today's list shows it: a manual entry's typed "Giờ" (07:30 typed
  // at 07:40 read "VÀO 07:40" on the line and "07:30" in the list beside it). Unset for
  // statuses that are no check-in (a refusal, a repeat).
  Instant entryAt;
  // Failed: the entry was refused before anything was handed to the journal (a field to fix, no
  // venue yet), not lost by a journal that could not write. A refusal's line goes quiet after
  // kSaveLineMs; a lost save's stays until the next action (the person was not recorded).
  bool refused = false;

  // The time the lines show: the check-in's own (entryAt) when it is one, else when it came.
  const Instant& shownTime() const { return entryAt.utcMs ? entryAt : at; }
  // A save that did not reach the journal (not a refusal): the person is not recorded.
  bool lost() const { return state == State::Failed && !refused; }
};

// Whether the status line still speaks of `st` at `now`; else the screens show their quiet
// line ("Lần lưu trước"). A save in flight and a lost save stay until the next action (a lost
// one names a person who must be taken again, and is told nowhere else); a save, a repeat and
// a refusal are news for kSaveLineMs. A refusal too: its red line stayed for good, and the
// quiet line never came back. What to fix stays beside the field until it is edited (the
// manual form), so a vendor back at the form later still sees why; the top of the screen
// goes back to saying who was recorded last.
inline bool saveLineUp(const SaveStatus& st, const Instant& now) {
  if (st.state == SaveStatus::State::Idle) return false;
  if (st.state == SaveStatus::State::Saving || st.lost()) return true;
  return now.utcMs - st.at.utcMs <= kSaveLineMs;
}

}  // namespace diemquet
