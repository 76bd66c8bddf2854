// The poster PDF: QR capacity, our deflate (checked by a small inflater here), the font subset,
// and the PDF's structure (objects, xref, fonts, ToUnicode). Rendering and scanning the printed
// poster is stage 38-poster-pdf.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <stdexcept>

#include "poster/deflate.hpp"
#include "poster/poster_pdf.hpp"
#include "poster/signed_url.hpp"
#include "poster/truetype.hpp"

using namespace diemquet;
using namespace diemquet::poster;

namespace {

std::vector<uint8_t> readFile(const char* path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}
const std::vector<uint8_t>& regularFont() {
  static auto f = readFile("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf");
  return f;
}
const std::vector<uint8_t>& boldFont() {
  static auto f = readFile("/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf");
  return f;
}

// Inflater for zlib streams holding fixed-Huffman blocks (what zlibCompress writes). Empty on
// any error.
std::vector<uint8_t> inflateFixed(std::span<const uint8_t> z) {
  static const uint16_t lb[] = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27,
                                31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
  static const uint8_t le[] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
  static const uint16_t db[] = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129,
                                193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
  static const uint8_t de[] = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};
  std::vector<uint8_t> out;
  if (z.size() < 6 || ((z[0] << 8) | z[1]) % 31 != 0 || (z[0] & 0x0F) != 8) return {};
  size_t pos = 16;  // bit position
  size_t limit = (z.size() - 4) * 8;
  auto bit = [&]() -> int {
    if (pos >= limit) throw std::out_of_range("eof");
    int b = (z[pos / 8] >> (pos % 8)) & 1;
    ++pos;
    return b;
  };
  auto bits = [&](int n) {
    unsigned v = 0;
    for (int i = 0; i < n; ++i) v |= unsigned(bit()) << i;
    return v;
  };
  auto code = [&](int n, unsigned start) {  // continue a MSB-first code
    for (int i = 0; i < n; ++i) start = (start << 1) | unsigned(bit());
    return start;
  };
  (void)code;
  auto sym = [&]() -> int {
    unsigned c = code(7, 0);
    if (c <= 23) return int(256 + c);
    c = code(1, c);
    if (c >= 0x30 && c <= 0xBF) return int(c - 0x30);
    if (c >= 0xC0 && c <= 0xC7) return int(280 + c - 0xC0);
    c = code(1, c);
    return int(144 + c - 0x190);
  };
#if defined(__cpp_exceptions)
  try {
#endif
    for (bool last = false; !last;) {
      last = bit();
      if (bits(2) != 1) return {};
      for (;;) {
        int s = sym();
        if (s < 256) {
          out.push_back(uint8_t(s));
        } else if (s == 256) {
          break;
        } else {
          int li = s - 257;
          if (li > 28) return {};
          size_t len = lb[li] + bits(le[li]);
          unsigned di = code(5, 0);
          if (di > 29) return {};
          size_t dist = db[di] + bits(de[di]);
          if (dist > out.size()) return {};
          for (size_t k = 0; k < len; ++k) out.push_back(out[out.size() - dist]);
        }
      }
    }
#if defined(__cpp_exceptions)
  } catch (const std::out_of_range&) {
    return {};
  }
#endif
  uint32_t a = 1, b = 0;
  for (uint8_t c : out) a = (a + c) % 65521, b = (b + a) % 65521;
  size_t t = z.size() - 4;
  uint32_t want = (uint32_t(z[t]) << 24) | (uint32_t(z[t + 1]) << 16) | (uint32_t(z[t + 2]) << 8) | z[t + 3];
  if (want != ((b << 16) | a)) return {};
  return out;
}

// Each stream's inflated content.
std::vector<std::string> streams(const std::string& pdf) {
  std::vector<std::string> out;
  for (size_t at = 0; (at = pdf.find("stream\n", at)) != std::string::npos;) {
    if (at >= 3 && pdf.compare(at - 3, 3, "end") == 0) {
      at += 7;
      continue;
    }
    size_t len = std::stoul(pdf.substr(pdf.rfind("/Length ", at) + 8));
    auto body = std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(pdf.data() + at + 7), len);
    auto raw = inflateFixed(body);
    out.emplace_back(raw.begin(), raw.end());
    at += 7 + len;
  }
  return out;
}

