// Signed venue-poster payloads: an https URL of the deployment whose fragment names the venue
// and scan point, signed with the venue operator's Ed25519 key (format: docs/poster-format.md).
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "result.hpp"
#include "time.hpp"

namespace diemquet::poster {

inline constexpr size_t kSeedBytes = 32;
inline constexpr size_t kPublicKeyBytes = 32;
inline constexpr size_t kSignatureBytes = 64;

using Seed = std::array<uint8_t, kSeedBytes>;
using PublicKeyBytes = std::array<uint8_t, kPublicKeyBytes>;
using SignatureBytes = std::array<uint8_t, kSignatureBytes>;

// A key that signs posters. The secret never leaves the office/station that made it; only
// (id, public key) goes to the key ring of every station.
struct SigningKey {
  std::string id;                     // [A-Za-z0-9]{1,8}, e.g. "k2025a"
  std::array<uint8_t, 64> secret{};   // libsodium's Ed25519 secret key (seed || public key)
  PublicKeyBytes publicKey{};
};

// 32 bytes from the platform's CSPRNG (getrandom natively, crypto.getRandomValues in the
// browser, crypto.randomBytes under node), through libsodium.
Seed freshSeed();

// Derives the key pair from caller-provided randomness, so tests are deterministic and the
// platform decides where entropy comes from. Malformed if the id is not [A-Za-z0-9]{1,8}.
Result<SigningKey> makeSigningKey(std::string_view keyId, const Seed& seed);

// A station's trusted public keys, by id; a revoked key stays listed so its posters are
// refused with "revoked" rather than "unknown".
struct PublicKey {
  std::string id;
  PublicKeyBytes bytes{};
  bool revoked = false;
};

class KeyRing {
 public:
  // Adds or replaces the key with this id.
  void add(PublicKey key);
  // False if no key has this id.
  bool revoke(std::string_view keyId);
  const PublicKey* find(std::string_view keyId) const;
  const std::vector<PublicKey>& keys() const { return m_keys; }

 private:
  std::vector<PublicKey> m_keys;
};

// "dqk1.<id>.<base64url public key>[.revoked]": one key ring line, for configuration files,
// the sync server and QR-free key transfer.
std::string formatPublicKey(const PublicKey& key);
Result<PublicKey> parsePublicKey(std::string_view text);

// Days a poster is valid, as yyyymmdd integers; 0 = open on that side.
struct Validity {
  int fromYmd = 0;
  int untilYmd = 0;  // last valid day, inclusive
};

// What a poster claims: this venue, this scan point, these days.
struct PosterClaim {
  std::string venueId;  // [A-Za-z0-9-]{1,24}
  std::string pointId;  // [A-Za-z0-9-]{1,16}
  Validity validity;
};

// A parsed poster URL; not yet verified.
struct PosterRef {
  std::string baseUrl;  // "https://diemquet.example.vn" (not signed: deployments may move)
  std::string venueId;
  std::string pointId;
  std::string keyId;
  Validity validity;
  SignatureBytes signature{};

  // The exact bytes the signature covers: "DQP1|venue|point|key|validity".
  std::string signedText() const;
};

// The poster URL "<base>/v#1.<venue>.<point>.<key>.<validity>.<sig>". baseUrl must be an
// http(s) URL without fragment or query and without a trailing slash.
Result<std::string> sign(const PosterClaim& claim, const SigningKey& key, std::string_view baseUrl);

// Strict parse of a scanned poster URL (surrounding ASCII white space is ignored). Every
// failure is ErrorKind::Malformed with the offending field named.
Result<PosterRef> parsePosterUrl(std::string_view text);

// Checks, in this order: key known (UnknownKey), signature (BadSignature), key not revoked
// (RevokedKey), todayYmd within the validity (NotYetValid, Expired).
Status verify(const PosterRef& ref, const KeyRing& ring, int todayYmd);

// The local calendar day of an instant as yyyymmdd, for verify().
int localYmd(const Instant& at);

// A short code for typing by hand when a camera cannot scan: 6 Crockford base32 characters
// from SHA-512("DQC1|venue|point"), shown as "ABC-123". Stations resolve it against their
// own list of scan points; it proves nothing by itself.
std::string shortCode(std::string_view venueId, std::string_view pointId);

// A short code as people type it, in its printed form "ABC-123": any case, with or without the
// dash (or a space, dot or en dash in its place), and Crockford's safe substitutions (I and L
// read as 1, O as 0). nullopt when it is not 6 such characters. A wrong character is never
// guessed: that could send a visitor to another venue.
std::optional<std::string> normalizeShortCode(std::string_view typed);

}  // namespace diemquet::poster
