// Feedback and announcements: WebAudio beep, navigator.vibrate, an aria-live region.
#include <emscripten.h>

#include "platform.hpp"

// An event ("Saved: name") stays first in the region for 2 s while the screen summary changes.
EM_JS(void, dq_js_announce, (const char* text, int isScreen), {
  var el = document.getElementById('dq-live');
  if (!el) return;
  var s = globalThis.dqLive || (globalThis.dqLive = {event : '', eventAt : 0, screen : '' });
  var t = UTF8ToString(text);
  if (isScreen)
    s.screen = t;
  else {
    s.event = t;
    s.eventAt = Date.now();
  }
  var recent = s.event && Date.now() - s.eventAt < 2000;
  el.textContent = recent && s.event != s.screen ? s.event + (s.screen ? '. ' + s.screen : '') : s.screen;
});

EM_JS(void, dq_js_feedback, (int ok), {
  try {
    if (navigator.vibrate) navigator.vibrate(ok ? 60 : [ 80, 60, 80 ]);
  } catch (e) {
  }
  try {
    var AC = globalThis.AudioContext || globalThis.webkitAudioContext;
    if (!AC) return;
    var ctx = globalThis.dqAudio || (globalThis.dqAudio = new AC());
    var osc = ctx.createOscillator(), gain = ctx.createGain();
    osc.frequency.value = ok ? 1320 : 330;
    gain.gain.value = 0.15;
    osc.connect(gain);
    gain.connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + (ok ? 0.12 : 0.3));
  } catch (e) {
  }
});

namespace diemquet::platform {

void announce(const std::string& text) {
  dq_js_announce(text.c_str(), 0);
}
void announceScreen(const std::string& summary) {
  dq_js_announce(summary.c_str(), 1);
}
void feedbackSaved() {
  dq_js_feedback(1);
}
void feedbackError() {
  dq_js_feedback(0);
}

}  // namespace diemquet::platform
