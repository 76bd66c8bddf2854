// Signed poster URLs: round trip, golden bytes, and every way a poster is refused.
#include <gtest/gtest.h>

#include <set>

#include "ids.hpp"
#include "poster/signed_url.hpp"

using namespace diemquet;
using namespace diemquet::poster;

namespace {

Seed seedOf(uint8_t fill) {
  Seed s{};
  for (size_t i = 0; i < s.size(); ++i) s[i] = uint8_t(fill + i);
  return s;
}

SigningKey testKey(const char* id = "k1", uint8_t fill = 7) { return makeSigningKey(id, seedOf(fill)).value(); }

KeyRing ringWith(const SigningKey& k) {
  KeyRing ring;
  ring.add(PublicKey{k.id, k.publicKey, false});
  return ring;
}

const char* kBase = "https://diemquet.example.vn";

std::string signedUrl(const PosterClaim& c, const SigningKey& k) {
  auto r = sign(c, k, kBase);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.value();
}

}  // namespace

TEST(PosterKey, Rfc8032SeedGivesItsPublicKey) {
  // RFC 8032 §7.1 test 1: proves this libsodium build (native and WASM) is Ed25519.
  const uint8_t seed[32] = {0x9d, 0x61, 0xb1, 0x9d, 0xef, 0xfd, 0x5a, 0x60, 0xba, 0x84, 0x4a,
                            0xf4, 0x92, 0xec, 0x2c, 0xc4, 0x44, 0x49, 0xc5, 0x69, 0x7b, 0x32,
                            0x69, 0x19, 0x70, 0x3b, 0xac, 0x03, 0x1c, 0xae, 0x7f, 0x60};
  const uint8_t pub[32] = {0xd7, 0x5a, 0x98, 0x01, 0x82, 0xb1, 0x0a, 0xb7, 0xd5, 0x4b, 0xfe,
                           0xd3, 0xc9, 0x64, 0x07, 0x3a, 0x0e, 0xe1, 0x72, 0xf3, 0xda, 0xa6,
                           0x23, 0x25, 0xaf, 0x02, 0x1a, 0x68, 0xf7, 0x07, 0x51, 0x1a};
  Seed s;
  std::copy(seed, seed + 32, s.begin());
  auto k = makeSigningKey("rfc", s);
  ASSERT_TRUE(k.ok());
  EXPECT_TRUE(std::equal(pub, pub + 32, k->publicKey.begin()));
}

TEST(PosterKey, KeyIdMustBeShortAlphanumeric) {
  EXPECT_FALSE(makeSigningKey("", seedOf(1)).ok());
  EXPECT_FALSE(makeSigningKey("toolong12", seedOf(1)).ok());
  EXPECT_FALSE(makeSigningKey("k-1", seedOf(1)).ok());
  EXPECT_TRUE(makeSigningKey("K2025a", seedOf(1)).ok());
}

TEST(PosterKey, FreshSeedsComeFromTheCsprng) {
  Seed a = freshSeed(), b = freshSeed();
  EXPECT_NE(a, b);
  EXPECT_NE(a, Seed{});
}

TEST(PosterKey, PublicKeyTextRoundTripsWithRevocation) {
  SigningKey k = testKey();
  PublicKey pk{k.id, k.publicKey, true};
  std::string text = formatPublicKey(pk);
  EXPECT_TRUE(text.starts_with("dqk1.k1."));
  EXPECT_TRUE(text.ends_with(".revoked"));
  auto back = parsePublicKey(text);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->id, "k1");
  EXPECT_EQ(back->bytes, k.publicKey);
  EXPECT_TRUE(back->revoked);
  EXPECT_FALSE(parsePublicKey("dqk1.k1.AAAA").ok());
  EXPECT_FALSE(parsePublicKey("dqk1.k1." + text.substr(8, 43) + ".maybe").ok());
}

TEST(PosterUrl, SignParseVerifyRoundTrip) {
  SigningKey k = testKey();
  std::string url = signedUrl({"cho-ben-thanh", "cong-chinh", {}}, k);
  EXPECT_TRUE(url.starts_with("https://diemquet.example.vn/v#1.cho-ben-thanh.cong-chinh.k1.0."));
  auto ref = parsePosterUrl(url);
  ASSERT_TRUE(ref.ok()) << ref.error().message;
  EXPECT_EQ(ref->baseUrl, kBase);
  EXPECT_EQ(ref->venueId, "cho-ben-thanh");
  EXPECT_EQ(ref->pointId, "cong-chinh");
  EXPECT_EQ(ref->keyId, "k1");
  EXPECT_EQ(ref->signedText(), "DQP1|cho-ben-thanh|cong-chinh|k1|0");
  EXPECT_TRUE(verify(*ref, ringWith(k), 20250601).ok());
}

