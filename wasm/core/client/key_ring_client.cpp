#include "client/key_ring_client.hpp"

#include <nlohmann/json.hpp>

#include "poster/signed_url.hpp"

namespace diemquet::client {

using nlohmann::json;

KeyRingClient::KeyRingClient(visitor::PosterTrust& trust, sync::Http http, NowMs now, KeyRingPolicy policy)
    : m_trust(trust), m_http(std::move(http)), m_now(std::move(now)), m_policy(policy) {}

void KeyRingClient::tick(bool online) {
  if (!online || m_keysInFlight || m_now() < m_nextKeysMs) return;
  m_keysInFlight = true;
  sync::HttpRequest r;
  r.path = "/api/v1/keys";
  r.timeoutMs = m_policy.timeoutMs;
  m_http(r, [this](const sync::HttpReply& reply) { onKeys(reply); });
}

bool KeyRingClient::sameRing(const std::string& body) const {
  if (!m_trust.hasKeyRing()) return false;
  json j = json::parse(body, nullptr, false);
  if (!j.is_object() || !j.contains("ring") || !j["ring"].is_array()) return false;
  json have = json::array();
  for (const poster::PublicKey& k : m_trust.keyRing().keys()) have.push_back(poster::formatPublicKey(k));
  return have == j["ring"];
}

void KeyRingClient::onKeys(const sync::HttpReply& reply) {
  m_keysInFlight = false;
  const int64_t at = m_now();
  const bool ok = reply.status == 200;
  m_nextKeysMs = at + (ok ? m_policy.refreshMs : m_policy.retryMs);
  if (!ok || sameRing(reply.body)) return;
  if (m_trust.storeKeyRingJson(reply.body, at))
    ++m_ringsStored;
  else
    m_nextKeysMs = at + m_policy.retryMs;  // a broken answer: not trusted, asked again soon
}

void KeyRingClient::fetchVenueNames(const std::string& venueId, bool online, std::function<void()> then) {
  if (!online || venueId.empty()) return;
  VenueAsk& ask = m_venues[venueId];
  if (ask.answered) return;
  if (ask.inFlight) {
    if (then) ask.waiting.push_back(std::move(then));
    return;
  }
  if (m_now() < ask.retryAtMs) return;
  ask.inFlight = true;
  if (then) ask.waiting.push_back(std::move(then));
  sync::HttpRequest r;
  r.path = "/api/v1/venues/" + venueId + "/posters/info";
  r.timeoutMs = m_policy.timeoutMs;
  m_http(r, [this, venueId](const sync::HttpReply& reply) {
    VenueAsk& a = m_venues[venueId];
    a.inFlight = false;
    std::vector<std::function<void()>> waiting = std::move(a.waiting);
    a.waiting.clear();
    if (reply.status == 0 || reply.status >= 500) {
      a.retryAtMs = m_now() + m_policy.retryMs;
      return;
    }
    a.answered = true;  // a 404 (no such venue) is an answer too: not asked again
    if (reply.status != 200) return;
    m_trust.storeVenueJson(reply.body, [waiting](bool stored) {
      if (!stored) return;
      for (const auto& f : waiting) f();
    });
  });
}

void KeyRingClient::lookupShortCode(const std::string& code, const std::string& enrolledVenueId,
                                    std::function<void(const ShortCodeAnswer&)> done) {
  sync::HttpRequest r;
  r.path = "/api/v1/short-codes/" + code;
  r.timeoutMs = m_policy.timeoutMs;
  m_http(r, [enrolledVenueId, done = std::move(done)](const sync::HttpReply& reply) {
    if (reply.status == 0 || reply.status >= 500) return done({ShortCodeOutcome::Offline, {}});
    json j = json::parse(reply.body, nullptr, false);
    if (reply.status != 200 || !j.is_object() || !j.contains("matches") || !j["matches"].is_array())
      return done({ShortCodeOutcome::Unknown, {}});
    std::vector<std::string> urls, ours;
    for (const json& m : j["matches"]) {
      if (!m.is_object() || !m.contains("url") || !m["url"].is_string()) continue;
      urls.push_back(m["url"].get<std::string>());
      const json venue = m.contains("venue") && m["venue"].is_object() ? m["venue"] : json::object();
      if (!enrolledVenueId.empty() && venue.value("id", "") == enrolledVenueId) ours.push_back(urls.back());
    }
    const std::vector<std::string>& pick = ours.size() == 1 ? ours : urls;
    if (pick.empty()) return done({ShortCodeOutcome::Unknown, {}});
    if (pick.size() > 1) return done({ShortCodeOutcome::Ambiguous, {}});
    done({ShortCodeOutcome::Found, pick.front()});
  });
}

}  // namespace diemquet::client
