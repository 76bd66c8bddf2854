// Scan normalisation: BOM and trailing junk, UTF-8 checking, NFC composition of Vietnamese,
// and the keyboard-wedge damage heuristics.
#include <gtest/gtest.h>

#include "payload/mangled.hpp"
#include "payload/normalize.hpp"

using namespace diemquet;
using namespace diemquet::payload;

using namespace std::string_view_literals;

namespace {

// NFD spellings written out with explicit combining marks, so the test does not depend on
// how an editor saved this file.
TEST(Nfc, ComposesVietnameseNames) {
  // "Nguyễn" = N g u y e + circumflex (U+0302) + tilde (U+0303) + n
  EXPECT_EQ(toNfc("Nguye\xCC\x82\xCC\x83n"), "Nguyễn");
  // "Đặng": Đ has no decomposition; ặ = a + dot below (U+0323) + breve (U+0306)
  EXPECT_EQ(toNfc("\xC4\x90" "a\xCC\xA3\xCC\x86ng"), "Đặng");
  // "Trương" with o + horn (U+031B) and u + horn
  EXPECT_EQ(toNfc("Tru\xCC\x9Bo\xCC\x9Bng"), "Trương");
  // "Hữu" = u + horn + tilde; "Thủy" = u + hook above (U+0309); "Lý" = y + acute
  EXPECT_EQ(toNfc("Hu\xCC\x9B\xCC\x83u Thu\xCC\x89y Ly\xCC\x81"), "Hữu Thủy Lý");
  // "Ợ" = O + horn + dot below (canonical order: horn 216 before dot below 220)
  EXPECT_EQ(toNfc("O\xCC\x9B\xCC\xA3"), "Ợ");
  // "Phạm Thị Ánh Tuyết", "Huỳnh Đức Hiếu"
  EXPECT_EQ(toNfc("Pha\xCC\xA3m Thi\xCC\xA3 A\xCC\x81nh Tuye\xCC\x82\xCC\x81t"), "Phạm Thị Ánh Tuyết");
  EXPECT_EQ(toNfc("Huy\xCC\x80nh \xC4\x90u\xCC\x9B\xCC\x81\x63 Hie\xCC\x82\xCC\x81u"), "Huỳnh Đức Hiếu");
}

TEST(Nfc, ReordersMarksSentInTheWrongOrder) {
  // a + breve + dot below (non-canonical order) is still ặ.
  EXPECT_EQ(toNfc("a\xCC\x86\xCC\xA3"), "ặ");
  // Precomposed ă followed by a combining dot below: decomposed, reordered, recomposed.
  EXPECT_EQ(toNfc("\xC4\x83\xCC\xA3"), "ặ");
  // Precomposed ê + combining acute is ế.
  EXPECT_EQ(toNfc("\xC3\xAA\xCC\x81"), "ế");
  // Deprecated tone marks U+0340/U+0341 are canonically grave/acute.
  EXPECT_EQ(toNfc("a\xCD\x81"), "á");
}

TEST(Nfc, LeavesNfcAndOtherTextAlone) {
  EXPECT_EQ(toNfc("Nguyễn Văn Đức, Hà Nội"), "Nguyễn Văn Đức, Hà Nội");
  EXPECT_EQ(toNfc("plain ASCII 123"), "plain ASCII 123");
  EXPECT_EQ(toNfc("日本 Ελλάδα"), "日本 Ελλάδα");
  // A mark with nothing to compose with stays.
  EXPECT_EQ(toNfc("\xCC\x81x"), "\xCC\x81x");
  // x has no precomposed form with acute: kept as x + U+0301.
  EXPECT_EQ(toNfc("x\xCC\x81"), "x\xCC\x81");
}

TEST(NormalizeScan, StripsBomAndTrailingJunk) {
  auto r = normalizeScan("\xEF\xBB\xBF" "abc\r\n\0\0"sv);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value(), "abc");
  // Only a leading BOM and only trailing CR/LF/NUL: inner ones are data.
  EXPECT_EQ(normalizeScan("a\nb\n").value(), "a\nb");
}

TEST(NormalizeScan, RefusesInvalidUtf8) {
  auto r = normalizeScan("Nguy\xE1n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::Unsupported);
}

TEST(Mangled, DetectsKeyboardWedgeDamage) {
  EXPECT_TRUE(looksMangled("Nguyá»…n Văn An"));   // UTF-8 read as Windows-1252
  EXPECT_TRUE(looksMangled("HÃ  Ná»™i"));
  EXPECT_TRUE(looksMangled("Nguy?n V?n An"));      // letters the layout lacks
  EXPECT_TRUE(looksMangled("Nguy\xEF\xBF\xBDn"));  // U+FFFD
}

TEST(Mangled, AcceptsRealVietnamese) {
  EXPECT_FALSE(looksMangled("Nguyễn Văn An|Số 1 Phố Giả, Phường Hàng Bạc, Quận Hoàn Kiếm, Hà Nội"));
  EXPECT_FALSE(looksMangled("ÂU DƯƠNG ÃNH, Ấp Phú Hòa, Đắk Lắk, Cư M'gar"));
  // A '?' standing alone is not a lost letter (a card field never holds one, but be fair).
  EXPECT_FALSE(looksMangled("Ghi chú: ? = không rõ"));
}

TEST(Mangled, DetectsDroppedDiacriticsInAddresses) {
  EXPECT_TRUE(looksStrippedAddress("12 Duong Mau, Phuong 1, Quan 3, TP. Ho Chi Minh"));
  EXPECT_TRUE(looksStrippedAddress("Xom 7, Xa Tan Phu, Huyen Hai Hau, Tinh Nam Dinh"));
  EXPECT_FALSE(looksStrippedAddress("Số 1 Phố Giả, Phường Hàng Bạc"));
  EXPECT_FALSE(looksStrippedAddress("Apartment 5, Nhap Street"));  // "ap" only as a whole word
}

}  // namespace
