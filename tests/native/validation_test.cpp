#include "person_rules.hpp"
#include "validation.hpp"

#include <gtest/gtest.h>

using namespace diemquet;

namespace {
// 2026-11-25 08:00 in Vietnam (UTC+7) = 01:00 UTC.
const Instant kNow{daysFromCivil(2026, 11, 25) * 86400000LL + 3600000LL, 420};

ManualEntry entry(std::string name, std::string cccd, std::string phone = "", std::string time = "") {
  ManualEntry e;
  e.name = std::move(name);
  e.cccd = std::move(cccd);
  e.phone = std::move(phone);
  e.localTime = std::move(time);
  return e;
}
}  // namespace

TEST(Validation, AcceptsVietnameseNameAndCccd) {
  auto r = validateManualEntry(entry("  Nguyễn   Thị Hương ", "001099012345"), kNow);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->person.displayName, "Nguyễn Thị Hương");
  EXPECT_EQ(r->person.key, "001099012345");
  EXPECT_EQ(r->at, kNow);
}

TEST(Validation, EmptyNameIsRefused) {
  FieldErrors errs;
  auto r = validateManualEntry(entry("   ", "001099012345"), kNow, &errs);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::EmptyName);
  ASSERT_NE(errs.forField("name"), nullptr);
}

TEST(Validation, CccdMustBeTwelveDigits) {
  for (const char* bad : {"00109901234", "0010990123456", "00109901234a", "abc"}) {
    auto r = validateManualEntry(entry("An", bad), kNow);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().kind, ErrorKind::InvalidCccd) << bad;
    EXPECT_EQ(r.error().field, "cccd");
  }
}

TEST(Validation, PhoneAloneIsEnoughAndIsNormalised) {
  auto r = validateManualEntry(entry("Bình", "", "+84 90 123 4567"), kNow);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->person.phone, "0901234567");
  EXPECT_EQ(r->person.key, "0901234567");
}

TEST(Validation, BadPhoneIsRefused) {
  for (const char* bad : {"12345", "0012345678", "09012345678x", "090123456"}) {
    auto r = validateManualEntry(entry("Bình", "", bad), kNow);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().kind, ErrorKind::InvalidPhone) << bad;
  }
}

TEST(Validation, IdentityIsRequired) {
  auto r = validateManualEntry(entry("Bình", ""), kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::MissingIdentity);
}

TEST(Validation, FutureTimeIsRefused) {
  auto r = validateManualEntry(entry("An", "001099012345", "", "09:30"), kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::FutureTime);
}

TEST(Validation, EarlierTimeTodayIsAccepted) {
  auto r = validateManualEntry(entry("An", "001099012345", "", "07:15"), kNow);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(formatLocalTime(r->at), "07:15");
  EXPECT_EQ(formatLocalDate(r->at), "25/11/2026");
}

TEST(Validation, MalformedTimeIsRefused) {
  for (const char* bad : {"7:15", "25:00", "07:61", "ab:cd"}) {
    auto r = validateManualEntry(entry("An", "001099012345", "", bad), kNow);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().kind, ErrorKind::InvalidTime) << bad;
  }
}

TEST(Validation, ReportsEveryFieldAtOnce) {
  FieldErrors errs;
  auto r = validateManualEntry(entry("", "123", "999", "99:99"), kNow, &errs);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(errs.forField("name"), nullptr);
  EXPECT_NE(errs.forField("cccd"), nullptr);
  EXPECT_NE(errs.forField("phone"), nullptr);
  EXPECT_NE(errs.forField("time"), nullptr);
}

TEST(Validation, InvalidUtf8NameIsRefused) {
  auto r = validateManualEntry(entry("An\xC3", "001099012345"), kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::InvalidText);
}

TEST(Validation, OverlongNameIsRefused) {
  std::string longName;
  for (int i = 0; i < 81; ++i) longName += "ệ";
  auto r = validateManualEntry(entry(longName, "001099012345"), kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::NameTooLong);
}

// The server's rule for a person by kind (person_rules.hpp): what the station makes passes,
// what it never makes is refused with the field named.
TEST(PersonRules, KeysByKind) {
  auto ok = [](PersonKind k, std::string key, std::string phone = {}) {
    return bool(validatePerson(Person{k, std::move(key), "Nguyễn Văn An", std::move(phone), 1990}));
  };
  EXPECT_TRUE(ok(PersonKind::Cccd, "001099012345"));
  EXPECT_FALSE(ok(PersonKind::Cccd, "0010990123456"));
  EXPECT_FALSE(ok(PersonKind::Cccd, "00109901234a"));
  EXPECT_TRUE(ok(PersonKind::Bhyt, "GD4797915123456"));
  EXPECT_TRUE(ok(PersonKind::Bhyt, "7915123456"));
  EXPECT_FALSE(ok(PersonKind::Bhyt, "GD9797915123456"));
  EXPECT_TRUE(ok(PersonKind::PcCovid, "123456789"));
  EXPECT_FALSE(ok(PersonKind::PcCovid, "12345678"));
  EXPECT_TRUE(ok(PersonKind::Manual, "0901234567"));
  EXPECT_TRUE(ok(PersonKind::Manual, "001099012345"));
  EXPECT_FALSE(ok(PersonKind::Manual, "+84901234567"));  // the station stores the 0-form
  EXPECT_TRUE(ok(PersonKind::Visitor, "7K3M9P2Q"));
  EXPECT_FALSE(ok(PersonKind::Visitor, "IOU12345"));
  EXPECT_TRUE(ok(PersonKind::Visitor, "0901234567", "0901234567"));
  EXPECT_FALSE(ok(PersonKind::Cccd, "001099012345", "090123456x"));
  auto st = validatePerson(Person{PersonKind::Cccd, "001099012345", "An\x01", "", 0});
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().field, "name");
  st = validatePerson(Person{PersonKind::Cccd, "12", "An", "", 0});
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().field, "personKey");
}

// An emoji or a symbol has no glyph on the station or in the office: refused at the field, with
// every Vietnamese name (precomposed or typed in NFD, with ' - . as people write them) accepted.
TEST(Validation, NamesOfLettersOnly) {
  for (const char* ok : {"Đặng Thị Ngọc Ánh", "Tra\xCC\x82\xCC\x80n Va\xCC\x86n \xC4\x90u\xCC\x9B\xCC\x81\x63", "Y-Moan Ênuôl",
                         "H'Hen Niê", "Nguyễn V. A", "Lê Thị (bán cá)", "Ksor H’Bơ Khăp"}) {
    auto r = validateManualEntry(entry(ok, "001099012345"), kNow);
    EXPECT_TRUE(r.ok()) << ok;
  }
  for (const char* bad : {"Hương 🌸", "Anh ❤ Em", "Bình™", "A <script>", "Tùng $$$", "=1+2"}) {
    FieldErrors errs;
    auto r = validateManualEntry(entry(bad, "001099012345"), kNow, &errs);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().kind, ErrorKind::NameSymbols) << bad;
    EXPECT_NE(errs.forField("name"), nullptr) << bad;
  }
}
