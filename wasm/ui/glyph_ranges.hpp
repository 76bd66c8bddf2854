// Every character the UI may draw, in ONE list: the font atlas loads exactly these ranges
// (wasm/app/main.cpp), the build may subset the font files from them, and the probe counts any
// character drawn outside them as a missing glyph. One row per range, machine-readable:
//   {first, last, source font, faces that load it, "what"}
// No combining marks: text is NFC (text input, scans and uploads are normalised), so a mark
// drawn alone means un-normalised text reached the screen, and the probe reports it.
// A row's `faces` says which of the UI's faces need it: the big face (counters, enrollment
// codes: digits, A-Z and '-') holds Basic Latin only, because each of its glyphs costs ~4x the
// atlas space of a body glyph: with every Vietnamese letter it was half the atlas, and the
// atlas is built on the main thread in the first frame (issue 15, start-up).
#pragma once
#include <imgui.h>

namespace diemquet::ui::glyphs {

// The file a range's glyphs come from (/fonts/… inside the module's preloaded data).
enum class Source { Text, Symbols2, Math };
// Faces of ui::Fonts, as bits.
enum Face : unsigned { kBody = 1, kBold = 2, kTitle = 4, kBig = 8, kAllFaces = 15 };

struct Range {
  char32_t first, last;
  Source source;
  unsigned faces;
  const char* what;
};

// clang-format off
inline constexpr Range kRanges[] = {
  {0x0020, 0x007E, Source::Text,     kAllFaces, "Basic Latin"},
  {0x00A0, 0x00FF, Source::Text,     kBody | kBold | kTitle, "Latin-1 Supplement (À Á Â Ã È É Ê Ì Í Ò Ó Ô Õ Ù Ú Ý, · « » §)"},
  {0x0100, 0x017F, Source::Text,     kBody | kBold | kTitle, "Latin Extended-A (Ă ă Đ đ Ĩ ĩ Ũ ũ)"},
  {0x01A0, 0x01B0, Source::Text,     kBody | kBold | kTitle, "Latin Extended-B: Ơ ơ Ư ư"},
  {0x1EA0, 0x1EF9, Source::Text,     kBody | kBold | kTitle, "Latin Extended Additional: Vietnamese (Ạ … ỹ)"},
  {0x2010, 0x2027, Source::Text,     kBody | kBold | kTitle, "General Punctuation: dashes, quotes, bullet, ellipsis"},
  {0x2030, 0x203A, Source::Text,     kBody | kBold | kTitle, "General Punctuation: per mille, angle quotes"},
  {0x20AB, 0x20AC, Source::Text,     kBody | kBold | kTitle, "đồng sign ₫, euro sign €"},
  {0x2116, 0x2116, Source::Text,     kBody | kBold | kTitle, "numero sign №"},
  {0xFFFD, 0xFFFD, Source::Text,     kAllFaces, "replacement character: the atlas's fallback glyph (probe counts it)"},
  {0x2190, 0x2199, Source::Math,     kBody | kBold | kTitle, "Arrows ← ↑ → ↓ ↔"},
  {0x2212, 0x2212, Source::Math,     kBody | kBold | kTitle, "minus sign −"},
  {0x2264, 0x2265, Source::Math,     kBody | kBold | kTitle, "≤ ≥"},
  {0x25A1, 0x25A1, Source::Symbols2, kAllFaces, "white square □: what ui::drawable() draws for a character a face lacks"},
  {0x25CB, 0x25CF, Source::Symbols2, kBody | kBold | kTitle, "circles ○ ●"},
  {0x26A0, 0x26A0, Source::Symbols2, kBody | kBold | kTitle, "warning sign ⚠ (expired cards)"},
  {0x2713, 0x2717, Source::Symbols2, kBody | kBold | kTitle, "check marks ✓ ✔ and crosses ✕ ✖ ✗"},
};
// clang-format on

// The font file of a source, as preloaded into the module (wasm/app/CMakeLists.txt).
const char* sourceFile(Source s, bool bold);
// Zero-terminated ImGui ranges of `source` for `face`, built once; null when there are none.
const ImWchar* imguiRanges(Source source, Face face);
// True when `cp` is in a range `face` loads.
bool covers(char32_t cp, Face face);

}  // namespace diemquet::ui::glyphs
