// Exposure lists and on-phone matching (wasm/core/exposure/): a forged or altered list is
// refused, matching honours the window's edges and the scan point, and the phone's own history
// replays, refuses an older list and is purged after retention.
#include <gtest/gtest.h>

#include <map>

#include "exposure/exposure_list.hpp"
#include "exposure/visit_history.hpp"

using namespace diemquet;
using namespace diemquet::exposure;

namespace {

constexpr int64_t kHour = 3'600'000;
constexpr int64_t kT0 = 1764547200000;  // 2025-12-01T00:00:00Z

poster::SigningKey key(const char* id, uint8_t fill) {
  poster::Seed seed{};
  seed.fill(fill);
  return poster::makeSigningKey(id, seed).value();
}

poster::KeyRing ringOf(const poster::SigningKey& k) {
  poster::KeyRing ring;
  ring.add(poster::PublicKey{k.id, k.publicKey, false});
  return ring;
}

ExposureList oneExposure(std::string point = "") {
  ExposureList l;
  l.issuedMs = kT0 + 100 * kHour;
  l.retentionDays = 21;
  l.exposures.push_back(Exposure{7, "cho-ben-thanh", "Chợ Bến Thành", std::move(point), kT0 + 8 * kHour,
                                 kT0 + 10 * kHour, "Theo dõi sức khỏe 14 ngày", kT0 + 99 * kHour});
  return l;
}

Stay stay(int64_t start, int64_t end, std::string point = "cong-chinh") {
  return Stay{"cho-ben-thanh", "Chợ Bến Thành", {std::move(point)}, start, end, false};
}

OwnVisit visit(Direction d, int64_t at, std::string venue = "cho-ben-thanh", std::string point = "cong-chinh") {
  return OwnVisit{std::move(venue), "Chợ", std::move(point), "Cổng", d, Instant{at, 420}, 0};
}

}  // namespace

TEST(ExposureList, SignedListVerifiesAndParses) {
  auto k = key("k1", 1);
  auto l = verifyList(signList(oneExposure("cong-chinh"), k), ringOf(k));
  ASSERT_TRUE(l) << l.error().message;
  EXPECT_EQ(l->retentionDays, 21);
  ASSERT_EQ(l->exposures.size(), 1u);
  EXPECT_EQ(l->exposures[0].pointId, "cong-chinh");
  EXPECT_EQ(l->exposures[0].advice, "Theo dõi sức khỏe 14 ngày");
}

TEST(ExposureList, AlteredListIsRefused) {
  auto k = key("k1", 1);
  std::string body = signList(oneExposure(), k);
  // Move the window by one hour inside the signed payload.
  auto at = body.find(std::to_string(kT0 + 8 * kHour));
  ASSERT_NE(at, std::string::npos);
  body.replace(at, std::to_string(kT0 + 8 * kHour).size(), std::to_string(kT0 + 7 * kHour));
  auto l = verifyList(body, ringOf(k));
  ASSERT_FALSE(l);
  EXPECT_EQ(l.error().kind, ErrorKind::BadSignature);
}

TEST(ExposureList, ForgedWithAnotherKeyOfTheSameIdIsRefused) {
  auto real = key("k1", 1), forger = key("k1", 2);
  auto l = verifyList(signList(oneExposure(), forger), ringOf(real));
  ASSERT_FALSE(l);
  EXPECT_EQ(l.error().kind, ErrorKind::BadSignature);
}

TEST(ExposureList, UnknownRevokedAndMalformedAreRefused) {
  auto k = key("k1", 1), other = key("k2", 3);
  EXPECT_EQ(verifyList(signList(oneExposure(), other), ringOf(k)).error().kind, ErrorKind::UnknownKey);
  poster::KeyRing revoked = ringOf(k);
  revoked.revoke("k1");
  EXPECT_EQ(verifyList(signList(oneExposure(), k), revoked).error().kind, ErrorKind::RevokedKey);
  EXPECT_EQ(verifyList("{\"list\":\"{}\"}", ringOf(k)).error().kind, ErrorKind::Malformed);
  EXPECT_EQ(verifyList("not json", ringOf(k)).error().kind, ErrorKind::Malformed);
  EXPECT_EQ(verifyList("{\"list\":\"{}\",\"key\":\"k1\",\"sig\":\"AAAA\"}", ringOf(k)).error().kind,
            ErrorKind::Malformed);
}