PosterSheet sampleSheet() {
  SigningKey k = makeSigningKey("k1", Seed{}).value();
  PosterSheet s;
  s.venue = Venue{"cho-ben-thanh", "Chợ Bến Thành", "Lê Lợi, phường Bến Thành, Quận 1, TP. Hồ Chí Minh", "market", 120, 90};
  for (auto [id, name] : {std::pair{"cong-chinh", "Cổng chính"}, std::pair{"cong-phu", "Cổng phụ đường Phan Bội Châu"}}) {
    PosterPage p;
    p.point = ScanPoint{id, "cho-ben-thanh", name};
    p.signedUrl = sign({"cho-ben-thanh", id, {0, 20251231}}, k, "https://diemquet.example.vn").value();
    p.shortCode = shortCode("cho-ben-thanh", id);
    p.validityNote = "Hiệu lực đến hết ngày 31/12/2025";
    s.pages.push_back(p);
  }
  return s;
}

}  // namespace

TEST(PosterDeflate, RoundTripsTextBinaryAndEmpty) {
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "Quét mã QR để khai báo " + std::to_string(i % 37) + "\n";
  std::vector<uint8_t> bin(70000);
  uint32_t x = 12345;
  for (auto& b : bin) b = uint8_t((x = x * 1103515245u + 12345u) >> 24);
  for (size_t i = 40000; i < bin.size(); ++i) bin[i] = bin[i - 33000];  // a far repeat
  std::vector<std::vector<uint8_t>> cases{{}, {'a'}, std::vector<uint8_t>(text.begin(), text.end()), bin,
                                          std::vector<uint8_t>(1000, 0)};
  for (const auto& c : cases) {
    auto z = zlibCompress(c);
    EXPECT_EQ(inflateFixed(z), c) << "size " << c.size();
  }
  auto zt = zlibCompress(cases[2]);
  EXPECT_LT(zt.size(), cases[2].size() / 5);
}

TEST(PosterQr, SignedUrlsFitAtLevelQ) {
  SigningKey k = makeSigningKey("abcd1234", Seed{}).value();
  std::string url = sign({std::string(24, 'v'), std::string(16, 'p'), {20250101, 20251231}}, k,
                         "https://diemquet.example.vn").value();
  auto qr = encodeQr(url);
  ASSERT_TRUE(qr.ok());
  EXPECT_LE(qr->version, kMaxQrVersion);
  EXPECT_EQ(qr->side, 17 + 4 * qr->version);
  EXPECT_GE(kQrSymbolMm / qr->side, 2.0);  // module size in mm
  auto tooLong = encodeQr("https://diemquet.example.vn/" + std::string(400, 'x'));
  ASSERT_FALSE(tooLong.ok());
  EXPECT_EQ(tooLong.error().kind, ErrorKind::Unsupported);
}

TEST(PosterFont, NotoSansHasEveryVietnameseLetter) {
  ASSERT_GT(regularFont().size(), 100000u) << "fonts-noto-core not installed";
  auto f = TrueTypeFont::parse(regularFont());
  ASSERT_TRUE(f.ok()) << f.error().message;
  for (char32_t c : std::u32string(U"ẾếỆệỞởỮữĐđƠơƯưẠạẶặỹỸ")) EXPECT_NE(f->glyphOf(c), 0) << unsigned(c);
  EXPECT_GT(f->advance(f->glyphOf(U'W')), f->advance(f->glyphOf(U'i')));
  EXPECT_EQ(f->postScriptName(), "NotoSans-Regular");
}

TEST(PosterFont, SubsetKeepsCompositePartsAndIsSmall) {
  auto f = TrueTypeFont::parse(regularFont());
  ASSERT_TRUE(f.ok());
  std::vector<uint16_t> glyphs;
  for (char32_t c : std::u32string(U"Quét mã QR để khai báo khi vào/ra")) glyphs.push_back(f->glyphOf(c));
  std::map<uint16_t, uint16_t> ids;
  auto sub = f->subset(glyphs, ids);
  ASSERT_TRUE(sub.ok());
  EXPECT_EQ(ids.at(0), 0);
  for (uint16_t g : glyphs) EXPECT_TRUE(ids.contains(g));
  EXPECT_GE(ids.size(), std::set<uint16_t>(glyphs.begin(), glyphs.end()).size());
  EXPECT_LT(sub->size(), 30000u);
  EXPECT_EQ((*sub)[0], 0);
  EXPECT_EQ((*sub)[1], 1);
}

TEST(PosterPdf, TwoScanPointsMakeTwoPagesWithEmbeddedSubsetFonts) {
  PosterSheet sheet = sampleSheet();
  auto pdf = renderPosterPdf(sheet, regularFont(), boldFont());
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  const std::string& s = *pdf;
  EXPECT_TRUE(s.starts_with("%PDF-1.7\n"));
  EXPECT_TRUE(s.ends_with("%%EOF\n"));
  size_t pages = 0;
  for (size_t at = 0; (at = s.find("/Type /Page ", at)) != std::string::npos; ++at) ++pages;
  EXPECT_EQ(pages, 2u);
  EXPECT_NE(s.find("/MediaBox [0 0 595.276 841.89]"), std::string::npos);
  EXPECT_NE(s.find("/Subtype /Type0"), std::string::npos);
  EXPECT_NE(s.find("/Subtype /CIDFontType2"), std::string::npos);
  EXPECT_NE(s.find("/Encoding /Identity-H"), std::string::npos);
  EXPECT_NE(s.find("+NotoSans-Regular"), std::string::npos);
  EXPECT_NE(s.find("+NotoSans-Bold"), std::string::npos);
  EXPECT_NE(s.find("/FontFile2"), std::string::npos);
  EXPECT_NE(s.find("/W [0 ["), std::string::npos);
  EXPECT_LT(s.size(), 120000u);
  std::printf("poster PDF: %zu bytes\n", s.size());
}