TEST(PosterUrl, GoldenUrlIsTheSameOnEveryBuild) {
  // Ed25519 is deterministic: native and WASM builds must sign to these exact bytes.
  std::string url = signedUrl({"cho-ben-thanh", "cong-chinh", {0, 20251231}}, testKey());
  EXPECT_EQ(url,
            "https://diemquet.example.vn/v#1.cho-ben-thanh.cong-chinh.k1.20251231."
            "6-cpBt-gZ5AR5tGRHINvpQCQ6aK9fx8diHdZ3JAUO_h9oc81GPsj_6yNCp_HGHNDHLiI-Ex6PoqOleHAC-YaCA");
}

TEST(PosterUrl, ToleratesSurroundingWhiteSpaceOnly) {
  std::string url = signedUrl({"v1", "p1", {}}, testKey());
  EXPECT_TRUE(parsePosterUrl("  " + url + "\r\n").ok());
  EXPECT_FALSE(parsePosterUrl(url + "x").ok());
  EXPECT_FALSE(parsePosterUrl(url + ".x").ok());
}

TEST(PosterUrl, TamperingAnyCharacterOfTheFragmentIsRefused) {
  SigningKey k = testKey();
  KeyRing ring = ringWith(k);
  std::string url = signedUrl({"cho-ben-thanh", "cong-chinh", {20250101, 20251231}}, k);
  size_t start = url.find("/v#1.") + 5;
  const std::string subs = "Aa0z9-._Q";
  std::set<ErrorKind> seen;
  int tried = 0;
  for (size_t i = start; i < url.size(); ++i) {
    for (char c : subs) {
      if (c == url[i]) continue;
      std::string bad = url;
      bad[i] = c;
      ++tried;
      auto ref = parsePosterUrl(bad);
      if (!ref.ok()) {
        seen.insert(ref.error().kind);
        continue;
      }
      auto st = verify(*ref, ring, 20250601);
      ASSERT_FALSE(st.ok()) << "accepted tampered URL at " << i << ": " << bad;
      seen.insert(st.error().kind);
      EXPECT_TRUE(st.error().kind == ErrorKind::BadSignature || st.error().kind == ErrorKind::UnknownKey)
          << bad;
    }
  }
  EXPECT_GT(tried, 800);
  EXPECT_TRUE(seen.contains(ErrorKind::BadSignature));
  EXPECT_TRUE(seen.contains(ErrorKind::Malformed));
  EXPECT_TRUE(seen.contains(ErrorKind::UnknownKey));
}

TEST(PosterUrl, DroppingOrAddingACharacterIsRefused) {
  SigningKey k = testKey();
  KeyRing ring = ringWith(k);
  std::string url = signedUrl({"cho", "p1", {0, 20251231}}, k);
  for (size_t i = url.find("/v#1.") + 5; i < url.size(); ++i) {
    std::string shorter = url.substr(0, i) + url.substr(i + 1);
    std::string longer = url.substr(0, i) + "A" + url.substr(i);
    for (const std::string& bad : {shorter, longer}) {
      auto ref = parsePosterUrl(bad);
      if (ref.ok()) EXPECT_FALSE(verify(*ref, ring, 20250601).ok()) << bad;
    }
  }
}

TEST(PosterUrl, BaseUrlIsNotSignedSoDeploymentsCanMove) {
  SigningKey k = testKey();
  std::string url = signedUrl({"cho", "p1", {}}, k);
  std::string moved = "https://checkin.example.org/dq" + url.substr(url.find("/v#1."));
  auto ref = parsePosterUrl(moved);
  ASSERT_TRUE(ref.ok());
  EXPECT_EQ(ref->baseUrl, "https://checkin.example.org/dq");
  EXPECT_TRUE(verify(*ref, ringWith(k), 20250601).ok());
}

TEST(PosterVerify, WrongKeyIsABadSignature) {
  SigningKey k = testKey("k1", 7), other = testKey("k1", 99);
  auto ref = parsePosterUrl(signedUrl({"cho", "p1", {}}, k));
  auto st = verify(*ref, ringWith(other), 20250601);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().kind, ErrorKind::BadSignature);
}

TEST(PosterVerify, UnknownKeyIdIsRefused) {
  auto ref = parsePosterUrl(signedUrl({"cho", "p1", {}}, testKey("k9")));
  auto st = verify(*ref, ringWith(testKey("k1")), 20250601);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().kind, ErrorKind::UnknownKey);
}