TEST(ExposureMatch, WindowEdgesAreHalfOpen) {
  const ExposureList l = oneExposure();
  const int64_t from = kT0 + 8 * kHour, until = kT0 + 10 * kHour;
  EXPECT_TRUE(match(l, {stay(from - kHour, from)}).empty()) << "left when it opened";
  EXPECT_EQ(match(l, {stay(from - kHour, from + 1)}).size(), 1u) << "one ms inside";
  EXPECT_EQ(match(l, {stay(from, from + 1)}).size(), 1u) << "came when it opened";
  EXPECT_EQ(match(l, {stay(until - 1, until + kHour)}).size(), 1u) << "came one ms before it closed";
  EXPECT_TRUE(match(l, {stay(until, until + kHour)}).empty()) << "came when it closed";
  EXPECT_EQ(match(l, {stay(from, from)}).size(), 1u) << "in and out at once, inside";
  EXPECT_TRUE(match(l, {stay(until, until)}).empty()) << "in and out at once, at the closing edge";
  EXPECT_EQ(match(l, {stay(from - kHour, until + kHour)}).size(), 1u) << "the whole window";
}

TEST(ExposureMatch, ScanPointAndVenueMustAgree) {
  const ExposureList atGate = oneExposure("cong-chinh");
  const int64_t mid = kT0 + 9 * kHour;
  EXPECT_EQ(match(atGate, {stay(mid, mid + kHour, "cong-chinh")}).size(), 1u);
  EXPECT_TRUE(match(atGate, {stay(mid, mid + kHour, "cong-pct")}).empty());
  EXPECT_EQ(match(oneExposure(""), {stay(mid, mid + kHour, "cong-pct")}).size(), 1u) << "no point: every gate";
  Stay elsewhere = stay(mid, mid + kHour);
  elsewhere.venueId = "cho-an-dong";
  EXPECT_TRUE(match(atGate, {elsewhere}).empty());
}

TEST(ExposureMatch, StaysFromOwnVisits) {
  const int64_t t = kT0 + 6 * kHour;
  // In at 06:00 at the main gate, out at 06:30 at the other: one stay, both points.
  auto s = staysOf({visit(Direction::In, t), visit(Direction::Out, t + kHour / 2, "cho-ben-thanh", "cong-pct")});
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].endMs, t + kHour / 2);
  EXPECT_EQ(s[0].pointIds.size(), 2u);
  // In with no out lasts the default stay, or until the next check-in elsewhere.
  s = staysOf({visit(Direction::In, t)});
  EXPECT_EQ(s[0].endMs, t + kDefaultStayMs);
  EXPECT_TRUE(s[0].endEstimated);
  s = staysOf({visit(Direction::In, t + kHour, "cho-an-dong"), visit(Direction::In, t)});
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].endMs, t + kHour);
  // An out alone started one default stay earlier.
  s = staysOf({visit(Direction::Out, t)});
  EXPECT_EQ(s[0].startMs, t - kDefaultStayMs);
}

