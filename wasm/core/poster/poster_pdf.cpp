// The poster PDF: layout in millimetres on A4, QR as merged filled rectangles, text in subset
// CID-keyed TrueType fonts. Output depends only on the inputs (no dates, no random ids).
#include "poster/poster_pdf.hpp"

#include <qrencode.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "poster/deflate.hpp"
#include "poster/truetype.hpp"
#include "text.hpp"

namespace diemquet::poster {
namespace {

constexpr double kPtPerMm = 72.0 / 25.4;
constexpr double kMarginMm = 12.0;

// The PDF's runs are UTF-32 (one glyph per code point): the core's decoder, as a u32string.
std::u32string decodeUtf8(std::string_view s) {
  const std::vector<char32_t> cps = text::decodeUtf8(s);
  return std::u32string(cps.begin(), cps.end());
}

std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  std::string s = buf;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  if (s == "-0") s = "0";
  return s;
}

struct Run {
  int font;  // 0 regular, 1 bold
  double size;
  double x, y;  // baseline start, pt
  double gray;
  std::u32string text;
};

struct Page {
  std::vector<Run> runs;
  std::string graphics;
};

class Layout {
 public:
  Layout(const TrueTypeFont& regular, const TrueTypeFont& bold) : m_fonts{&regular, &bold} {}

  double width(int font, double size, const std::u32string& t) const {
    const TrueTypeFont& f = *m_fonts[font];
    double w = 0;
    for (char32_t c : t) w += f.advance(f.glyphOf(c));
    return w * size / f.unitsPerEm();
  }

  // A centred line at `mmFromTop` (baseline), shrunk to fit the printable width.
  void centred(Page& p, int font, double size, double mmFromTop, std::string_view utf8, double gray = 0) {
    std::u32string t = decodeUtf8(utf8);
    double maxW = (210.0 - 2 * kMarginMm) * kPtPerMm;
    double w = width(font, size, t);
    if (w > maxW) {
      size = std::max(6.0, size * maxW / w);
      w = width(font, size, t);
    }
    p.runs.push_back(Run{font, size, (kPageWidthPt - w) / 2, kPageHeightPt - mmFromTop * kPtPerMm, gray, t});
  }

 private:
  const TrueTypeFont* m_fonts[2];
};

// Horizontal runs of dark modules, one rectangle each, filled as one path.
std::string qrGraphics(const QrMatrix& qr, double leftPt, double topPt, double modulePt) {
  std::string g = "q 0 g\n";
  for (int y = 0; y < qr.side; ++y) {
    for (int x = 0; x < qr.side;) {
      if (!qr.dark(x, y)) {
        ++x;
        continue;
      }
      int x0 = x;
      while (x < qr.side && qr.dark(x, y)) ++x;
      g += fmt(leftPt + x0 * modulePt) + " " + fmt(topPt - (y + 1) * modulePt) + " " +
           fmt((x - x0) * modulePt) + " " + fmt(modulePt) + " re\n";
    }
  }
  g += "f Q\n";
  return g;
}

std::string hex4(unsigned v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04X", v & 0xFFFF);
  return buf;
}

std::string utf16Hex(char32_t cp) {
  if (cp < 0x10000) return hex4(unsigned(cp));
  cp -= 0x10000;
  return hex4(0xD800 + unsigned(cp >> 10)) + hex4(0xDC00 + unsigned(cp & 0x3FF));
}

class PdfWriter {
 public:
  explicit PdfWriter(int objects) : m_offsets(size_t(objects) + 1, 0) {
    m_out = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
  }
  void object(int id, const std::string& body) {
    m_offsets[size_t(id)] = m_out.size();
    m_out += std::to_string(id) + " 0 obj\n" + body + "\nendobj\n";
  }
  // A Flate stream; `extra` goes into its dictionary.
  void stream(int id, std::span<const uint8_t> data, const std::string& extra = {}) {
    std::vector<uint8_t> z = zlibCompress(data);
    m_offsets[size_t(id)] = m_out.size();
    m_out += std::to_string(id) + " 0 obj\n<< /Length " + std::to_string(z.size()) +
             " /Filter /FlateDecode" + extra + " >>\nstream\n";
    m_out.append(reinterpret_cast<const char*>(z.data()), z.size());
    m_out += "\nendstream\nendobj\n";
  }
  void stream(int id, const std::string& text, const std::string& extra = {}) {
    stream(id, std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(text.data()), text.size()), extra);
  }
  std::string finish(int rootId, int infoId) {
    size_t xref = m_out.size();
    m_out += "xref\n0 " + std::to_string(m_offsets.size()) + "\n0000000000 65535 f \n";
    char buf[32];
    for (size_t i = 1; i < m_offsets.size(); ++i) {
      std::snprintf(buf, sizeof buf, "%010zu 00000 n \n", m_offsets[i]);
      m_out += buf;
    }
    m_out += "trailer\n<< /Size " + std::to_string(m_offsets.size()) + " /Root " + std::to_string(rootId) +
             " 0 R /Info " + std::to_string(infoId) + " 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    return std::move(m_out);
  }

