#include "visitor_pass_issue.hpp"

#include <gtest/gtest.h>

#include "payload/scanned_payload.hpp"

using namespace diemquet;

namespace {
const unsigned char kRandom[10] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
}

TEST(VisitorPassIssue, IssuedPassScansBackAsTheSamePerson) {
  auto p = issueVisitorPass("  Lê   Thị Hoa ", "0901234567", 1980, kRandom);
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(p->pass.passId.size(), 16u);
  auto scanned = parsePayload(p->text);
  ASSERT_TRUE(scanned.ok()) << scanned.error().message;
  EXPECT_EQ(scanned->kind, PayloadKind::VisitorPass);
  EXPECT_EQ(scanned->person.displayName, "Lê Thị Hoa");
  EXPECT_EQ(scanned->person.phone, "0901234567");
  EXPECT_EQ(scanned->person.birthYear, 1980);
}

TEST(VisitorPassIssue, PhoneIsOptionalButMustBeValidWhenGiven) {
  auto noPhone = issueVisitorPass("Hoa", "", 0, kRandom);
  ASSERT_TRUE(noPhone.ok());
  EXPECT_TRUE(noPhone->pass.phone.empty());
  auto bad = issueVisitorPass("Hoa", "12345", 0, kRandom);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().kind, ErrorKind::InvalidPhone);
  auto noName = issueVisitorPass(" ", "0901234567", 0, kRandom);
  ASSERT_FALSE(noName.ok());
  EXPECT_EQ(noName.error().kind, ErrorKind::EmptyName);
}

TEST(VisitorPassIssue, SvgHoldsTheQrAndTheEscapedName) {
  // Markup is not a name: refused where it is typed…
  auto refused = issueVisitorPass("Hoa <&>", "", 0, kRandom);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, ErrorKind::NameSymbols);
  // …and escaped anyway should a pass carry it (defence in depth for the SVG).
  auto issued = issueVisitorPass("Hoa", "", 0, kRandom);
  ASSERT_TRUE(issued.ok());
  IssuedPass p = issued.value();
  p.pass.name = "Hoa <&>";
  std::string svg = visitorPassSvg(p);
  EXPECT_NE(svg.find("<svg"), std::string::npos);
  EXPECT_NE(svg.find("Hoa &lt;&amp;>"), std::string::npos);
  EXPECT_NE(svg.find(p.pass.passId), std::string::npos);
}
