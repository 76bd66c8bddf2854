#include "glyph_fallback.hpp"

#include <imgui_internal.h>  // ImTextCharFromUtf8

#include "probe.hpp"

namespace diemquet::ui {

bool hasGlyph(const ImFont* face, char32_t cp) {
  if (cp < 0x20) return true;
  if (cp > 0xFFFF || cp == IM_UNICODE_CODEPOINT_INVALID || !face) return false;
  return face->FindGlyphNoFallback(static_cast<ImWchar>(cp)) != nullptr;
}

namespace {

const char* boxFor(const ImFont* face) {
  if (hasGlyph(face, 0x25A1)) return "\xE2\x96\xA1";  // □
  if (hasGlyph(face, 0x00B7)) return "\xC2\xB7";      // ·
  return "_";
}

// The code point of a four-byte sequence, which ImGui's decoder (16-bit ImWchar) reports as
// U+FFFD: the probe names the emoji itself.
char32_t fourByteCodePoint(const char* p) {
  auto b = [p](int i) { return char32_t(static_cast<unsigned char>(p[i])); };
  return ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
}

}  // namespace

std::string drawable(const ImFont* face, std::string_view s) {
  std::string out;
  out.reserve(s.size());
  const char* p = s.data();
  const char* const end = p + s.size();
  while (p < end) {
    unsigned int c = 0;
    int n = ImTextCharFromUtf8(&c, p, end);
    if (n <= 0) n = 1;  // a NUL byte: kept, ImGui stops drawing there as before
    if (n < 4 && hasGlyph(face, c)) {
      out.append(p, size_t(n));
    } else {
      out += boxFor(face);
      probe::noteBoxed(n == 4 && c == IM_UNICODE_CODEPOINT_INVALID ? fourByteCodePoint(p) : char32_t(c));
    }
    p += n;
  }
  return out;
}

}  // namespace diemquet::ui
