// Handheld barcode scanners that "type" into the page (HID keyboard wedge, common at gates):
// a fast burst of keys ending in Enter, while no text field has the keyboard, is a scan.
// People type far slower than a scanner, so a burst is unmistakable.
(function () {
  'use strict';
  var buf = '', last = 0, gaps = [];
  var MAX_GAP_MS = 60, MIN_LEN = 6;
  document.addEventListener('keydown', function (e) {
    if (document.activeElement && document.activeElement.id === 'dq-text') return;
    // The event's own time stamp: when the key arrived, not when a busy page got to it.
    var now = e.timeStamp || performance.now();
    if (now - last > 500) { buf = ''; gaps = []; }
    else gaps.push(now - last);
    last = now;
    if (e.key === 'Enter') {
      var fast = gaps.length >= MIN_LEN - 1 && gaps.reduce(function (a, b) { return a + b; }, 0) / gaps.length < MAX_GAP_MS;
      if (buf.length >= MIN_LEN && fast && globalThis.dqCamera) globalThis.dqCamera.pushScan(buf, 'wedge');
      buf = ''; gaps = [];
      return;
    }
    if (e.key.length === 1) buf += e.key;  // printable; scanners send one key per character
  }, true);
})();
