#include "exposure_list.hpp"

#include <sodium.h>

#include <nlohmann/json.hpp>

#include "json_util.hpp"

namespace diemquet::exposure {

using jsonutil::getInt;
using jsonutil::getString;
using nlohmann::json;

namespace {

constexpr std::string_view kDomain = "DQE1|";
constexpr size_t kMaxBody = 256 * 1024;  // far above a province's month (a few KB)

std::string signedText(std::string_view payload) {
  std::string msg(kDomain);
  msg += payload;
  return msg;
}

std::string toBase64Url(const uint8_t* bin, size_t len) {
  std::string out(sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), bin, len, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

Error malformed(std::string message) {
  return makeError(ErrorKind::Malformed, std::move(message), "list");
}

}  // namespace

std::string signList(const ExposureList& list, const poster::SigningKey& key) {
  json items = json::array();
  for (const Exposure& e : list.exposures) {
    json item{{"id", e.id},         {"venue", e.venueId}, {"venueName", e.venueName},  {"from", e.fromMs},
              {"until", e.untilMs}, {"advice", e.advice}, {"published", e.publishedMs}};
    if (!e.pointId.empty()) item["point"] = e.pointId;
    items.push_back(std::move(item));
  }
  const std::string payload =
      json{{"v", 1}, {"issued", list.issuedMs}, {"retentionDays", list.retentionDays}, {"exposures", items}}.dump();
  const std::string msg = signedText(payload);
  poster::SignatureBytes sig{};
  crypto_sign_ed25519_detached(sig.data(), nullptr, reinterpret_cast<const unsigned char*>(msg.data()), msg.size(),
                               key.secret.data());
  return json{{"list", payload}, {"key", key.id}, {"sig", toBase64Url(sig.data(), sig.size())}}.dump();
}

Result<ExposureList> verifyList(std::string_view body, const poster::KeyRing& ring) {
  if (body.size() > kMaxBody) return malformed("exposure list too large");
  json outer = json::parse(body, nullptr, false);
  if (outer.is_discarded() || !outer.is_object()) return malformed("exposure list is not a JSON object");
  const std::string payload = getString(outer, "list"), keyId = getString(outer, "key"),
                    sigText = getString(outer, "sig");
  if (payload.empty() || keyId.empty() || sigText.empty()) return malformed("exposure list lacks list, key or sig");

  poster::SignatureBytes sig{};
  size_t got = 0;
  const char* end = nullptr;
  if (sodium_base642bin(sig.data(), sig.size(), sigText.data(), sigText.size(), nullptr, &got, &end,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      got != sig.size() || end != sigText.data() + sigText.size() || toBase64Url(sig.data(), sig.size()) != sigText)
    return malformed("exposure list signature is not 64 bytes of canonical base64url");
  const poster::PublicKey* key = ring.find(keyId);
  if (!key) return makeError(ErrorKind::UnknownKey, "exposure list signed with a key this phone does not know", "key");
  const std::string msg = signedText(payload);
  if (crypto_sign_ed25519_verify_detached(sig.data(), reinterpret_cast<const unsigned char*>(msg.data()), msg.size(),
                                          key->bytes.data()) != 0)
    return makeError(ErrorKind::BadSignature, "exposure list signature does not match: forged or altered", "sig");
  if (key->revoked) return makeError(ErrorKind::RevokedKey, "exposure list signed with a revoked key", "key");

  json j = json::parse(payload, nullptr, false);
  if (j.is_discarded() || !j.is_object() || getInt(j, "v") != 1 || !j.contains("exposures") ||
      !j["exposures"].is_array())
    return malformed("exposure list payload is not version 1");
  ExposureList out;
  out.issuedMs = getInt(j, "issued");
  out.retentionDays = int(getInt(j, "retentionDays"));
  for (const json& item : j["exposures"]) {
    Exposure e{getInt(item, "id"),   getString(item, "venue"), getString(item, "venueName"), getString(item, "point"),
               getInt(item, "from"), getInt(item, "until"),    getString(item, "advice"),    getInt(item, "published")};
    if (e.venueId.empty() || e.untilMs <= e.fromMs) continue;  // signed, but nothing to match
    out.exposures.push_back(std::move(e));
  }
  return out;
}

}  // namespace diemquet::exposure
