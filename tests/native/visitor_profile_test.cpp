// Visitor self check-in: profile and health declaration validation, the person it records,
// the phone's poster trust records, and binding a station to a poster.
#include <gtest/gtest.h>

#include "station_session.hpp"
#include "visitor/poster_trust.hpp"
#include "visitor/visitor_profile.hpp"

using namespace diemquet;
using namespace diemquet::visitor;

namespace {

VisitorProfile good() {
  VisitorProfile p;
  p.name = "  Đặng   Thị Hương ";
  p.phone = "+84 901 234 567";
  return p;
}

poster::SigningKey testKey(const char* id = "k1") {
  poster::Seed seed{};
  for (size_t i = 0; i < seed.size(); ++i) seed[i] = uint8_t(7 + i);
  return poster::makeSigningKey(id, seed).value();
}

std::string ringJson(const poster::SigningKey& k, bool revoked = false) {
  return nlohmann::json{{"ring", {poster::formatPublicKey(poster::PublicKey{k.id, k.publicKey, revoked})}}}.dump();
}

// A journal that commits at once and keeps the records.
struct FakeJournal {
  std::vector<std::string> records;
  bool fail = false;
  Append append() {
    return [this](const std::string& r, std::function<void(bool)> done) {
      if (!fail) records.push_back(r);
      done(!fail);
    };
  }
};

}  // namespace

TEST(VisitorProfile, NormalisesNameAndPhone) {
  auto v = validateProfile(good());
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(v->name, "Đặng Thị Hương");
  EXPECT_EQ(v->phone, "0901234567");
  EXPECT_EQ(v->cccd, "");
  Person p = toPerson(*v);
  EXPECT_EQ(p.kind, PersonKind::Visitor);
  EXPECT_EQ(p.key, "0901234567");
}

TEST(VisitorProfile, CccdBecomesTheKey) {
  VisitorProfile p = good();
  p.cccd = "001099012345";
  auto v = validateProfile(p);
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(toPerson(*v).key, "001099012345");
}

TEST(VisitorProfile, PhoneIsRequired) {
  VisitorProfile p = good();
  p.phone = "";
  FieldErrors errs;
  EXPECT_FALSE(validateProfile(p, &errs).ok());
  ASSERT_NE(errs.forField("phone"), nullptr);
  EXPECT_EQ(errs.forField("phone")->kind, ErrorKind::InvalidPhone);
  EXPECT_EQ(errs.forField("cccd"), nullptr) << "no 'CCCD or phone' message: the phone is what is asked";
}

TEST(VisitorProfile, EveryBadFieldAtOnce) {
  VisitorProfile p;
  p.name = "";
  p.phone = "12345";
  p.cccd = "0010";
  p.declaration.travel = true;
  FieldErrors errs;
  EXPECT_FALSE(validateProfile(p, &errs).ok());
  EXPECT_NE(errs.forField("name"), nullptr);
  EXPECT_NE(errs.forField("phone"), nullptr);
  EXPECT_NE(errs.forField("cccd"), nullptr);
  EXPECT_NE(errs.forField("travelPlace"), nullptr);
}

TEST(VisitorProfile, TravelPlaceOnlyKeptWhenTravelling) {
  VisitorProfile p = good();
  p.declaration.travelPlace = "Đà Nẵng";
  auto v = validateProfile(p);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->declaration.travelPlace, "");
  p.declaration.travel = true;
  p.declaration.travelPlace = "  Đà   Nẵng ";
  v = validateProfile(p);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->declaration.travelPlace, "Đà Nẵng");
  p.declaration.travelPlace = std::string(101, 'a');
  EXPECT_FALSE(validateProfile(p).ok());
}

TEST(VisitorProfile, DeclarationAttention) {
  HealthDeclaration d;
  EXPECT_FALSE(d.needsAttention());
  d.travel = true;
  EXPECT_FALSE(d.needsAttention());
  d.contact = true;
  EXPECT_TRUE(d.needsAttention());
  d = HealthDeclaration{};
  d.cough = true;
  EXPECT_TRUE(d.anySymptom());
}

TEST(VisitorProfile, JsonRoundTrip) {
  VisitorProfile p = validateProfile(good()).value();
  p.declaration.fever = true;
  p.declaration.travel = true;
  p.declaration.travelPlace = "Huế";
  EXPECT_EQ(profileFromJson(toJson(p)), p);
  // Wrong types read as "no", never a throw.
  EXPECT_EQ(declarationFromJson(nlohmann::json{{"fever", "yes"}, {"cough", 1}}), HealthDeclaration{});
}

