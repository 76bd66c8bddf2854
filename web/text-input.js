// The phone keyboard for the ImGui canvas (see wasm/platform/text_input.hpp). A tap on a text
// field focuses a hidden <input> placed over it, inside the tap's own event handler (mobile
// browsers show the keyboard only then); every change of its value goes to the field whole,
// so IME composition (Telex, VNI), autocorrect and paste all arrive as the phone made them.
(function () {
  'use strict';
  var input, canvas, Module = null, focused = false, composing = false;
  var MODES = {
    text: { type: 'text', inputmode: 'text', autocapitalize: 'sentences' },
    name: { type: 'text', inputmode: 'text', autocapitalize: 'words' },
    numeric: { type: 'text', inputmode: 'numeric', autocapitalize: 'off' },
    tel: { type: 'tel', inputmode: 'tel', autocapitalize: 'off' },
    time: { type: 'text', inputmode: 'numeric', autocapitalize: 'off' },
    password: { type: 'password', inputmode: 'text', autocapitalize: 'off' }
  };

  function place(f) {
    var r = canvas.getBoundingClientRect();
    input.style.left = (r.left + f.x) + 'px';
    input.style.top = (r.top + f.y) + 'px';
    input.style.width = f.w + 'px';
    input.style.height = f.h + 'px';
  }

  function hide() {
    input.style.left = '-2000px';
    focused = false;
  }

  function onTap(ev) {
    if (!Module) return;
    var r = canvas.getBoundingClientRect();
    var idx = Module._dq_text_field_at(ev.clientX - r.left, ev.clientY - r.top);
    if (idx < 0) { if (focused) input.blur(); return; }
    var f = JSON.parse(Module.UTF8ToString(Module._dq_text_field_json(idx)));
    var m = MODES[f.mode] || MODES.text;
    input.type = m.type;
    input.setAttribute('inputmode', m.inputmode);
    input.setAttribute('autocapitalize', m.autocapitalize);
    input.value = f.value;
    place(f);
    focused = true;
    input.focus({ preventScroll: true });
    try { input.setSelectionRange(f.value.length, f.value.length); } catch (e) {}
  }

  globalThis.dqTextInput = {
    attach: function (mod) {
      Module = mod;
      canvas = document.getElementById('canvas');
      input = document.getElementById('dq-text');
      canvas.addEventListener('pointerup', onTap);
      input.addEventListener('input', function () {
        Module.ccall('dq_text_input', null, ['string'], [input.value]);
      });
      input.addEventListener('compositionstart', function () { composing = true; });
      input.addEventListener('compositionend', function () { composing = false; });
      input.addEventListener('keydown', function (e) {
        if (e.key === 'Enter') { Module._dq_text_enter(); input.blur(); }
      });
      input.addEventListener('blur', function () { Module._dq_text_blurred(); hide(); });
      // The input sits over its field (and follows it as the form scrolls): a wheel over it
      // scrolls the form, as it would over the canvas.
      input.addEventListener('wheel', function (e) {
        e.preventDefault();
        canvas.dispatchEvent(new WheelEvent('wheel', e));
      }, { passive: false });
    },
    // The field's value changed on the C++ side (e.g. the form was cleared).
    sync: function (value) { if (input && focused && !composing) input.value = value; },
    blur: function () { if (!input) return; if (focused) input.blur(); hide(); },
    // The focused field moved (the screen scrolled): the input follows it.
    place: function (x, y, w, h) { if (input && focused) place({ x: x, y: y, w: w, h: h }); }
  };
})();
