// The one hex encoder (wasm/core/hex.hpp): every byte value, lower case, two digits each.
#include <gtest/gtest.h>

#include "hex.hpp"

using diemquet::toHex;

TEST(Hex, EncodesEveryByteLowerCaseTwoDigitsEach) {
  EXPECT_EQ(toHex(""), "");
  EXPECT_EQ(toHex(std::string_view("\x00\x0f\x10\xab\xff", 5)), "000f10abff");
  std::string all;
  for (int b = 0; b < 256; ++b) all.push_back(char(b));
  const std::string h = toHex(all);
  ASSERT_EQ(h.size(), 512u);
  for (int b = 0; b < 256; ++b) EXPECT_EQ(std::stoi(h.substr(size_t(2 * b), 2), nullptr, 16), b) << b;
  EXPECT_EQ(h.find_first_not_of("0123456789abcdef"), std::string::npos);
  const unsigned char raw[3] = {0xde, 0xad, 0x01};
  EXPECT_EQ(toHex(raw, sizeof raw), "dead01");
}