TEST(PosterVerify, RevokedKeyIsRefusedEvenWithAGoodSignature) {
  SigningKey k = testKey();
  KeyRing ring = ringWith(k);
  auto ref = parsePosterUrl(signedUrl({"cho", "p1", {}}, k));
  ASSERT_TRUE(verify(*ref, ring, 20250601).ok());
  EXPECT_TRUE(ring.revoke("k1"));
  EXPECT_FALSE(ring.revoke("nope"));
  auto st = verify(*ref, ring, 20250601);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().kind, ErrorKind::RevokedKey);
}

TEST(PosterVerify, EventWindowIsInclusiveAndChecked) {
  SigningKey k = testKey();
  KeyRing ring = ringWith(k);
  std::string url = signedUrl({"tiec-cuoi-an", "sanh-a", {20250601, 20250603}}, k);
  EXPECT_NE(url.find(".20250601-20250603."), std::string::npos);
  auto ref = parsePosterUrl(url);
  ASSERT_TRUE(ref.ok());
  EXPECT_EQ(verify(*ref, ring, 20250531).error().kind, ErrorKind::NotYetValid);
  EXPECT_TRUE(verify(*ref, ring, 20250601).ok());
  EXPECT_TRUE(verify(*ref, ring, 20250603).ok());
  EXPECT_EQ(verify(*ref, ring, 20250604).error().kind, ErrorKind::Expired);
}

TEST(PosterVerify, ExpiryOnlyAndOpenStart) {
  SigningKey k = testKey();
  KeyRing ring = ringWith(k);
  auto until = parsePosterUrl(signedUrl({"cho", "p1", {0, 20251231}}, k));
  EXPECT_TRUE(verify(*until, ring, 20200101).ok());
  EXPECT_EQ(verify(*until, ring, 20260101).error().kind, ErrorKind::Expired);
  auto from = parsePosterUrl(signedUrl({"cho", "p1", {20250601, 0}}, k));
  EXPECT_EQ(verify(*from, ring, 20250501).error().kind, ErrorKind::NotYetValid);
  EXPECT_TRUE(verify(*from, ring, 20991231).ok());
}

TEST(PosterUrl, MalformedInputsAreMalformed) {
  std::string good = signedUrl({"cho", "p1", {}}, testKey());
  std::string sig = good.substr(good.rfind('.') + 1);
  for (std::string bad : {
           std::string("https://diemquet.example.vn/v#2.cho.p1.k1.0.") + sig,
           "https://diemquet.example.vn/v#1.cho.p1.k1." + sig,
           "https://diemquet.example.vn/v#1.cho.p1.k1.0.0." + sig,
           "ftp://diemquet.example.vn/v#1.cho.p1.k1.0." + sig,
           "/v#1.cho.p1.k1.0." + sig,
           "https://diemquet.example.vn/v#1.chợ.p1.k1.0." + sig,
           "https://diemquet.example.vn/v#1..p1.k1.0." + sig,
           "https://diemquet.example.vn/v#1.cho.p1.k1.20250230." + sig,
           "https://diemquet.example.vn/v#1.cho.p1.k1.2025060." + sig,
           "https://diemquet.example.vn/v#1.cho.p1.k1.20250603-20250601." + sig,
           "https://diemquet.example.vn/v#1.cho.p1.k1.0-20250601." + sig,
           "https://diemquet.example.vn/v#1.cho.p1.k1.0." + sig.substr(1),
           "https://diemquet.example.vn/v#1.cho.p1.k1.0." + sig + "A",
           "https://diemquet.example.vn/v#1.cho.p1.k-1.0." + sig,
           "https://diemquet.example.vn/v#1.cho-cho-cho-cho-cho-cho-cho.p1.k1.0." + sig,
           std::string(""),
       }) {
    auto r = parsePosterUrl(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().kind, ErrorKind::Malformed) << bad;
  }
}

TEST(PosterUrl, NonCanonicalSignatureTextIsMalformed) {
  // 64 bytes take 86 base64 characters with 4 spare bits; setting them must not give a second
  // valid spelling of the same signature.
  std::string good = signedUrl({"cho", "p1", {}}, testKey());
  static const std::string kAlpha = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  size_t v = kAlpha.find(good.back());
  for (size_t low = 1; low < 4; ++low) {
    std::string bad = good;
    bad.back() = kAlpha[(v & ~size_t(3)) | ((v + low) & 3)];
    auto r = parsePosterUrl(bad);
    EXPECT_FALSE(r.ok()) << bad;
  }
}

