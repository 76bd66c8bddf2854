// Signed poster URLs: Ed25519 through libsodium (only this file and the key helpers see it).
#include "poster/signed_url.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstdio>

#include "ids.hpp"

namespace diemquet::poster {
namespace {

constexpr std::string_view kMarker = "/v#1.";
constexpr std::string_view kSignedPrefix = "DQP1|";
constexpr size_t kSigChars = 86;  // base64url of 64 bytes, no padding

bool isAlnum(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}
bool isIdent(std::string_view s, size_t maxLen, bool dash) {
  if (s.empty() || s.size() > maxLen) return false;
  return std::all_of(s.begin(), s.end(), [&](char c) { return isAlnum(c) || (dash && c == '-'); });
}
bool validVenue(std::string_view s) { return isIdent(s, 24, true); }
// Venue ids up to 24 characters parse (posters printed before the id rule); new ids follow
// the rule of ids.hpp (16).
bool validPoint(std::string_view s) {
  return isValidId(s);
}
bool validKeyId(std::string_view s) { return isIdent(s, 8, false); }

// yyyymmdd, exactly 8 digits and a calendar date.
bool parseYmd(std::string_view s, int& out) {
  if (s.size() != 8) return false;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  if (!isValidDate(v / 10000, v / 100 % 100, v % 100) || v / 10000 < 2000) return false;
  out = v;
  return true;
}

bool validYmd(int v) { return v == 0 || (v / 10000 >= 2000 && isValidDate(v / 10000, v / 100 % 100, v % 100)); }

// "0" | "<until>" | "<from>-<until>" | "<from>-0"
std::string formatValidity(const Validity& v) {
  char buf[32];
  if (v.fromYmd == 0) {
    std::snprintf(buf, sizeof buf, "%d", v.untilYmd);
  } else {
    std::snprintf(buf, sizeof buf, "%d-%d", v.fromYmd, v.untilYmd);
  }
  return buf;
}

bool parseValidity(std::string_view s, Validity& out) {
  out = {};
  auto dash = s.find('-');
  std::string_view until = s;
  if (dash != std::string_view::npos) {
    if (!parseYmd(s.substr(0, dash), out.fromYmd)) return false;
    until = s.substr(dash + 1);
  }
  if (until == "0") return true;
  if (!parseYmd(until, out.untilYmd)) return false;
  return out.fromYmd == 0 || out.fromYmd <= out.untilYmd;
}

std::string toBase64Url(const uint8_t* bin, size_t len) {
  std::string out(sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), bin, len, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

// Exactly `len` bytes from canonical base64url (re-encoding gives the same text), so no two
// texts carry the same signature.
bool fromBase64Url(std::string_view text, uint8_t* bin, size_t len) {
  size_t got = 0;
  const char* end = nullptr;
  if (sodium_base642bin(bin, len, text.data(), text.size(), nullptr, &got, &end,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
    return false;
  if (got != len || end != text.data() + text.size()) return false;
  return toBase64Url(bin, len) == text;
}

bool validBaseUrl(std::string_view b) {
  std::string_view rest;
  if (b.starts_with("https://")) rest = b.substr(8);
  else if (b.starts_with("http://")) rest = b.substr(7);
  else return false;
  if (rest.empty() || rest.back() == '/' || rest.front() == '/') return false;
  for (char c : rest) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f || c == '#' || c == '?') return false;
  }
  return true;
}

Error malformed(std::string message, std::string field) {
  return makeError(ErrorKind::Malformed, std::move(message), std::move(field));
}

}  // namespace

Seed freshSeed() {
  Seed s{};
  randombytes_stir();  // under Emscripten this installs the JS source before first use
  randombytes_buf(s.data(), s.size());
  return s;
}

Result<SigningKey> makeSigningKey(std::string_view keyId, const Seed& seed) {
  if (!validKeyId(keyId)) return malformed("key id must be 1-8 letters or digits", "key");
  SigningKey k;
  k.id = std::string(keyId);
  crypto_sign_ed25519_seed_keypair(k.publicKey.data(), k.secret.data(), seed.data());
  return k;
}

void KeyRing::add(PublicKey key) {
  for (auto& k : m_keys) {
    if (k.id == key.id) {
      k = std::move(key);
      return;
    }
  }
  m_keys.push_back(std::move(key));
}

bool KeyRing::revoke(std::string_view keyId) {
  for (auto& k : m_keys) {
    if (k.id == keyId) {
      k.revoked = true;
      return true;
    }
  }
  return false;
}

const PublicKey* KeyRing::find(std::string_view keyId) const {
  for (const auto& k : m_keys)
    if (k.id == keyId) return &k;
  return nullptr;
}

std::string formatPublicKey(const PublicKey& key) {
  std::string s = "dqk1." + key.id + "." + toBase64Url(key.bytes.data(), key.bytes.size());
  if (key.revoked) s += ".revoked";
  return s;
}

Result<PublicKey> parsePublicKey(std::string_view text) {
  if (!text.starts_with("dqk1.")) return malformed("not a dqk1 public key", "key");
  text.remove_prefix(5);
  PublicKey k;
  auto dot = text.find('.');
  if (dot == std::string_view::npos) return malformed("public key has no key bytes", "key");
  k.id = std::string(text.substr(0, dot));
  if (!validKeyId(k.id)) return malformed("key id must be 1-8 letters or digits", "key");
  std::string_view rest = text.substr(dot + 1);
  auto dot2 = rest.find('.');
  if (dot2 != std::string_view::npos) {
    if (rest.substr(dot2 + 1) != "revoked") return malformed("unknown public key flag", "key");
    k.revoked = true;
    rest = rest.substr(0, dot2);
  }
  if (!fromBase64Url(rest, k.bytes.data(), k.bytes.size()))
    return malformed("public key is not 32 bytes of base64url", "key");
  return k;
}

std::string PosterRef::signedText() const {
  std::string s(kSignedPrefix);
  s += venueId + "|" + pointId + "|" + keyId + "|" + formatValidity(validity);
  return s;
}

Result<std::string> sign(const PosterClaim& claim, const SigningKey& key, std::string_view baseUrl) {
  if (!validBaseUrl(baseUrl))
    return malformed("base URL must be http(s)://host[/path] without a trailing slash", "baseUrl");
  if (!validVenue(claim.venueId)) return malformed("venue id must be [A-Za-z0-9-]{1,24}", "venue");
  if (!validPoint(claim.pointId)) return malformed("scan point id must be [A-Za-z0-9-]{1,16}", "point");
  if (!validKeyId(key.id)) return malformed("key id must be 1-8 letters or digits", "key");
  const Validity& v = claim.validity;
  if (!validYmd(v.fromYmd) || !validYmd(v.untilYmd) ||
      (v.fromYmd != 0 && v.untilYmd != 0 && v.fromYmd > v.untilYmd))
    return makeError(ErrorKind::InvalidDate, "validity days are not calendar dates in order", "validity");

  PosterRef ref;
  ref.venueId = claim.venueId;
  ref.pointId = claim.pointId;
  ref.keyId = key.id;
  ref.validity = v;
  const std::string msg = ref.signedText();
  crypto_sign_ed25519_detached(ref.signature.data(), nullptr,
                               reinterpret_cast<const unsigned char*>(msg.data()), msg.size(),
                               key.secret.data());
  std::string url(baseUrl);
  url += kMarker;
  url += ref.venueId + "." + ref.pointId + "." + ref.keyId + "." + formatValidity(v) + "." +
         toBase64Url(ref.signature.data(), ref.signature.size());
  return url;
}

Result<PosterRef> parsePosterUrl(std::string_view text) {
  auto isWs = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && isWs(text.front())) text.remove_prefix(1);
  while (!text.empty() && isWs(text.back())) text.remove_suffix(1);
  if (text.size() > 512) return malformed("poster URL too long", "url");

