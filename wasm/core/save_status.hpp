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
  Instant at;
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
};

}  // namespace diemquet
