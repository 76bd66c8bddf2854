#include "glyph_ranges.hpp"

#include <map>
#include <utility>
#include <vector>

namespace diemquet::ui::glyphs {

const char* sourceFile(Source s, bool bold) {
  switch (s) {
    case Source::Symbols2: return "/fonts/NotoSansSymbols2-Regular.ttf";
    case Source::Math: return "/fonts/NotoSansMath-Regular.ttf";
    default: return bold ? "/fonts/NotoSans-Bold.ttf" : "/fonts/NotoSans-Regular.ttf";
  }
}

const ImWchar* imguiRanges(Source source, Face face) {
  // ImGui keeps a pointer to the ranges until the atlas is built: they live for the program.
  static std::map<std::pair<int, unsigned>, std::vector<ImWchar>> built;
  auto& v = built[{int(source), unsigned(face)}];
  if (v.empty()) {
    for (const Range& r : kRanges)
      if (r.source == source && (r.faces & face)) {
        v.push_back(ImWchar(r.first));
        v.push_back(ImWchar(r.last));
      }
    if (v.empty()) return nullptr;
    v.push_back(0);
  }
  return v.data();
}

bool covers(char32_t cp, Face face) {
  for (const Range& r : kRanges)
    if ((r.faces & face) && cp >= r.first && cp <= r.last) return true;
  return false;
}

}  // namespace diemquet::ui::glyphs
