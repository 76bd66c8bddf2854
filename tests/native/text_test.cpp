#include "masking.hpp"
#include "text.hpp"

#include <gtest/gtest.h>

#include <vector>

using namespace diemquet;

TEST(Text, Utf8Validity) {
  EXPECT_TRUE(text::isValidUtf8("Nguyễn Văn Đức"));
  EXPECT_FALSE(text::isValidUtf8("\xC3"));
  EXPECT_FALSE(text::isValidUtf8("\xC0\xAF"));          // overlong
  EXPECT_FALSE(text::isValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(text::isValidUtf8("\xF4\x90\x80\x80"));  // > U+10FFFF
}

TEST(Text, OneDecoderForEveryReader) {
  // Precomposed and combining (NFD) letters, one code point each, and back to the same bytes.
  const std::string name = "Đặng Vu\xCC\x83";  // "Vũ" typed as u + combining tilde
  const std::vector<char32_t> cps = text::decodeUtf8(name);
  EXPECT_EQ(cps, (std::vector<char32_t>{0x110, 0x1EB7, 'n', 'g', ' ', 'V', 'u', 0x303}));
  EXPECT_EQ(text::encodeUtf8(cps), name);
  // Bytes that are not UTF-8 read as U+FFFD, one byte each, and never past the end.
  EXPECT_EQ(text::decodeUtf8("a\xFF" "b"), (std::vector<char32_t>{'a', 0xFFFD, 'b'}));
  EXPECT_EQ(text::decodeUtf8("a\xC3(b"), (std::vector<char32_t>{'a', 0xFFFD, '(', 'b'}));
  EXPECT_EQ(text::decodeUtf8("\xE1\xBB"), (std::vector<char32_t>{0xFFFD, 0xFFFD}));
  size_t i = 0;
  EXPECT_EQ(text::nextCodePoint("\xF0\x9F\x98\x80!", i), char32_t(0x1F600));
  EXPECT_EQ(i, 4u);
}

TEST(Text, TwoDecimalsAsTheReaderWritesThem) {
  EXPECT_EQ(text::twoDecimals(0.05, false), "0.05");
  EXPECT_EQ(text::twoDecimals(0.05, true), "0,05");
  EXPECT_EQ(text::twoDecimals(12.5, true), "12,50");
}

TEST(Text, SqueezeAndCount) {
  EXPECT_EQ(text::squeezeSpaces("  Trần \t Thị  Bình "), "Trần Thị Bình");
  EXPECT_EQ(text::codePointCount("Đặng"), 4u);
  EXPECT_EQ(text::digitsOnly("090 123-4567"), "0901234567");
}

TEST(Masking, ShowsOnlyTheLastFour) {
  EXPECT_EQ(maskId("001099012345"), "••••••••2345");
  EXPECT_EQ(maskPhone("0901234567"), "090••••567");
  EXPECT_EQ(redactForLog("001099012345").find("0010"), std::string::npos);
}

// The scan screen's quiet line about the last scan, a while after it: initials and the given name.
TEST(Masking, NameKeepsInitialsAndTheGivenName) {
  EXPECT_EQ(maskName("Nguyễn Văn An"), "N. V. An");
  EXPECT_EQ(maskName("Đặng  Thị Ánh Tuyết"), "Đ. T. Á. Tuyết");
  EXPECT_EQ(maskName(" Hùng "), "Hùng");
  EXPECT_EQ(maskName(""), "");
}