TEST(VisitorTrust, RecordsReplayAndStaySeparateFromTheStation) {
  FakeJournal j;
  PosterTrust t;
  t.attach(j.append());
  ASSERT_TRUE(t.storeKeyRingJson(ringJson(testKey()), 1000).ok());
  ASSERT_TRUE(t.storeVenueJson(R"({"venue":{"id":"cho","name":"Chợ Bến Thành"},"scanPoints":[{"id":"p2","name":"Cổng phụ"}]})").ok());
  t.storeProfile(validateProfile(good()).value());
  t.noteSelfCheckIn(SelfCheckInNote{3, "https://x.vn/v#1.cho.p2.k1.0.sig", HealthDeclaration{}});
  t.markUploaded(3);
  ASSERT_EQ(j.records.size(), 5u);
  PosterTrust again;
  for (const std::string& r : j.records) {
    EXPECT_TRUE(PosterTrust::isOwnRecord(r)) << r;
    EXPECT_TRUE(again.replay(r));
  }
  EXPECT_EQ(again.damagedRecords(), 0);
  EXPECT_TRUE(again.hasKeyRing());
  EXPECT_EQ(again.keyRingFetchedMs(), 1000);
  ASSERT_NE(again.venue("cho"), nullptr);
  EXPECT_EQ(again.venue("cho")->pointName("p2"), "Cổng phụ");
  ASSERT_TRUE(again.profile().has_value());
  EXPECT_EQ(again.profile()->name, "Đặng Thị Hương");
  EXPECT_TRUE(again.uploaded(3));
  EXPECT_FALSE(again.replay(R"({"t":"ci","seq":1})")) << "a station record is not ours";
}

TEST(VisitorTrust, NothingAppliedWhenTheJournalFails) {
  FakeJournal j;
  j.fail = true;
  PosterTrust t;
  t.attach(j.append());
  EXPECT_TRUE(t.storeKeyRingJson(ringJson(testKey()), 1).ok());
  EXPECT_FALSE(t.hasKeyRing());
  EXPECT_FALSE(t.storeKeyRingJson(R"({"ring":["not a key"]})", 1).ok());
  EXPECT_FALSE(t.storeKeyRingJson("<html>", 1).ok());
}

TEST(VisitorTrust, PosterVerdicts) {
  auto key = testKey();
  poster::KeyRing ring;
  ring.add(poster::PublicKey{key.id, key.publicKey, false});
  auto url = poster::sign({"cho", "p2", {0, 20351231}}, key, "https://diemquet.example.vn").value();
  EXPECT_EQ(checkPoster(url, ring, 20250101).verdict, PosterVerdict::Genuine);
  EXPECT_EQ(checkPoster(url, ring, 20360101).verdict, PosterVerdict::Expired);
  EXPECT_EQ(checkPoster(url, poster::KeyRing{}, 20250101).verdict, PosterVerdict::NoKeyRing);
  std::string altered = url;
  altered.replace(altered.find(".p2."), 4, ".p3.");
  EXPECT_EQ(checkPoster(altered, ring, 20250101).verdict, PosterVerdict::Forged);
  EXPECT_EQ(checkPoster("https://x.vn/", ring, 20250101).verdict, PosterVerdict::Malformed);
  ring.revoke("k1");
  EXPECT_EQ(checkPoster(url, ring, 20250101).verdict, PosterVerdict::Revoked);
  auto other = testKey("k9");
  poster::KeyRing ring2;
  ring2.add(poster::PublicKey{other.id, other.publicKey, false});
  EXPECT_EQ(checkPoster(url, ring2, 20250101).verdict, PosterVerdict::UnknownKey);
}

TEST(VisitorBinding, GenuinePosterBindsTheStationAndNothingElseDoes) {
  auto station = Station::create().value();
  std::vector<std::string> journal;
  JournalAppend append = [&](const std::string& r, std::function<void(bool)> done) {
    journal.push_back(r);
    done(true);
  };
  StationSession s(*station, append, [] { return Instant{1750000000000, 420}; });  // 2025-06-15
  FakeJournal tj;
  PosterTrust trust;
  trust.attach(tj.append());
  s.setPosterTrust(&trust);
  auto key = testKey();
  auto url = poster::sign({"cho", "p2", {0, 20351231}}, key, "https://diemquet.example.vn").value();

  EXPECT_EQ(s.bindToPoster(url, "dev1").verdict, PosterVerdict::NoKeyRing);
  EXPECT_FALSE(station->isConfigured());
  ASSERT_TRUE(trust.storeKeyRingJson(ringJson(key), 1).ok());
  ASSERT_TRUE(trust.storeVenueJson(R"({"venue":{"id":"cho","name":"Chợ Bến Thành"},"scanPoints":[{"id":"p1","name":"Cổng chính"},{"id":"p2","name":"Cổng phụ"}]})").ok());

  std::string forged = url;
  forged[forged.size() - 3] = forged[forged.size() - 3] == 'A' ? 'B' : 'A';
  EXPECT_NE(s.bindToPoster(forged, "dev1").verdict, PosterVerdict::Genuine);
  auto expired = poster::sign({"cho", "p2", {0, 20250101}}, key, "https://diemquet.example.vn").value();
  EXPECT_EQ(s.bindToPoster(expired, "dev1").verdict, PosterVerdict::Expired);
  EXPECT_TRUE(journal.empty());
  EXPECT_FALSE(station->isConfigured());

  bool committed = false;
  EXPECT_TRUE(s.bindToPoster(url, "dev1", [&](bool ok) { committed = ok; }).ok());
  EXPECT_TRUE(committed);
  EXPECT_EQ(journal.size(), 1u);
  EXPECT_EQ(station->settings().venue.id, "cho");
  EXPECT_EQ(station->settings().venue.name, "Chợ Bến Thành");
  EXPECT_EQ(station->settings().scanPoint.id, "p2");
  EXPECT_EQ(station->settings().scanPoint.name, "Cổng phụ");
  EXPECT_EQ(station->settings().deviceId, "dev1");
  // The same poster again writes nothing.
  EXPECT_TRUE(s.bindToPoster(url, "dev2").ok());
  EXPECT_EQ(journal.size(), 1u);
}
