// Test tool for stage 38-poster-pdf.
//   make_poster make OUT.pdf REGULAR.ttf BOLD.ttf  -> writes a 2-scan-point poster; prints
//       "key <dqk1 public key>" and "url <point> <signed url>" lines
//   make_poster verify "<dqk1 key>" YYYYMMDD URL   -> exit 0 if the URL parses and verifies
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "poster/poster_pdf.hpp"
#include "poster/signed_url.hpp"

using namespace diemquet;
using namespace diemquet::poster;

static std::vector<uint8_t> readFile(const char* path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

int main(int argc, char** argv) {
  if (argc == 5 && std::strcmp(argv[1], "make") == 0) {
    auto key = makeSigningKey("k1", freshSeed());
    if (!key) return 2;
    PosterSheet sheet;
    sheet.venue = Venue{"cho-ben-thanh", "Chợ Bến Thành", "Lê Lợi, phường Bến Thành, Quận 1, TP. Hồ Chí Minh",
                        "market", 120, 90};
    std::printf("key %s\n", formatPublicKey(PublicKey{key->id, key->publicKey, false}).c_str());
    for (auto [id, name] : {std::pair{"cong-chinh", "Cổng chính"}, std::pair{"cong-phu", "Cổng phụ Phan Bội Châu"}}) {
      auto url = sign({"cho-ben-thanh", id, {0, 20351231}}, *key, "https://diemquet.example.vn");
      if (!url) {
        std::fprintf(stderr, "%s\n", url.error().message.c_str());
        return 2;
      }
      sheet.pages.push_back(PosterPage{ScanPoint{id, "cho-ben-thanh", name}, *url, shortCode("cho-ben-thanh", id),
                                       "Hiệu lực đến hết ngày 31/12/2035"});
      std::printf("url %s %s\n", id, url->c_str());
      std::printf("code %s %s\n", id, shortCode("cho-ben-thanh", id).c_str());
    }
    auto reg = readFile(argv[3]), bold = readFile(argv[4]);
    auto pdf = renderPosterPdf(sheet, reg, bold);
    if (!pdf) {
      std::fprintf(stderr, "%s\n", pdf.error().message.c_str());
      return 2;
    }
    std::ofstream(argv[2], std::ios::binary) << *pdf;
    auto qr = encodeQr(sheet.pages[0].signedUrl);
    std::printf("qr version %d side %d modules\n", qr->version, qr->side);
    return 0;
  }
  if (argc == 5 && std::strcmp(argv[1], "verify") == 0) {
    auto pk = parsePublicKey(argv[2]);
    if (!pk) return 2;
    KeyRing ring;
    ring.add(*pk);
    auto ref = parsePosterUrl(argv[4]);
    if (!ref) {
      std::printf("refused: %s\n", ref.error().message.c_str());
      return 1;
    }
    auto st = verify(*ref, ring, std::atoi(argv[3]));
    if (!st) {
      std::printf("refused: %s\n", st.error().message.c_str());
      return 1;
    }
    std::printf("verified %s %s\n", ref->venueId.c_str(), ref->pointId.c_str());
    return 0;
  }
  std::fprintf(stderr, "usage: make_poster make OUT.pdf REGULAR.ttf BOLD.ttf | verify KEY YYYYMMDD URL\n");
  return 2;
}
