// Just enough TrueType for embedding in PDF: the character map, advance widths, vertical
// metrics, and a subset made of the glyphs a document uses (composite parts included).
#pragma once
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "result.hpp"

namespace diemquet::poster {

class TrueTypeFont {
 public:
  // Reads the tables it needs; the bytes must outlive the font object. Unsupported for
  // CFF-flavoured OpenType or a font without a Unicode cmap.
  static Result<TrueTypeFont> parse(std::span<const uint8_t> bytes);

  uint16_t glyphOf(char32_t cp) const;         // 0 (.notdef) if the font lacks it
  int advance(uint16_t glyph) const;           // font units
  int unitsPerEm() const { return m_unitsPerEm; }
  int ascender() const { return m_ascender; }  // font units, hhea
  int descender() const { return m_descender; }
  int capHeight() const { return m_capHeight; }
  const int16_t* bbox() const { return m_bbox; }  // xMin yMin xMax yMax
  const std::string& postScriptName() const { return m_psName; }

  // A standalone TrueType font holding .notdef and `glyphs` (plus the glyphs their composites
  // use), renumbered: newIds[old] = new id. Hinting tables (cvt, fpgm, prep) are kept.
  Result<std::vector<uint8_t>> subset(const std::vector<uint16_t>& glyphs,
                                      std::map<uint16_t, uint16_t>& newIds) const;

 private:
  struct Table {
    uint32_t offset = 0, length = 0;
  };
  std::span<const uint8_t> table(const char* tag) const;
  std::span<const uint8_t> glyphData(uint16_t glyph) const;

  std::span<const uint8_t> m_bytes;
  std::map<std::string, Table> m_tables;
  std::map<char32_t, uint16_t> m_cmap;
  int m_unitsPerEm = 1000, m_ascender = 0, m_descender = 0, m_capHeight = 0;
  int16_t m_bbox[4] = {0, 0, 0, 0};
  int m_numGlyphs = 0, m_numHMetrics = 0, m_locaFormat = 0;
  std::string m_psName;
};

}  // namespace diemquet::poster
