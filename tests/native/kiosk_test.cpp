// Kiosk lock (wasm/core/kiosk.cpp): only the PIN chosen leaves the kiosk; the stored lock holds
// no PIN in clear; five wrong PINs make the next try wait a minute.
#include <gtest/gtest.h>

#include "kiosk.hpp"

using namespace diemquet::kiosk;

TEST(Kiosk, OnlyThePinUnlocks) {
  std::array<uint8_t, 16> salt{};
  salt.fill(7);
  Lock l = makeLock("2468", salt);
  EXPECT_TRUE(unlocks(l, "2468"));
  EXPECT_FALSE(unlocks(l, "2469"));
  EXPECT_FALSE(unlocks(l, "24680"));
  EXPECT_FALSE(unlocks(l, ""));
  auto again = lockFromJson(toJson(l));
  ASSERT_TRUE(again);
  EXPECT_TRUE(unlocks(*again, "2468"));
  EXPECT_EQ(toJson(l).find("2468"), std::string::npos);
  salt.fill(8);
  EXPECT_NE(makeLock("2468", salt).hashHex, l.hashHex) << "salted";
  EXPECT_FALSE(lockFromJson("{}"));
  EXPECT_FALSE(lockFromJson("nope"));
}

TEST(Kiosk, PinsAreFourToEightDigits) {
  EXPECT_TRUE(validPin("0000"));
  EXPECT_TRUE(validPin("12345678"));
  EXPECT_FALSE(validPin("123"));
  EXPECT_FALSE(validPin("123456789"));
  EXPECT_FALSE(validPin("12a4"));
  EXPECT_FALSE(validPin("１２３４"));  // full-width digits
}

TEST(Kiosk, FiveWrongPinsWaitAMinute) {
  Attempts a;
  for (int i = 0; i < 4; ++i) a.failed(1000);
  EXPECT_EQ(a.waitMs(1000), 0);
  a.failed(1000);
  EXPECT_EQ(a.waitMs(1000), Attempts::kWaitMs);
  EXPECT_EQ(a.waitMs(1000 + Attempts::kWaitMs), 0);
  a.succeeded();
  EXPECT_EQ(a.failures(), 0);
}
