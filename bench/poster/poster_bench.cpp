// Poster PDFs per second (2 scan points: sign, encode QR, subset 2 fonts, deflate, write) and
// signature verifications per second; the same program natively and under node (WASM).
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <vector>

#include "poster/poster_pdf.hpp"
#include "poster/signed_url.hpp"

using namespace diemquet;
using namespace diemquet::poster;

static std::vector<uint8_t> readFile(const char* p) {
  std::ifstream in(p, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

int main() {
  auto reg = readFile("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf");
  auto bold = readFile("/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf");
  SigningKey k = makeSigningKey("k1", Seed{}).value();
  KeyRing ring;
  ring.add(PublicKey{k.id, k.publicKey, false});
  using clock = std::chrono::steady_clock;
  size_t bytes = 0;
  int n = 0;
  auto t0 = clock::now();
  while (std::chrono::duration<double>(clock::now() - t0).count() < 3.0) {
    PosterSheet s;
    s.venue = Venue{"cho-ben-thanh", "Chợ Bến Thành", "Lê Lợi, phường Bến Thành, Quận 1, TP. Hồ Chí Minh", "market", 0, 90};
    for (const char* id : {"cong-chinh", "cong-phu"})
      s.pages.push_back(PosterPage{ScanPoint{id, "cho-ben-thanh", "Cổng chính"},
                                   sign({"cho-ben-thanh", id, {0, 20351231}}, k, "https://diemquet.example.vn").value(),
                                   shortCode("cho-ben-thanh", id), "Hiệu lực đến hết ngày 31/12/2035"});
    bytes = renderPosterPdf(s, reg, bold).value().size();
    ++n;
  }
  double pdfSec = std::chrono::duration<double>(clock::now() - t0).count() / n;
  auto ref = parsePosterUrl(sign({"cho-ben-thanh", "cong-chinh", {}}, k, "https://diemquet.example.vn").value()).value();
  int v = 0;
  t0 = clock::now();
  while (std::chrono::duration<double>(clock::now() - t0).count() < 2.0) v += verify(ref, ring, 20250601).ok();
  double verSec = std::chrono::duration<double>(clock::now() - t0).count() / v;
  std::printf("%-8s %8.1f posters/s (2 pages, %zu bytes)  %8.0f verifications/s\n", BENCH_BUILD, 1 / pdfSec, bytes, 1 / verSec);
}