TEST(ExposureMatch, InsideNowByOwnRecords) {
  const int64_t t = kT0 + 6 * kHour;
  const std::string here = "cho-ben-thanh";
  // In here 30 minutes ago: inside. Out since, or in elsewhere since: not.
  EXPECT_TRUE(insideNow({visit(Direction::In, t)}, here, t + kHour / 2));
  EXPECT_FALSE(insideNow({visit(Direction::In, t), visit(Direction::Out, t + kHour / 4)}, here, t + kHour / 2));
  EXPECT_FALSE(insideNow({visit(Direction::In, t), visit(Direction::In, t + kHour / 4, "cho-an-dong")}, here, t + kHour / 2));
  EXPECT_FALSE(insideNow({visit(Direction::In, t)}, "cho-an-dong", t + kHour / 2));
  // The latest by time, whatever the order the records came in.
  EXPECT_TRUE(insideNow({visit(Direction::Out, t - kHour), visit(Direction::In, t)}, here, t + 1));
  EXPECT_FALSE(insideNow({visit(Direction::Out, t + 1), visit(Direction::In, t)}, here, t + 2));
  // A visit with no "out" is over after the default stay: this is a new one.
  EXPECT_FALSE(insideNow({visit(Direction::In, t)}, here, t + kDefaultStayMs));
  EXPECT_FALSE(insideNow({}, here, t));
}

// A fake journal: records in order, with keys.
struct FakeJournal {
  std::map<int64_t, std::string> records;
  int64_t next = 1, lastKey = 0;
  Append append() {
    return [this](const std::string& r, std::function<void(bool)> done) {
      lastKey = next++;
      records[lastKey] = r;
      done(true);
      lastKey = 0;
    };
  }
  KeySource keys() {
    return [this] { return lastKey; };
  }
};

TEST(VisitHistory, ReplaysMatchesAndPurges) {
  auto k = key("k1", 1);
  const poster::KeyRing ring = ringOf(k);
  FakeJournal j;
  VisitHistory h;
  h.attach(j.append(), j.keys());
  h.noteVisit(visit(Direction::In, kT0 + 9 * kHour));
  h.noteVisit(visit(Direction::In, kT0 - 30 * 24 * kHour, "cho-an-dong"));
  ASSERT_TRUE(h.storeList(signList(oneExposure(), k), ring, kT0 + 101 * kHour));
  ASSERT_EQ(h.alerts(ring).size(), 1u);

  // After a restart the journal gives back the same history and list.
  VisitHistory again;
  for (const auto& [key, r] : j.records) EXPECT_TRUE(again.replay(r, key));
  EXPECT_EQ(again.visits().size(), 2u);
  ASSERT_EQ(again.alerts(ring).size(), 1u);
  EXPECT_EQ(again.alerts(ring)[0].exposure.advice, "Theo dõi sức khỏe 14 ngày");
  EXPECT_FALSE(again.replay("{\"t\":\"dqv.keys\",\"v\":{}}"));

  // An older list (a replay of yesterday's, before a withdrawal) is refused; a newer empty one
  // (the exposure withdrawn) removes the alert and supersedes the old record.
  ExposureList older = oneExposure();
  older.issuedMs -= kHour;
  EXPECT_EQ(again.storeList(signList(older, k), ring, kT0).error().kind, ErrorKind::Conflict);
  again.attach(j.append(), j.keys());
  ExposureList withdrawn;
  withdrawn.issuedMs = kT0 + 200 * kHour;
  ASSERT_TRUE(again.storeList(signList(withdrawn, k), ring, kT0 + 201 * kHour));
  EXPECT_TRUE(again.alerts(ring).empty());

  // Retention 21 days: the visit 30 days ago goes, with the superseded list record.
  auto keys = again.expiredKeys(kT0 + 10 * kHour, 21);
  EXPECT_EQ(keys.size(), 2u);
  again.forget(keys);
  ASSERT_EQ(again.visits().size(), 1u);
  EXPECT_EQ(again.visits()[0].venueId, "cho-ben-thanh");
  EXPECT_TRUE(again.expiredKeys(kT0 + 10 * kHour, 21).empty());
}

TEST(VisitHistory, CsvCannotRunAsFormula) {
  VisitHistory h;
  FakeJournal j;
  h.attach(j.append(), j.keys());
  OwnVisit v = visit(Direction::In, kT0);
  v.venueName = "=HYPERLINK(\"x\")";
  h.noteVisit(v);
  const std::string csv = h.csv();
  EXPECT_NE(csv.find("\"'=HYPERLINK(\"\"x\"\")\""), std::string::npos) << csv;
  EXPECT_NE(csv.find("Vào"), std::string::npos);
}
