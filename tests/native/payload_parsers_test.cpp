// The card parsers one by one: CCCD ID consistency, dates, BHYT hex fields, PC-Covid, the
// visitor pass round trip and checksum, poster recognition, and the dispatcher's refusals.
#include <gtest/gtest.h>

#include "payload/card_validity.hpp"
#include "payload/payload_json.hpp"

using namespace diemquet;

namespace {

const char* kAddr = "Số 1 Phố Giả, Phường Hàng Bạc, Quận Hoàn Kiếm, Hà Nội";

Result<ScannedPayload> cccd(const std::string& id, const std::string& dob, const std::string& sex) {
  return parsePayload(id + "||Nguyễn Văn An|" + dob + "|" + sex + "|" + kAddr + "|20042021");
}

TEST(Cccd, CenturySexDigit) {
  EXPECT_EQ(cccdCenturySexDigit(1999, Sex::Male), 0);
  EXPECT_EQ(cccdCenturySexDigit(1999, Sex::Female), 1);
  EXPECT_EQ(cccdCenturySexDigit(2000, Sex::Male), 2);
  EXPECT_EQ(cccdCenturySexDigit(2011, Sex::Female), 3);
  EXPECT_EQ(cccdCenturySexDigit(1899, Sex::Male), -1);
}

TEST(Cccd, ConsistentIdHasNoWarnings) {
  auto r = cccd("038311027359", "27092011", "Nữ");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(std::get<CccdCard>(r->details).warnings.empty());
}

TEST(Cccd, InconsistentIdIsAcceptedWithWarnings) {
  auto century = cccd("001299012345", "15081999", "Nam");  // 2 = male born 2000-2099
  ASSERT_TRUE(century.ok());
  ASSERT_EQ(std::get<CccdCard>(century->details).warnings.size(), 1u);
  EXPECT_NE(std::get<CccdCard>(century->details).warnings[0].find("century"), std::string::npos);
  auto year = cccd("001088012345", "15081999", "Nam");  // 88 is not 99
  ASSERT_TRUE(year.ok());
  ASSERT_EQ(std::get<CccdCard>(year->details).warnings.size(), 1u);
  EXPECT_NE(std::get<CccdCard>(year->details).warnings[0].find("year"), std::string::npos);
}

TEST(Cccd, RejectsBadNumbersAndDates) {
  EXPECT_EQ(cccd("00109901234", "15081999", "Nam").error().kind, ErrorKind::InvalidCccd);   // 11 digits
  EXPECT_EQ(cccd("0010990123456", "15081999", "Nam").error().kind, ErrorKind::InvalidCccd); // 13 digits
  EXPECT_EQ(cccd("001099012345", "29021999", "Nam").error().kind, ErrorKind::InvalidDate);  // not a leap year
  EXPECT_EQ(cccd("001099012345", "1508199", "Nam").error().kind, ErrorKind::InvalidDate);
  EXPECT_EQ(cccd("001099012345", "15/08/1999", "Nam").ok(), true);  // both date spellings accepted
}

TEST(Cccd, ErrorMessagesCarryNoPersonalData) {
  for (const char* raw : {"001099012345||Nguyễn Văn An|30021999|Nam|X, Y|20042021",
                          "0010990123456||Nguyễn Văn An|15081999|Nam|X, Y|20042021",
                          "001099012345||Nguyễn Văn An|15081999|Nu|X, Y|20042021"}) {
    auto r = parsePayload(raw);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message.find("Nguy"), std::string::npos);
    EXPECT_EQ(r.error().message.find("0010"), std::string::npos);
    EXPECT_EQ(r.error().message.find("1999"), std::string::npos);
  }
}

TEST(Bhyt, DecodesOnlyTheTextFields) {
  std::string name = payload::encodeHexText("Trần Thị Bình");
  auto r = parsePayload("DN4797900000002|" + name + "|1999|2|-|79 - 001|01/01/2024|-|01/01/2024|79001000000002|-|4|-|" +
                        "1234567890abcdef-1234|$");
  ASSERT_TRUE(r.ok()) << r.error().message;
  const auto& c = std::get<BhytCard>(r->details);
  EXPECT_EQ(c.name, "Trần Thị Bình");
  EXPECT_EQ(c.sex, Sex::Female);
  EXPECT_TRUE(c.birthDate.yearOnly());
  EXPECT_EQ(c.managementCode, "79001000000002");      // valid hex, but not decoded
  EXPECT_EQ(c.checkString, "1234567890abcdef-1234");  // opaque
  EXPECT_TRUE(c.validTo.empty());
}

