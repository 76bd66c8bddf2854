// Browser side of text_input.hpp: the registry of this frame's fields, queried by
// web/text-input.js from inside pointer events, and the typed text coming back.
//
// Typed text is kept per field until that field's widget takes it, whatever happens between
// two frames. Frames are drawn on demand (wasm/app/main.cpp), so a fast typist or a paste can
// change the input and tap the next field or "Đăng nhập" before any frame took the last
// change: dropping it on blur (as before) left the field 3 characters long while the keyboard's
// input held 22, and the office login failed with the right password (issue #12, defect 17).
#include <emscripten.h>

#include <map>
#include <utility>
#include <vector>

#include "payload/normalize.hpp"
#include "text.hpp"
#include "text_input.hpp"

namespace {

struct Field {
  std::string id;
  float x, y, w, h;
  diemquet::platform::InputMode mode;
  std::string value;
};

std::vector<Field> g_fields;
std::string g_focused;
std::map<std::string, std::string> g_typed;  // field id -> the value typed, not yet taken
std::string g_enterFor;                      // the field Enter was pressed in, not yet taken
bool g_activity = false;                     // typed since the last textFieldTakeActivity()
std::string g_json;
std::string g_lastSynced;  // the value the hidden input holds, as far as we know
// Where the hidden input sits (CSS px of the canvas): over the focused field as last drawn. It
// follows the field when the screen scrolls: left behind, it covered whatever scrolled under
// it, and a tap on the next field went to the input of the previous one (typing into it).
struct Rect {
  float x = 0, y = 0, w = 0, h = 0;
  bool operator==(const Rect&) const = default;
};
Rect g_placed;
constexpr Rect kParked{-2000, 0, 1, 1};  // focused, but its field is not in view

const char* modeName(diemquet::platform::InputMode m) {
  using diemquet::platform::InputMode;
  switch (m) {
    case InputMode::Name: return "name";
    case InputMode::Numeric: return "numeric";
    case InputMode::Tel: return "tel";
    case InputMode::Time: return "time";
    case InputMode::Password: return "password";
    default: return "text";
  }
}

std::string jsonEscape(const std::string& s) {
  std::string o;
  for (char c : s) {
    if (c == '"' || c == '\\') { o += '\\'; o += c; }
    else if (static_cast<unsigned char>(c) < 0x20) { char b[8]; snprintf(b, sizeof b, "\\u%04x", c); o += b; }
    else o += c;
  }
  return o;
}

}  // namespace

EM_JS(void, dq_js_text_sync, (const char* value), {
  if (globalThis.dqTextInput) globalThis.dqTextInput.sync(UTF8ToString(value));
});
EM_JS(void, dq_js_text_place, (float x, float y, float w, float h), {
  if (globalThis.dqTextInput) globalThis.dqTextInput.place(x, y, w, h);
});
EM_JS(void, dq_js_text_blur, (), {
  if (globalThis.dqTextInput) globalThis.dqTextInput.blur();
});

// Which field (index) lies under a tap at CSS pixel (x, y) of the canvas; -1 for none.
// Focuses it on the C++ side; JS then focuses the hidden input within the same event.
extern "C" EMSCRIPTEN_KEEPALIVE int dq_text_field_at(float x, float y) {
  for (size_t i = 0; i < g_fields.size(); ++i) {
    const Field& f = g_fields[i];
    if (x >= f.x && x < f.x + f.w && y >= f.y && y < f.y + f.h) {
      g_focused = f.id;
      g_placed = Rect{f.x, f.y, f.w, f.h};  // JS places the input there
      auto typed = g_typed.find(f.id);
      g_lastSynced = typed != g_typed.end() ? typed->second : f.value;  // JS loads this into the input
      return int(i);
    }
  }
  g_focused.clear();
  return -1;
}