TEST(PosterUrl, SignRefusesBadInput) {
  SigningKey k = testKey();
  EXPECT_EQ(sign({"cho", "p1", {}}, k, "https://diemquet.example.vn/").error().kind, ErrorKind::Malformed);
  EXPECT_EQ(sign({"cho", "p1", {}}, k, "diemquet.example.vn").error().kind, ErrorKind::Malformed);
  EXPECT_EQ(sign({"chợ", "p1", {}}, k, kBase).error().kind, ErrorKind::Malformed);
  EXPECT_EQ(sign({"cho", "p.1", {}}, k, kBase).error().kind, ErrorKind::Malformed);
  EXPECT_EQ(sign({"cho", "p1", {20250602, 20250601}}, k, kBase).error().kind, ErrorKind::InvalidDate);
  EXPECT_EQ(sign({"cho", "p1", {0, 20250231}}, k, kBase).error().kind, ErrorKind::InvalidDate);
}

TEST(PosterUrl, LongestUrlStaysCompact) {
  SigningKey k = testKey("abcd1234");
  std::string url = signedUrl({std::string(24, 'v'), std::string(16, 'p'), {20250101, 20251231}}, k);
  EXPECT_LE(url.size(), 200u);
}

TEST(PosterShortCode, IsSixCrockfordCharactersAndStable) {
  std::string a = shortCode("cho-ben-thanh", "cong-chinh");
  EXPECT_EQ(a.size(), 7u);
  EXPECT_EQ(a[3], '-');
  EXPECT_EQ(a, shortCode("cho-ben-thanh", "cong-chinh"));
  EXPECT_NE(a, shortCode("cho-ben-thanh", "cong-phu"));
  for (char c : a) EXPECT_TRUE(c == '-' || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z' && c != 'I' && c != 'L' && c != 'O' && c != 'U'));
}

TEST(PosterShortCode, TypedAsPeopleTypeIt) {
  const std::string code = shortCode("cho-ben-thanh", "cong-chinh");
  std::string bare = code.substr(0, 3) + code.substr(4);
  std::string lower;
  for (char c : code) lower += char(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  for (const std::string& typed : {code, bare, lower, " " + code + "\n", code.substr(0, 3) + " " + code.substr(4),
                                   code.substr(0, 3) + "\xE2\x80\x93" + code.substr(4)})
    EXPECT_EQ(normalizeShortCode(typed).value_or("-"), code) << typed;
  // Crockford's look-alikes: I and L are 1, O is 0.
  EXPECT_EQ(normalizeShortCode("1O1-ILo").value_or("-"), "101-110");
  // Wrong length, or a character no code has (U), is refused rather than guessed.
  for (const char* bad : {"", "34M-FP", "34M-FPJX", "34M-FPU", "34M/FPJ", "https://x/v#1"})
    EXPECT_FALSE(normalizeShortCode(bad).has_value()) << bad;
}

TEST(Ids, OneRuleForVenueAndScanPointIds) {
  EXPECT_TRUE(isValidId("cho-ben-thanh"));
  EXPECT_TRUE(isValidId("cong-pct"));
  EXPECT_TRUE(isValidId("26743-T7X0K41W"));  // the office's generated ids
  EXPECT_TRUE(isValidId("abcdefghijklmnop"));
  EXPECT_FALSE(isValidId("cong-phan-chu-trinh"));  // 19: a poster cannot carry it
  EXPECT_FALSE(isValidId(""));
  EXPECT_FALSE(isValidId("cổng"));
  EXPECT_FALSE(isValidId("a b"));
  auto st = checkId("scan point id", "cong-phan-chu-trinh");
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().message.find("19 characters"), std::string::npos);
  EXPECT_NE(st.error().message.find(kIdRule), std::string::npos);
  // What the id rule allows, a poster can sign.
  EXPECT_TRUE(sign(PosterClaim{"abcdefghijklmnop", "abcdefghijklmnop", {}}, testKey(), "https://x.vn").ok());
}

TEST(PosterTime, LocalYmdUsesTheStationOffset) {
  // 2025-06-01 17:30 UTC is already 2 June in Vietnam (UTC+7).
  Instant at{int64_t(daysFromCivil(2025, 6, 1)) * 86400000 + (17 * 60 + 30) * 60000, 420};
  EXPECT_EQ(localYmd(at), 20250602);
  at.offsetMinutes = 0;
  EXPECT_EQ(localYmd(at), 20250601);
}