 private:
  std::vector<size_t> m_offsets;
  std::string m_out;
};

std::string ref(int id) { return std::to_string(id) + " 0 R"; }

bool cleanText(std::string_view s) { return text::isValidUtf8(s) && !text::hasControlChars(s); }

}  // namespace

Result<QrMatrix> encodeQr(std::string_view url) {
  if (url.empty() || url.size() > 1000) return makeError(ErrorKind::Unsupported, "URL too long for a poster QR", "url");
  QRcode* code = QRcode_encodeData(int(url.size()), reinterpret_cast<const unsigned char*>(url.data()), 0, QR_ECLEVEL_Q);
  if (!code) return makeError(ErrorKind::Unsupported, "URL does not fit a QR code", "url");
  QrMatrix m;
  m.version = code->version;
  m.side = code->width;
  m.modules.resize(size_t(m.side) * size_t(m.side));
  for (size_t i = 0; i < m.modules.size(); ++i) m.modules[i] = code->data[i] & 1;
  QRcode_free(code);
  if (m.version > kMaxQrVersion)
    return makeError(ErrorKind::Unsupported, "URL needs QR version " + std::to_string(m.version) +
                                                 ", above the poster limit " + std::to_string(kMaxQrVersion), "url");
  return m;
}

Result<std::string> renderPosterPdf(const PosterSheet& sheet, std::span<const uint8_t> regularTtf,
                                    std::span<const uint8_t> boldTtf) {
  if (sheet.pages.empty()) return makeError(ErrorKind::Malformed, "a poster sheet needs at least one scan point", "pages");
  auto regular = TrueTypeFont::parse(regularTtf);
  if (!regular) return regular.error();
  auto bold = TrueTypeFont::parse(boldTtf);
  if (!bold) return bold.error();
  for (std::string_view s : {std::string_view(sheet.venue.name), std::string_view(sheet.venue.address)})
    if (!cleanText(s)) return makeError(ErrorKind::InvalidText, "venue text is not clean UTF-8", "venue");

  Layout lay(*regular, *bold);
  std::vector<Page> pages;
  for (const PosterPage& pp : sheet.pages) {
    if (!cleanText(pp.point.name) || !cleanText(pp.shortCode) || !cleanText(pp.validityNote) ||
        !cleanText(pp.shortCodeUrl) || !cleanText(pp.reportUrl))
      return makeError(ErrorKind::InvalidText, "scan point text is not clean UTF-8", "point");
    auto qr = encodeQr(pp.signedUrl);
    if (!qr) return qr.error();
    Page p;
    double moduleMm = kQrSymbolMm / qr->side;
    double quietMm = kQuietModules * moduleMm;
    double blockTopMm = 46.0;
    double symbolTopMm = blockTopMm + quietMm;
    double symbolBottomMm = symbolTopMm + kQrSymbolMm;
    double blockBottomMm = symbolBottomMm + quietMm;

    lay.centred(p, 1, 26, 22, sheet.venue.name);
    lay.centred(p, 0, 12, 30, sheet.venue.address, 0.2);
    lay.centred(p, 1, 18, 41, "Điểm quét: " + pp.point.name);
    p.graphics = qrGraphics(*qr, (kPageWidthPt - kQrSymbolMm * kPtPerMm) / 2, kPageHeightPt - symbolTopMm * kPtPerMm,
                            moduleMm * kPtPerMm);
    double y = blockBottomMm + 8;
    lay.centred(p, 1, 18, y, "Quét mã QR để khai báo khi vào/ra");
    lay.centred(p, 0, 11, y += 7, "Mở camera điện thoại, hướng vào mã rồi mở đường dẫn hiện ra. Không cần cài ứng dụng.");
    lay.centred(p, 0, 10, y += 5.5, "Scan the QR code to check in and out – no app needed.", 0.35);
    if (pp.shortCodeUrl.empty()) {
      lay.centred(p, 0, 11, y += 9, "Không quét được? Nhập mã địa điểm:");
      lay.centred(p, 1, 24, y += 10, pp.shortCode);
    } else {  // what to do with the code, printed, so nobody is left holding a code nothing takes
      lay.centred(p, 0, 11, y += 8.5, "Không quét được? Mở trình duyệt, gõ địa chỉ:");
      lay.centred(p, 1, 16, y += 8, pp.shortCodeUrl);
      lay.centred(p, 1, 14, y += 8.5, "Mã địa điểm: " + pp.shortCode);
    }
    // The rules asked citizens to report venues that do not scan: where, on the poster itself.
    if (!pp.reportUrl.empty()) lay.centred(p, 0, 11, y += 8.5, "Báo cáo vi phạm: " + pp.reportUrl);
    std::string foot = "Mã QR có chữ ký số của địa điểm – không dán đè, không dùng cho địa điểm khác.";
    if (!pp.validityNote.empty()) lay.centred(p, 0, 9, 281, pp.validityNote, 0.2);
    lay.centred(p, 0, 8, 287, foot, 0.35);
    pages.push_back(std::move(p));
  }

  // Subset each font to the glyphs its runs use.
  const TrueTypeFont* fonts[2] = {&*regular, &*bold};
  std::map<uint16_t, uint16_t> newIds[2];
  std::vector<uint8_t> subsets[2];
  std::map<uint16_t, char32_t> unicodeOf[2];  // new glyph id -> code point, first wins
  for (int f = 0; f < 2; ++f) {
    std::vector<uint16_t> used;
    for (const Page& p : pages)
      for (const Run& r : p.runs)
        if (r.font == f)
          for (char32_t c : r.text) used.push_back(fonts[f]->glyphOf(c));
    auto sub = fonts[f]->subset(used, newIds[f]);
    if (!sub) return sub.error();
    subsets[f] = std::move(sub.value());
    for (const Page& p : pages)
      for (const Run& r : p.runs)
        if (r.font == f)
          for (char32_t c : r.text) unicodeOf[f].emplace(newIds[f][fonts[f]->glyphOf(c)], c);
  }

  // Objects: 1 catalog, 2 pages, 3 info, 4..13 fonts (5 each), then page + content per page.
  const int kFirstPage = 14;
  PdfWriter w(kFirstPage - 1 + 2 * int(pages.size()));
  std::string kids;
  for (size_t i = 0; i < pages.size(); ++i) kids += ref(kFirstPage + 2 * int(i)) + " ";
  w.object(1, "<< /Type /Catalog /Pages 2 0 R /Lang (vi-VN) /ViewerPreferences << /PrintScaling /None >> >>");
  w.object(2, "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages.size()) + " >>");
  std::string title = "FEFF";
  for (char32_t c : decodeUtf8("Áp phích mã QR – " + sheet.venue.name)) title += utf16Hex(c);
  w.object(3, "<< /Title <" + title + "> /Producer (DiemQuet poster 1) >>");

  for (int f = 0; f < 2; ++f) {
    const TrueTypeFont& font = *fonts[f];
    int base = 4 + 5 * f;
    double k = 1000.0 / font.unitsPerEm();
    // Subset tag: six letters from a hash of the glyph list (PDF 32000 §9.6.4).
    uint32_t h = 2166136261u;
    for (auto& [o, n] : newIds[f]) h = (h ^ o) * 16777619u;
    std::string name;
    for (int i = 0; i < 6; ++i, h /= 26) name += char('A' + h % 26);
    name += "+" + font.postScriptName();

    std::string widths;
    std::vector<uint16_t> byNew(newIds[f].size());
    for (auto& [o, n] : newIds[f]) byNew[n] = o;
    for (uint16_t o : byNew) widths += std::to_string(std::lround(font.advance(o) * k)) + " ";
    w.object(base, "<< /Type /Font /Subtype /Type0 /BaseFont /" + name + " /Encoding /Identity-H /DescendantFonts [" +
                       ref(base + 1) + "] /ToUnicode " + ref(base + 4) + " >>");
    w.object(base + 1, "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /" + name +
                           " /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor " +
                           ref(base + 2) + " /CIDToGIDMap /Identity /DW 1000 /W [0 [" + widths + "]] >>");
    const int16_t* bb = font.bbox();
    w.object(base + 2, "<< /Type /FontDescriptor /FontName /" + name + " /Flags 32 /FontBBox [" +
                           std::to_string(std::lround(bb[0] * k)) + " " + std::to_string(std::lround(bb[1] * k)) + " " +
                           std::to_string(std::lround(bb[2] * k)) + " " + std::to_string(std::lround(bb[3] * k)) +
                           "] /ItalicAngle 0 /Ascent " + std::to_string(std::lround(font.ascender() * k)) +
                           " /Descent " + std::to_string(std::lround(font.descender() * k)) + " /CapHeight " +
                           std::to_string(std::lround(font.capHeight() * k)) + " /StemV " + (f ? "140" : "80") +
                           " /FontFile2 " + ref(base + 3) + " >>");
    w.stream(base + 3, subsets[f], " /Length1 " + std::to_string(subsets[f].size()));

    std::string cmap =
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    std::vector<std::pair<uint16_t, char32_t>> map(unicodeOf[f].begin(), unicodeOf[f].end());
    for (size_t i = 0; i < map.size(); i += 100) {
      size_t n = std::min<size_t>(100, map.size() - i);
      cmap += std::to_string(n) + " beginbfchar\n";
      for (size_t j = i; j < i + n; ++j) cmap += "<" + hex4(map[j].first) + "> <" + utf16Hex(map[j].second) + ">\n";
      cmap += "endbfchar\n";
    }
    cmap += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
    w.stream(base + 4, cmap);
  }

  for (size_t i = 0; i < pages.size(); ++i) {
    const Page& p = pages[i];
    std::string c = p.graphics;
    for (const Run& r : p.runs) {
      c += "BT " + fmt(r.gray) + " g /F" + std::to_string(r.font + 1) + " " + fmt(r.size) + " Tf 1 0 0 1 " + fmt(r.x) +
           " " + fmt(r.y) + " Tm <";
      for (char32_t ch : r.text) c += hex4(newIds[r.font][fonts[r.font]->glyphOf(ch)]);
      c += "> Tj ET\n";
    }
    int id = kFirstPage + 2 * int(i);
    w.object(id, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + fmt(kPageWidthPt) + " " + fmt(kPageHeightPt) +
                     "] /Resources << /Font << /F1 4 0 R /F2 9 0 R >> >> /Contents " + ref(id + 1) + " >>");
    w.stream(id + 1, c);
  }
  return w.finish(1, 3);
}

}  // namespace diemquet::poster