extern "C" EMSCRIPTEN_KEEPALIVE const char* dq_text_field_json(int index) {
  if (index < 0 || size_t(index) >= g_fields.size()) return "null";
  const Field& f = g_fields[size_t(index)];
  auto typed = g_typed.find(f.id);  // typed since the last frame: newer than the drawn value
  const std::string& value = typed != g_typed.end() ? typed->second : f.value;
  char geom[128];
  snprintf(geom, sizeof geom, "\"x\":%.1f,\"y\":%.1f,\"w\":%.1f,\"h\":%.1f", f.x, f.y, f.w, f.h);
  g_json = std::string("{\"id\":\"") + jsonEscape(f.id) + "\",\"mode\":\"" + modeName(f.mode) + "\",\"value\":\"" +
           jsonEscape(value) + "\"," + geom + "}";
  return g_json.c_str();
}

// The input's whole value after a change. Composed to NFC here, the one door every typed
// character comes through (station, visitor page, office): a keyboard that sends decomposed
// Vietnamese ("a" + U+0300) would otherwise store, draw and upload it un-normalised. The
// hidden input keeps what the keyboard made (rewriting it would break an IME composition).
extern "C" EMSCRIPTEN_KEEPALIVE void dq_text_input(const char* utf8) {
  if (g_focused.empty()) return;
  std::string v(utf8);
  if (diemquet::text::isValidUtf8(v)) v = diemquet::payload::toNfc(v);
  g_typed[g_focused] = std::move(v);
  g_activity = true;  // draw a frame now, not at the next idle redraw
}
extern "C" EMSCRIPTEN_KEEPALIVE void dq_text_enter() {
  g_enterFor = g_focused;  // JS blurs the input right after: remember which field it was
  g_activity = true;
}
// The keyboard left; what was typed stays pending for its field (see the file's opening).
extern "C" EMSCRIPTEN_KEEPALIVE void dq_text_blurred() { g_focused.clear(); }

namespace diemquet::platform {

void textFieldsBeginFrame() {
  // The focused field was not drawn in view last frame (scrolled away, another screen): the
  // input leaves its place, and keeps the keyboard.
  bool drawn = false;
  for (const Field& f : g_fields) drawn = drawn || f.id == g_focused;
  if (!g_focused.empty() && !drawn && !(g_placed == kParked)) {
    g_placed = kParked;
    dq_js_text_place(kParked.x, kParked.y, kParked.w, kParked.h);
  }
  g_fields.clear();
}

void textFieldRegister(const std::string& id, float x, float y, float w, float h, InputMode mode,
                       const std::string& value) {
  g_fields.push_back(Field{id, x, y, w, h, mode, value});
  if (id == g_focused && !(Rect{x, y, w, h} == g_placed)) {
    g_placed = Rect{x, y, w, h};
    dq_js_text_place(x, y, w, h);
  }
  // The UI changed the focused field's value itself (e.g. cleared it): tell the input.
  // Never during typing: rewriting the input's value would break an IME composition.
  if (id == g_focused && !g_typed.count(id) && value != g_lastSynced) {
    g_lastSynced = value;
    dq_js_text_sync(value.c_str());
  }
}

bool textFieldIsFocused(const std::string& id) { return !g_focused.empty() && g_focused == id; }

std::optional<std::string> textFieldTakeInput(const std::string& id) {
  auto it = g_typed.find(id);
  if (it == g_typed.end()) return std::nullopt;
  std::string v = std::move(it->second);
  g_typed.erase(it);
  if (id == g_focused) g_lastSynced = v;
  return v;
}

bool textFieldTakeEnter(const std::string& id) {
  if (g_enterFor.empty() || id != g_enterFor) return false;
  g_enterFor.clear();
  return true;
}

bool textFieldTakeActivity() { return std::exchange(g_activity, false); }

void textFieldBlur() {
  // The UI is done with the form (saved, or left the screen): what it has not taken is moot.
  g_focused.clear();
  g_typed.clear();
  g_enterFor.clear();
  dq_js_text_blur();
}

}  // namespace diemquet::platform
