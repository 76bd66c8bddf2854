#include "check_in_log.hpp"
#include "check_in_json.hpp"

#include <gtest/gtest.h>

using namespace diemquet;

namespace {
CheckIn sample(int64_t seq) {
  CheckIn c;
  c.deviceId = "st-a";
  c.seq = seq;
  c.venueId = "v1";
  c.scanPointId = "sp1";
  c.person = Person{PersonKind::Cccd, "001099012345", "Nguyễn Văn An", "", 1999};
  c.at = Instant{1764000000000LL + seq * 1000, 420};
  return c;
}
}  // namespace

TEST(CheckInLog, AddIsIdempotentAndRefusesDifferentContent) {
  auto log = std::move(CheckInLog::open(":memory:")).value();
  ASSERT_TRUE(log->add(sample(1)).ok());
  ASSERT_TRUE(log->add(sample(1)).ok());
  EXPECT_EQ(log->count(), 1);
  CheckIn changed = sample(1);
  changed.person.displayName = "Someone Else";
  auto st = log->add(changed);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().kind, ErrorKind::Conflict);
  EXPECT_EQ(log->find("st-a", 1)->person.displayName, "Nguyễn Văn An");
}

TEST(CheckInLog, SurvivesInAFile) {
  std::string path = ::testing::TempDir() + "dq_log_test.sqlite";
  std::remove(path.c_str());
  {
    auto log = std::move(CheckInLog::open(path)).value();
    ASSERT_TRUE(log->add(sample(1)).ok());
    ASSERT_TRUE(log->add(sample(2)).ok());
  }
  auto log = std::move(CheckInLog::open(path)).value();
  EXPECT_EQ(log->count(), 2);
  EXPECT_EQ(*log->find("st-a", 2), sample(2));
  std::remove(path.c_str());
}

TEST(CheckInLog, VoidedEntriesLeaveTheCounts) {
  auto log = std::move(CheckInLog::open(":memory:")).value();
  log->add(sample(1));
  ASSERT_TRUE(log->setVoided("st-a", 1).ok());
  auto d = log->summary("v1", 0, INT64_MAX, 0);
  EXPECT_EQ(d.checkInsToday, 0);
  EXPECT_EQ(d.insideNow, 0);
  EXPECT_FALSE(log->setVoided("st-a", 99).ok());
}

TEST(CheckInJson, RoundTrip) {
  CheckIn c = sample(5);
  c.person.phone = "0901234567";
  auto back = checkInFromJson(toJson(c));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back.value(), c);
}

TEST(CheckInJson, RejectsWrongTypesAndAbsurdValues) {
  auto j = toJson(sample(1));
  auto expectBad = [](nlohmann::json v, const char* field) {
    auto r = checkInFromJson(v);
    ASSERT_FALSE(r.ok()) << field;
    EXPECT_EQ(r.error().field, field);
  };
  { auto v = j; v["seq"] = "1"; expectBad(v, "seq"); }
  { auto v = j; v["seq"] = 0; expectBad(v, "seq"); }
  { auto v = j; v["dir"] = "sideways"; expectBad(v, "dir"); }
  { auto v = j; v["ts"] = 1000; expectBad(v, "ts"); }
  { auto v = j; v["tz"] = 5000; expectBad(v, "tz"); }
  { auto v = j; v["name"] = "bad\xC3"; expectBad(v, "name"); }
  { auto v = j; v.erase("venue"); expectBad(v, "venue"); }
  { auto v = j; v["kind"] = "passport"; expectBad(v, "kind"); }
  EXPECT_FALSE(checkInFromJson(nlohmann::json::array()).ok());
}

// Issue #12 defects 1 and 8: whatever a client uploads (the server parses with this), a name is
// stored composed (NFC) and no longer than any card or the manual form allows.
TEST(CheckInJson, NamesAreComposedAndBounded) {
  auto j = toJson(sample(1));
  j["name"] = "Tra\xCC\x82\xCC\x80n Va\xCC\x86n \xC4\x90u\xCC\x9B\xCC\x81" "c";  // "Trần Văn Đức" decomposed
  auto r = checkInFromJson(j);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->person.displayName, "Trần Văn Đức");
  j["name"] = std::string(81, 'a');
  auto tooLong = checkInFromJson(j);
  ASSERT_FALSE(tooLong.ok());
  EXPECT_EQ(tooLong.error().field, "name");
  j["name"] = std::string(80, 'a');
  EXPECT_TRUE(checkInFromJson(j).ok());
}
