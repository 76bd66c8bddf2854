// The phone's own keyboard for ImGui text fields. A hidden HTML <input> placed over the field
// receives the keyboard, the IME (Telex/VNI composition) and paste; its whole value is handed
// to the field after every change, so composed Vietnamese text ("Nguyễn Thị Hương") arrives
// exactly as the phone produced it. Focus is taken inside the tap's own event handler, which
// is what mobile browsers require before they show the keyboard.
#pragma once
#include <optional>
#include <string>

namespace diemquet::platform {

// Password: the field shows bullets and the hidden input is type=password (the office login).
enum class InputMode { Text, Name, Numeric, Tel, Time, Password };

// Called by the UI once per frame before drawing, then once per visible text field.
void textFieldsBeginFrame();
void textFieldRegister(const std::string& id, float x, float y, float w, float h, InputMode mode,
                       const std::string& value);
bool textFieldIsFocused(const std::string& id);
// The value the keyboard produced for this field since it was last taken, if any (kept even
// when the keyboard moved on to another field or closed before a frame took it).
std::optional<std::string> textFieldTakeInput(const std::string& id);
// True once after the user pressed Enter / "Go" in this field.
bool textFieldTakeEnter(const std::string& id);
// True once after the keyboard changed a field or pressed Enter: the app draws a frame.
bool textFieldTakeActivity();
// Hides the keyboard (e.g. after saving a form).
void textFieldBlur();

}  // namespace diemquet::platform