  auto at = text.find(kMarker);
  if (at == std::string_view::npos) return malformed("not a DiemQuet poster (no /v#1.)", "url");
  PosterRef ref;
  ref.baseUrl = std::string(text.substr(0, at));
  if (!validBaseUrl(ref.baseUrl)) return malformed("poster URL has no valid http(s) base", "baseUrl");

  std::string_view frag = text.substr(at + kMarker.size());
  std::string_view parts[5];
  for (int i = 0; i < 5; ++i) {
    auto dot = frag.find('.');
    if (i < 4) {
      if (dot == std::string_view::npos) return malformed("poster fragment has too few fields", "url");
      parts[i] = frag.substr(0, dot);
      frag = frag.substr(dot + 1);
    } else {
      if (dot != std::string_view::npos) return malformed("poster fragment has too many fields", "url");
      parts[i] = frag;
    }
  }
  if (!validVenue(parts[0])) return malformed("venue id must be [A-Za-z0-9-]{1,24}", "venue");
  if (!validPoint(parts[1])) return malformed("scan point id must be [A-Za-z0-9-]{1,16}", "point");
  if (!validKeyId(parts[2])) return malformed("key id must be 1-8 letters or digits", "key");
  if (!parseValidity(parts[3], ref.validity))
    return malformed("validity must be 0, yyyymmdd or yyyymmdd-yyyymmdd", "validity");
  if (formatValidity(ref.validity) != parts[3])
    return malformed("validity is not in canonical form", "validity");
  if (parts[4].size() != kSigChars ||
      !fromBase64Url(parts[4], ref.signature.data(), ref.signature.size()))
    return malformed("signature must be 64 bytes of canonical base64url", "signature");
  ref.venueId = std::string(parts[0]);
  ref.pointId = std::string(parts[1]);
  ref.keyId = std::string(parts[2]);
  return ref;
}

Status verify(const PosterRef& ref, const KeyRing& ring, int todayYmd) {
  const PublicKey* key = ring.find(ref.keyId);
  if (!key) return makeError(ErrorKind::UnknownKey, "poster signed with a key this station does not know", "key");
  const std::string msg = ref.signedText();
  if (crypto_sign_ed25519_verify_detached(ref.signature.data(),
                                          reinterpret_cast<const unsigned char*>(msg.data()),
                                          msg.size(), key->bytes.data()) != 0)
    return makeError(ErrorKind::BadSignature, "poster signature does not match: forged or altered", "signature");
  if (key->revoked) return makeError(ErrorKind::RevokedKey, "poster signed with a revoked key", "key");
  if (ref.validity.fromYmd != 0 && todayYmd < ref.validity.fromYmd)
    return makeError(ErrorKind::NotYetValid, "poster is not valid yet", "validity");
  if (ref.validity.untilYmd != 0 && todayYmd > ref.validity.untilYmd)
    return makeError(ErrorKind::Expired, "poster has expired", "validity");
  return Done{};
}

int localYmd(const Instant& at) {
  int64_t ms = at.localMs();
  int64_t days = ms >= 0 ? ms / 86400000 : (ms - 86399999) / 86400000;
  int y;
  unsigned m, d;
  civilFromDays(days, y, m, d);
  return y * 10000 + int(m) * 100 + int(d);
}

std::string shortCode(std::string_view venueId, std::string_view pointId) {
  static constexpr char kCrockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  std::string msg = "DQC1|" + std::string(venueId) + "|" + std::string(pointId);
  unsigned char h[crypto_hash_sha512_BYTES];
  crypto_hash_sha512(h, reinterpret_cast<const unsigned char*>(msg.data()), msg.size());
  uint32_t bits = (uint32_t(h[0]) << 22) | (uint32_t(h[1]) << 14) | (uint32_t(h[2]) << 6) | (h[3] >> 2);
  std::string out;
  for (int i = 0; i < 6; ++i) {
    if (i == 3) out += '-';
    out += kCrockford[(bits >> (25 - 5 * i)) & 31];
  }
  return out;
}

std::optional<std::string> normalizeShortCode(std::string_view typed) {
  static constexpr std::string_view kCrockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  static constexpr std::string_view kEnDash = "\xE2\x80\x93", kEmDash = "\xE2\x80\x94";
  std::string code;
  for (size_t i = 0; i < typed.size(); ++i) {
    char c = typed[i];
    if (typed.substr(i, 3) == kEnDash || typed.substr(i, 3) == kEmDash) {
      i += 2;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '-' || c == '.' || c == '_') continue;
    if (c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
    if (c == 'I' || c == 'L') c = '1';
    if (c == 'O') c = '0';
    if (kCrockford.find(c) == std::string_view::npos || code.size() == 6) return std::nullopt;
    code += c;
  }
  if (code.size() != 6) return std::nullopt;
  return code.substr(0, 3) + "-" + code.substr(3);
}

}  // namespace diemquet::poster
