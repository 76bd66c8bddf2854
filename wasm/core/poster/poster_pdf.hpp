// Print-ready A4 venue posters as PDF, one page per scan point: the signed URL as a vector QR
// code, the venue, the scan point, Vietnamese instructions and a code for manual entry.
// Made by the core so the station and the server produce the same bytes.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "result.hpp"
#include "venue.hpp"

namespace diemquet::poster {

struct PosterPage {
  ScanPoint point;
  std::string signedUrl;  // from poster::sign()
  std::string shortCode;  // from poster::shortCode()
  std::string validityNote;  // optional line, e.g. "Hiệu lực 01/06/2025 – 03/06/2025"
  // The address that resolves shortCode to signedUrl ("diemquet.example.vn/c/34M-FPJ"), printed
  // for visitors who cannot scan; empty: only the code is printed.
  std::string shortCodeUrl;
  // Where a citizen reports this venue ("Báo cáo vi phạm", "diemquet.example.vn/bao-cao/34M-FPJ");
  // empty: no such line.
  std::string reportUrl;
};

struct PosterSheet {
  Venue venue;
  std::vector<PosterPage> pages;
};

// Layout constants, exposed so tests and docs can check them.
inline constexpr double kPageWidthPt = 595.276;   // A4, 210 mm
inline constexpr double kPageHeightPt = 841.890;  // 297 mm
inline constexpr double kQrSymbolMm = 160.0;      // symbol side without the quiet zone
inline constexpr int kQuietModules = 4;
inline constexpr int kMaxQrVersion = 14;          // keeps modules >= 2 mm at 160 mm

// The QR matrix for a URL: 8-bit mode, level Q (25 % of codewords recoverable). Each row is
// `side` bytes, 1 = dark. Unsupported if the URL needs a version above kMaxQrVersion.
struct QrMatrix {
  int version = 0;
  int side = 0;
  std::vector<uint8_t> modules;
  bool dark(int x, int y) const { return modules[size_t(y) * size_t(side) + size_t(x)] != 0; }
};
Result<QrMatrix> encodeQr(std::string_view url);

// The whole PDF. Fonts are TrueType bytes from the caller (Noto Sans Regular and Bold); they
// are subset to the glyphs used and embedded as Type0/CIDFontType2 with Identity-H, widths and
// a ToUnicode map, so viewers show and extract the Vietnamese text exactly.
Result<std::string> renderPosterPdf(const PosterSheet& sheet, std::span<const uint8_t> regularTtf,
                                    std::span<const uint8_t> boldTtf);

}  // namespace diemquet::poster