TEST(Bhyt, HexHelpers) {
  EXPECT_EQ(payload::decodeHexText("4e677579e1bb856e").value(), "Nguyễn");
  EXPECT_EQ(payload::decodeHexText("4E677579E1BB856E").value(), "Nguyễn");  // either case
  EXPECT_FALSE(payload::decodeHexText("4e6").has_value());                   // odd length
  EXPECT_FALSE(payload::decodeHexText("4g").has_value());
  EXPECT_FALSE(payload::decodeHexText("4e0a").has_value());                  // control character
  EXPECT_FALSE(payload::decodeHexText("").has_value());
}

TEST(PcCovid, IsAPerson) {
  auto r = parsePayload("001093029317|NGUYEN VAN A|1987-01-18|0|162979388586171100|<1<00<0123232422\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->kind, PayloadKind::PcCovid);
  EXPECT_EQ(r->person.kind, PersonKind::PcCovid);
  EXPECT_EQ(r->person.birthYear, 1987);
}

TEST(VisitorPass, RoundTrips) {
  VisitorPass pass{"7K3M9Q2XA1", "  Võ   Thị Ánh Tuyết ", "+84 901 234 567", 1988};
  auto text = encodeVisitorPass(pass);
  ASSERT_TRUE(text.ok()) << text.error().message;
  EXPECT_EQ(text.value().rfind("DQV1|7K3M9Q2XA1|Võ Thị Ánh Tuyết|0901234567|1988|", 0), 0u);
  auto r = parsePayload(text.value());
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->kind, PayloadKind::VisitorPass);
  EXPECT_EQ(r->person, (Person{PersonKind::Visitor, "7K3M9Q2XA1", "Võ Thị Ánh Tuyết", "0901234567", 1988}));
}

TEST(VisitorPass, EncoderRefusesBadFields) {
  EXPECT_EQ(encodeVisitorPass({"short", "An", "", 0}).error().kind, ErrorKind::Malformed);
  EXPECT_EQ(encodeVisitorPass({"7K3M9Q2XA1", "   ", "", 0}).error().kind, ErrorKind::EmptyName);
  EXPECT_EQ(encodeVisitorPass({"7K3M9Q2XA1", "A|B", "", 0}).error().kind, ErrorKind::InvalidText);
  EXPECT_EQ(encodeVisitorPass({"7K3M9Q2XA1", "An", "12345", 0}).error().kind, ErrorKind::InvalidPhone);
  EXPECT_EQ(encodeVisitorPass({"7K3M9Q2XA1", "An", "", 1850}).error().kind, ErrorKind::Malformed);
}

TEST(VisitorPass, EveryAlteredCharacterIsCaught) {
  std::string text = encodeVisitorPass({"7K3M9Q2XA1", "Lê Văn Tám", "0912345678", 1970}).value();
  // Flip each ASCII character of the body: the checksum must refuse all of them.
  for (size_t i = 5; i + 9 < text.size(); ++i) {
    if ((unsigned char)text[i] >= 0x80 || text[i] == '|') continue;
    std::string bad = text;
    bad[i] = bad[i] == '1' ? '2' : '1';
    auto r = parsePayload(bad);
    ASSERT_FALSE(r.ok()) << i;
    EXPECT_EQ(r.error().kind, ErrorKind::BadChecksum) << i;
  }
}

TEST(VisitorPass, Crc32MatchesTheStandard) {
  EXPECT_EQ(crc32("123456789"), 0xCBF43926u);  // the CRC-32/ISO-HDLC check value
  EXPECT_EQ(crc32(""), 0u);
}

TEST(Poster, IsRecognisedNotVerified) {
  EXPECT_TRUE(isPosterUrl("https://dq.example/v#1.a.b.c.d.e"));
  EXPECT_TRUE(isPosterUrl("HTTPS://dq.example/some/path/v#1.a.b.c.d.e"));
  EXPECT_FALSE(isPosterUrl("https://dq.example/v#1."));
  EXPECT_FALSE(isPosterUrl("https:///v#1.a"));
  EXPECT_FALSE(isPosterUrl("ftp://dq.example/v#1.a.b"));
  EXPECT_FALSE(isPosterUrl("https://dq.example/page?next=/v#1.a"));
  auto r = parsePayload("https://dq.example/v#1.x.y.z.w.sig\r\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->kind, PayloadKind::Poster);
  EXPECT_EQ(std::get<PosterLink>(r->details).url, "https://dq.example/v#1.x.y.z.w.sig");
}

TEST(Dispatcher, UnsupportedSaysSo) {
  for (std::string raw : {std::string(), std::string("https://example.com"), std::string("WIFI:S:x;;"),
                          std::string("000201010211") , std::string("hello|world"), std::string("\xFF\xFE")}) {
    auto r = parsePayload(raw);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::Unsupported);
    EXPECT_EQ(r.error().message, "unsupported QR code");
  }
}

