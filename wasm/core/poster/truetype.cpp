// TrueType reading and subsetting for the poster PDF (tables per the OpenType spec).
#include "poster/truetype.hpp"

#include <algorithm>
#include <cstring>
#include <set>

namespace diemquet::poster {
namespace {

uint16_t u16(std::span<const uint8_t> b, size_t at) {
  return at + 2 <= b.size() ? uint16_t((b[at] << 8) | b[at + 1]) : 0;
}
int16_t s16(std::span<const uint8_t> b, size_t at) { return int16_t(u16(b, at)); }
uint32_t u32(std::span<const uint8_t> b, size_t at) {
  return at + 4 <= b.size() ? (uint32_t(u16(b, at)) << 16) | u16(b, at + 2) : 0;
}
void put16(std::vector<uint8_t>& v, size_t at, uint16_t x) {
  v[at] = uint8_t(x >> 8);
  v[at + 1] = uint8_t(x);
}
void put32(std::vector<uint8_t>& v, size_t at, uint32_t x) {
  put16(v, at, uint16_t(x >> 16));
  put16(v, at + 2, uint16_t(x));
}
void push16(std::vector<uint8_t>& v, uint16_t x) {
  v.push_back(uint8_t(x >> 8));
  v.push_back(uint8_t(x));
}
void push32(std::vector<uint8_t>& v, uint32_t x) {
  push16(v, uint16_t(x >> 16));
  push16(v, uint16_t(x));
}
uint32_t checksum(const std::vector<uint8_t>& t) {
  uint32_t sum = 0;
  for (size_t i = 0; i < t.size(); i += 4) {
    uint32_t w = 0;
    for (size_t k = 0; k < 4; ++k) w = (w << 8) | (i + k < t.size() ? t[i + k] : 0);
    sum += w;
  }
  return sum;
}

// Composite glyph flags.
constexpr uint16_t kArgsAreWords = 0x0001, kHaveScale = 0x0008, kMoreComponents = 0x0020,
                   kHaveXYScale = 0x0040, kHaveTwoByTwo = 0x0080;

// Calls f(offsetOfGlyphIndex) for each component of a composite glyph.
template <class F>
void forEachComponent(std::span<const uint8_t> g, F f) {
  if (g.size() < 10 || s16(g, 0) >= 0) return;
  size_t at = 10;
  for (;;) {
    if (at + 4 > g.size()) return;
    uint16_t flags = u16(g, at);
    f(at + 2);
    at += 4 + ((flags & kArgsAreWords) ? 4 : 2);
    if (flags & kHaveScale) at += 2;
    else if (flags & kHaveXYScale) at += 4;
    else if (flags & kHaveTwoByTwo) at += 8;
    if (!(flags & kMoreComponents)) return;
  }
}

Error bad(std::string m) { return makeError(ErrorKind::Unsupported, "font: " + std::move(m), "font"); }

}  // namespace

std::span<const uint8_t> TrueTypeFont::table(const char* tag) const {
  auto it = m_tables.find(tag);
  if (it == m_tables.end()) return {};
  return m_bytes.subspan(it->second.offset, it->second.length);
}

Result<TrueTypeFont> TrueTypeFont::parse(std::span<const uint8_t> bytes) {
  TrueTypeFont f;
  f.m_bytes = bytes;
  uint32_t version = u32(bytes, 0);
  if (version != 0x00010000 && version != 0x74727565) return bad("not a TrueType font (CFF or collection?)");
  uint16_t n = u16(bytes, 4);
  for (uint16_t i = 0; i < n; ++i) {
    size_t rec = 12 + 16 * size_t(i);
    if (rec + 16 > bytes.size()) return bad("truncated table directory");
    std::string tag(reinterpret_cast<const char*>(bytes.data() + rec), 4);
    Table t{u32(bytes, rec + 8), u32(bytes, rec + 12)};
    if (uint64_t(t.offset) + t.length > bytes.size()) return bad("table " + tag + " out of bounds");
    f.m_tables[tag] = t;
  }
  for (const char* need : {"head", "hhea", "hmtx", "maxp", "loca", "glyf", "cmap"})
    if (!f.m_tables.contains(need)) return bad(std::string("missing table ") + need);

  auto head = f.table("head");
  f.m_unitsPerEm = u16(head, 18);
  for (int i = 0; i < 4; ++i) f.m_bbox[i] = s16(head, 36 + 2 * i);
  f.m_locaFormat = s16(head, 50);
  auto hhea = f.table("hhea");
  f.m_ascender = s16(hhea, 4);
  f.m_descender = s16(hhea, 6);
  f.m_numHMetrics = u16(hhea, 34);
  f.m_numGlyphs = u16(f.table("maxp"), 4);
  if (f.m_unitsPerEm == 0 || f.m_numHMetrics == 0 || f.m_numGlyphs == 0) return bad("bad metrics");
  auto os2 = f.table("OS/2");
  f.m_capHeight = (os2.size() >= 90 && u16(os2, 0) >= 2) ? s16(os2, 88) : f.m_ascender * 7 / 10;

  // cmap: prefer format 12 (3,10), else format 4 (3,1 or 0,x).
  auto cmap = f.table("cmap");
  size_t best = 0;
  int bestRank = 0;
  for (uint16_t i = 0; i < u16(cmap, 2); ++i) {
    size_t rec = 4 + 8 * size_t(i);
    uint16_t pid = u16(cmap, rec), eid = u16(cmap, rec + 2);
    size_t off = u32(cmap, rec + 4);
    uint16_t fmt = u16(cmap, off);
    int rank = (fmt == 12 && (pid == 3 || pid == 0)) ? 3 : (fmt == 4 && (pid == 0 || (pid == 3 && eid == 1))) ? 2 : 0;
    if (rank > bestRank) bestRank = rank, best = off;
  }
  if (bestRank == 0) return bad("no Unicode cmap");
  if (u16(cmap, best) == 4) {
    uint16_t segX2 = u16(cmap, best + 6);
    size_t ends = best + 14, starts = ends + segX2 + 2, deltas = starts + segX2, ranges = deltas + segX2;
    for (size_t s = 0; s < segX2 / 2u; ++s) {
      uint16_t end = u16(cmap, ends + 2 * s), start = u16(cmap, starts + 2 * s);
      uint16_t delta = u16(cmap, deltas + 2 * s), ro = u16(cmap, ranges + 2 * s);
      for (uint32_t c = start; c <= end && c != 0xFFFF; ++c) {
        uint16_t g;
        if (ro == 0) {
          g = uint16_t(c + delta);
        } else {
          g = u16(cmap, ranges + 2 * s + ro + 2 * (c - start));
          if (g) g = uint16_t(g + delta);
        }
        if (g) f.m_cmap[c] = g;
      }
    }
  } else {
    uint32_t groups = u32(cmap, best + 12);
    for (uint32_t i = 0; i < groups; ++i) {
      size_t g = best + 16 + 12 * size_t(i);
      uint32_t a = u32(cmap, g), b = u32(cmap, g + 4), gid = u32(cmap, g + 8);
      if (b - a > 0x10000) return bad("cmap group too large");
      for (uint32_t c = a; c <= b; ++c) f.m_cmap[c] = uint16_t(gid + (c - a));
    }
  }

  // PostScript name (name id 6), Windows UTF-16BE or Mac Roman.
  auto name = f.table("name");
  size_t count = u16(name, 2), strings = u16(name, 4);
  for (size_t i = 0; i < count && f.m_psName.empty(); ++i) {
    size_t rec = 6 + 12 * i;
    if (u16(name, rec + 6) != 6) continue;
    uint16_t pid = u16(name, rec), len = u16(name, rec + 8), off = u16(name, rec + 10);
    std::string s;
    size_t step = pid == 3 ? 2 : 1;
    for (size_t k = (step == 2 ? 1 : 0); k < len; k += step) {
      size_t at = strings + off + k;
      if (at >= name.size()) break;
      char c = char(name[at]);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') s += c;
    }
    f.m_psName = s;
  }
  if (f.m_psName.empty()) f.m_psName = "Font";
  return f;
}

uint16_t TrueTypeFont::glyphOf(char32_t cp) const {
  auto it = m_cmap.find(cp);
  return it == m_cmap.end() ? 0 : it->second;
}

int TrueTypeFont::advance(uint16_t glyph) const {
  auto hmtx = table("hmtx");
  int i = std::min<int>(glyph, m_numHMetrics - 1);
  return u16(hmtx, 4 * size_t(i));
}

std::span<const uint8_t> TrueTypeFont::glyphData(uint16_t glyph) const {
  if (glyph >= m_numGlyphs) return {};
  auto loca = table("loca");
  auto glyf = table("glyf");
  size_t a, b;
  if (m_locaFormat == 0) {
    a = size_t(u16(loca, 2 * size_t(glyph))) * 2;
    b = size_t(u16(loca, 2 * size_t(glyph) + 2)) * 2;
  } else {
    a = u32(loca, 4 * size_t(glyph));
    b = u32(loca, 4 * size_t(glyph) + 4);
  }
  if (b < a || b > glyf.size()) return {};
  return glyf.subspan(a, b - a);
}

Result<std::vector<uint8_t>> TrueTypeFont::subset(const std::vector<uint16_t>& glyphs,
                                                  std::map<uint16_t, uint16_t>& newIds) const {
  // Closure over composite components, in a stable order: .notdef, then ascending old ids.
  std::set<uint16_t> keep{0};
  std::vector<uint16_t> todo(glyphs.begin(), glyphs.end());
  while (!todo.empty()) {
    uint16_t g = todo.back();
    todo.pop_back();
    if (g >= m_numGlyphs || !keep.insert(g).second) continue;
    auto data = glyphData(g);
    forEachComponent(data, [&](size_t at) { todo.push_back(u16(data, at)); });
  }
  newIds.clear();
  std::vector<uint16_t> order(keep.begin(), keep.end());
  for (size_t i = 0; i < order.size(); ++i) newIds[order[i]] = uint16_t(i);

  std::vector<uint8_t> glyf, loca, hmtx;
  auto hmtxIn = table("hmtx");
  for (uint16_t old : order) {
    push32(loca, uint32_t(glyf.size()));
    auto data = glyphData(old);
    size_t start = glyf.size();
    glyf.insert(glyf.end(), data.begin(), data.end());
    forEachComponent(data, [&](size_t at) { put16(glyf, start + at, newIds[u16(data, at)]); });
    while (glyf.size() % 4) glyf.push_back(0);
    int i = std::min<int>(old, m_numHMetrics - 1);
    push16(hmtx, u16(hmtxIn, 4 * size_t(i)));
    // left side bearing: in the long metrics, or in the trailing array
    int16_t lsb = old < m_numHMetrics ? s16(hmtxIn, 4 * size_t(old) + 2)
                                      : s16(hmtxIn, 4 * size_t(m_numHMetrics) + 2 * size_t(old - m_numHMetrics));
    push16(hmtx, uint16_t(lsb));
  }
  push32(loca, uint32_t(glyf.size()));

  auto copyOf = [&](const char* tag) {
    auto t = table(tag);
    return std::vector<uint8_t>(t.begin(), t.end());
  };
  std::vector<uint8_t> head = copyOf("head"), hhea = copyOf("hhea"), maxp = copyOf("maxp");
  if (head.size() < 54 || hhea.size() < 36 || maxp.size() < 6) return bad("short head/hhea/maxp");
  put32(head, 8, 0);    // checkSumAdjustment, set below
  put16(head, 50, 1);   // long loca
  put16(hhea, 34, uint16_t(order.size()));
  put16(maxp, 4, uint16_t(order.size()));

  std::map<std::string, std::vector<uint8_t>> out;
  out["head"] = head;
  out["hhea"] = hhea;
  out["maxp"] = maxp;
  out["hmtx"] = hmtx;
  out["loca"] = loca;
  out["glyf"] = glyf;
  for (const char* tag : {"cvt ", "fpgm", "prep", "OS/2"})
    if (m_tables.contains(tag)) out[tag] = copyOf(tag);

  // Table directory (tags sorted, as std::map orders them), then 4-byte aligned tables.
  std::vector<uint8_t> font;
  uint16_t n = uint16_t(out.size());
  uint16_t entrySel = 0;
  while ((2u << entrySel) <= n) ++entrySel;
  uint16_t searchRange = uint16_t(16u << entrySel);
  push32(font, 0x00010000);
  push16(font, n);
  push16(font, searchRange);
  push16(font, entrySel);
  push16(font, uint16_t(n * 16 - searchRange));
  size_t dir = font.size();
  font.resize(dir + 16 * size_t(n));
  size_t headAt = 0, i = 0;
  for (auto& [tag, data] : out) {
    size_t rec = dir + 16 * i++;
    std::memcpy(&font[rec], tag.data(), 4);
    put32(font, rec + 4, checksum(data));
    put32(font, rec + 8, uint32_t(font.size()));
    put32(font, rec + 12, uint32_t(data.size()));
    if (tag == "head") headAt = font.size();
    font.insert(font.end(), data.begin(), data.end());
    while (font.size() % 4) font.push_back(0);
  }
  put32(font, headAt + 8, 0xB1B0AFBAu - checksum(font));
  return font;
}

}  // namespace diemquet::poster
