#include <emscripten.h>

#include "wake_lock.hpp"

namespace diemquet::platform {

namespace {

// 0 off, 1 held, 2 unsupported, 3 refused (e.g. battery saver).
EM_JS(void, dq_wake_lock_keep, (int on), {
  var g = globalThis.dqWakeLock || (globalThis.dqWakeLock = { want: false, sentinel: null, state: 0 });
  g.want = !!on;
  if (!('wakeLock' in navigator)) { g.state = g.want ? 2 : 0; return; }
  function take() {
    if (!g.want || g.sentinel || document.visibilityState !== 'visible') return;
    navigator.wakeLock.request('screen').then(function (s) {
      g.sentinel = s;
      g.state = 1;
      s.addEventListener('release', function () { g.sentinel = null; if (g.state === 1) g.state = 0; });
    }).catch(function () { g.state = 3; });
  }
  if (!g.listening) {
    g.listening = true;
    document.addEventListener('visibilitychange', take);
  }
  if (g.want) take();
  else if (g.sentinel) { g.state = 0; g.sentinel.release(); g.sentinel = null; }
});

EM_JS(int, dq_wake_lock_state, (), { return globalThis.dqWakeLock ? globalThis.dqWakeLock.state : 0; });

}  // namespace

void wakeLockKeep(bool on) { dq_wake_lock_keep(on ? 1 : 0); }

WakeLockState wakeLockState() {
  switch (dq_wake_lock_state()) {
    case 1: return WakeLockState::Held;
    case 2: return WakeLockState::Unsupported;
    case 3: return WakeLockState::Refused;
    default: return WakeLockState::Off;
  }
}

}  // namespace diemquet::platform