TEST(Json, ErrorLineHasKindAndMessage) {
  EXPECT_EQ(toJsonLine(parsePayload("")), R"({"error":"Unsupported","message":"unsupported QR code"})");
}

}  // namespace

// Issue #12 defect 8: a 20,000-character name was accepted (and drawn, journaled, uploaded).
// Every card's text fields are bounded by what the card formats allow.
TEST(PayloadBounds, HugeNamesAndAddressesAreRefusedInEveryFormat) {
  std::string huge;
  for (int i = 0; i < 20000; ++i) huge += "a";
  auto c = parsePayload("001099012345||" + huge + "|15081999|Nam|" + kAddr + "|20042021");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().field, "name");
  auto a = parsePayload(std::string("001099012345||Nguyễn Văn An|15081999|Nam|") + huge + "|20042021");
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.error().field, "address");
  auto p = parsePayload("079199001234|" + huge + "|1990-05-17|1|162979388586171102|");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().field, "name");
  std::string bhyt = "GD4797900000001|" + payload::encodeHexText(huge) +
                     "|15/08/1999|1|-|01 - 001|01/01/2021|31/12/2021|01/01/2021|01001000000001|-|4|01/01/2026|0000-0000|$";
  auto b = parsePayload(bhyt);
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.error().field, "name");
  // The longest real names still pass: 80 code points of Vietnamese.
  std::string longName;
  for (int i = 0; i < 16; ++i) longName += i ? " Hạnh" : "Hạnh";  // 16*5-1 = 79 code points
  EXPECT_TRUE(parsePayload("001099012345||" + longName + "|15081999|Nam|" + kAddr + "|20042021").ok());
}

// Issue #12 defect 8: the 2021 app wrote the ID kind as text in some versions.
TEST(PcCovid, IdKindAsTextIsAccepted) {
  for (const char* kind : {"CCCD", "CMND", "1"}) {
    auto r = parsePayload(std::string("079199001234|Trần Văn Đức|1990-05-17|") + kind + "|162979388586171102|");
    ASSERT_TRUE(r.ok()) << kind << ": " << r.error().message;
    EXPECT_EQ(std::get<PcCovidCard>(r->details).idKind, kind);
  }
  EXPECT_FALSE(parsePayload("079199001234|Trần Văn Đức|1990-05-17|C C|162979388586171102|").ok());
}

// Issue #12 defect 3: an expired BHYT card got no warning.
TEST(CardValidity, BhytPastItsValidToDateIsExpired) {
  auto b = parsePayload(
      "GD4797900000001|4e677579e1bb856e2056c4836e20416e|15/08/1999|1|-|01 - 001|01/01/2021|31/12/2021|01/01/2021|"
      "01001000000001|-|4|01/01/2026|0000-0000|$");
  ASSERT_TRUE(b.ok()) << b.error().message;
  const int64_t dec31_2021_2359 = (daysFromCivil(2021, 12, 31) * 86400 + 23 * 3600 + 59 * 60) * 1000 - 420 * 60000;
  EXPECT_FALSE(cardExpiredOn(*b, Instant{dec31_2021_2359, 420}).has_value());  // its last valid minute
  auto expired = cardExpiredOn(*b, Instant{dec31_2021_2359 + 60000, 420});      // 00:00 on 1 Jan 2022
  ASSERT_TRUE(expired.has_value());
  EXPECT_EQ(expired->iso(), "2021-12-31");
  // No end date ('-'): never expired. A CCCD without the 8th field: never expired.
  auto open = parsePayload(
      "GD4797900000001|4e677579e1bb856e2056c4836e20416e|15/08/1999|1|-|01 - 001|01/01/2021|-|01/01/2021|"
      "01001000000001|-|4|01/01/2026|0000-0000|$");
  ASSERT_TRUE(open.ok());
  EXPECT_FALSE(cardExpiredOn(*open, Instant{dec31_2021_2359 + 86400000LL * 3650, 420}).has_value());
  auto c = cccd("038311027359", "27092011", "Nữ");
  ASSERT_TRUE(c.ok());
  EXPECT_FALSE(cardExpiredOn(*c, Instant{dec31_2021_2359, 420}).has_value());
}