TEST(PosterPdf, XrefPointsAtEveryObject) {
  auto pdf = renderPosterPdf(sampleSheet(), regularFont(), boldFont());
  ASSERT_TRUE(pdf.ok());
  const std::string& s = *pdf;
  size_t startxref = std::stoul(s.substr(s.rfind("startxref\n") + 10));
  ASSERT_EQ(s.compare(startxref, 5, "xref\n"), 0);
  size_t count = std::stoul(s.substr(startxref + 7));
  EXPECT_EQ(count, 18u);  // 13 fixed objects + 2 per page + the free entry
  size_t line = s.find('\n', s.find('\n', startxref + 5) + 1) + 1;  // after entry 0
  for (size_t id = 1; id < count; ++id, line += 20) {
    size_t off = std::stoul(s.substr(line, 10));
    EXPECT_EQ(s.compare(off, std::to_string(id).size() + 6, std::to_string(id) + " 0 obj"), 0) << id;
  }
}

TEST(PosterPdf, StreamsInflateAndCarryTextAndQr) {
  auto pdf = renderPosterPdf(sampleSheet(), regularFont(), boldFont());
  ASSERT_TRUE(pdf.ok());
  auto all = streams(*pdf);
  ASSERT_EQ(all.size(), 2u * 2 + 2);  // per font: font file, ToUnicode; per page: content
  int contents = 0, cmaps = 0;
  for (const auto& st : all) {
    ASSERT_FALSE(st.empty());
    if (st.find(" re\n") != std::string::npos) {
      ++contents;
      EXPECT_NE(st.find("/F2 "), std::string::npos);
      EXPECT_NE(st.find("> Tj ET"), std::string::npos);
    }
    if (st.find("beginbfchar") != std::string::npos) {
      ++cmaps;
      EXPECT_NE(st.find("/CMapName /Adobe-Identity-UCS"), std::string::npos);
    }
  }
  EXPECT_EQ(contents, 2);
  EXPECT_EQ(cmaps, 2);
  std::string cmapsText = all[1] + all[3];  // the ToUnicode streams follow their font files
  EXPECT_NE(cmapsText.find("<1EC3>"), std::string::npos);  // ể in "để"
  EXPECT_NE(cmapsText.find("<0110>"), std::string::npos);  // Đ in "Điểm"
}

TEST(PosterPdf, SameInputSameBytes) {
  auto a = renderPosterPdf(sampleSheet(), regularFont(), boldFont());
  auto b = renderPosterPdf(sampleSheet(), regularFont(), boldFont());
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(*a, *b);
  uint64_t h = 14695981039346656037ull;
  for (char c : *a) h = (h ^ uint8_t(c)) * 1099511628211ull;
  std::printf("poster PDF FNV-1a: %016llx (native and WASM must agree)\n", (unsigned long long)h);
}

TEST(PosterPdf, RefusesBadInput) {
  PosterSheet sheet = sampleSheet();
  EXPECT_EQ(renderPosterPdf(PosterSheet{sheet.venue, {}}, regularFont(), boldFont()).error().kind, ErrorKind::Malformed);
  std::vector<uint8_t> junk(100, 0);
  EXPECT_EQ(renderPosterPdf(sheet, junk, boldFont()).error().kind, ErrorKind::Unsupported);
  PosterSheet badText = sheet;
  badText.venue.name = "Chợ\x01";
  EXPECT_EQ(renderPosterPdf(badText, regularFont(), boldFont()).error().kind, ErrorKind::InvalidText);
  PosterSheet badUtf8 = sheet;
  badUtf8.pages[0].point.name = "C\xC3";
  EXPECT_EQ(renderPosterPdf(badUtf8, regularFont(), boldFont()).error().kind, ErrorKind::InvalidText);
  PosterSheet longUrl = sheet;
  longUrl.pages[1].signedUrl = "https://diemquet.example.vn/" + std::string(400, 'x');
  EXPECT_EQ(renderPosterPdf(longUrl, regularFont(), boldFont()).error().kind, ErrorKind::Unsupported);
}
