// Feedback and announcements: WebAudio beep, navigator.vibrate, an aria-live region.
#include <emscripten.h>

#include "platform.hpp"

EM_JS(void, dq_js_announce, (const char* text), {
  var el = document.getElementById('dq-live');
  if (el) el.textContent = UTF8ToString(text);
});

EM_JS(void, dq_js_feedback, (int ok), {
  try { if (navigator.vibrate) navigator.vibrate(ok ? 60 : [80, 60, 80]); } catch (e) {}
  try {
    var AC = globalThis.AudioContext || globalThis.webkitAudioContext;
    if (!AC) return;
    var ctx = globalThis.dqAudio || (globalThis.dqAudio = new AC());
    var osc = ctx.createOscillator(), gain = ctx.createGain();
    osc.frequency.value = ok ? 1320 : 330;
    gain.gain.value = 0.15;
    osc.connect(gain); gain.connect(ctx.destination);
    osc.start(); osc.stop(ctx.currentTime + (ok ? 0.12 : 0.3));
  } catch (e) {}
});

namespace diemquet::platform {

void announce(const std::string& text) { dq_js_announce(text.c_str()); }
void feedbackSaved() { dq_js_feedback(1); }
void feedbackError() { dq_js_feedback(0); }

}  // namespace diemquet::platform
