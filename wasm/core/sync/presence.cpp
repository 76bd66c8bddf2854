#include "presence.hpp"

#include <sodium.h>

#include "hex.hpp"
#include "json_util.hpp"

namespace diemquet::sync {

using jsonutil::getBool;
using jsonutil::getInt;
using jsonutil::getString;
using nlohmann::json;

std::string presenceKey(std::string_view venueId, std::string_view personKey) {
  std::string msg = "DQH1|";
  msg += venueId;
  msg += '|';
  msg += personKey;
  // BLAKE2b (the module's libsodium subset has no SHA-256: cmake/Sodium.cmake), 8 bytes.
  unsigned char h[8];
  crypto_generichash_blake2b(h, sizeof h, reinterpret_cast<const unsigned char*>(msg.data()), msg.size(), nullptr, 0);
  return toHex(h, sizeof h);
}

Result<PresenceAnswer> parsePresence(std::string_view body, const std::string& deviceId, int64_t nowMs) {
  json j = json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("people") || !j["people"].is_array())
    return makeError(ErrorKind::Malformed, "presence answer has no 'people' array");
  PresenceAnswer a;
  a.asOfMs = getInt(j, "asOfMs", nowMs);
  for (const json& p : j["people"]) {
    auto dir = directionFromString(getString(p, "d"));
    std::string key = getString(p, "p");
    if (!dir || key.empty()) continue;
    a.people[key] = RemoteEntry{*dir, getInt(p, "t"), getString(p, "sp"), getBool(p, "own")};
  }
  if (j.contains("corrections") && j["corrections"].is_array())
    for (const json& c : j["corrections"]) {
      auto dir = directionFromString(getString(c, "dir"));
      int64_t seq = getInt(c, "seq");
      if (dir && seq > 0) a.corrections.push_back(DirectionCorrected{deviceId, seq, *dir, nowMs, getBool(c, "samePoint")});
    }
  return a;
}

PresencePoller::PresencePoller(Station& station, JournalAppend append, Transport transport, NowMs now, int64_t everyMs)
    : m_station(station),
      m_append(std::move(append)),
      m_transport(std::move(transport)),
      m_now(std::move(now)),
      m_everyMs(everyMs) {}

void PresencePoller::tick() {
  const auto& enrollment = m_station.enrollment();
  if (!enrollment || m_inFlight || m_writing) return;
  const int64_t now = m_now();
  if (now < m_dueMs) return;
  m_inFlight = true;
  m_dueMs = now + m_everyMs;
  const std::string device = m_station.settings().deviceId;
  m_transport("api/v1/presence", json{{"device", device}}.dump(), enrollment->token,
              [this, device](const HttpReply& r) {
                m_inFlight = false;
                const int64_t now = m_now();
                // Offline or refused: the station decides alone, and the pill stops saying it is online.
                auto a = parsePresence(r.status == 200 ? std::string_view(r.body) : std::string_view(), device, now);
                if (!a) {
                  m_lastFailureMs = now;
                  ++m_failuresInARow;
                  ++m_version;
                  return;
                }
                m_failuresInARow = 0;
                PresenceAnswer& answer = a.value();  // moved from (a-> is const: it copied)
                m_station.setRemotePresence(std::move(answer.people), answer.asOfMs - now, now);
                m_station.serverAnswered(now);  // Today's "Đồng bộ lần cuối", for a phone with nothing to upload
                ++m_version;
                applyCorrections(std::move(answer.corrections));
              });
}

// Only corrections that change something are journaled, one at a time, each applied once
// the journal has it (a crash leaves either the old direction or the corrected one).
void PresencePoller::applyCorrections(std::vector<DirectionCorrected> fixes) {
  std::erase_if(fixes, [this](const DirectionCorrected& f) {
    auto c = m_station.log().find(f.deviceId, f.seq);
    return !c || c->direction == f.direction;
  });
  if (fixes.empty()) return;
  DirectionCorrected first = fixes.front();
  fixes.erase(fixes.begin());
  m_writing = true;
  JournalEvent e{first};
  m_append(encodeEvent(e), [this, e, rest = std::move(fixes)](bool ok) mutable {
    m_writing = false;
    if (!ok) return;
    m_station.apply(e);
    ++m_version;
    if (m_onCorrected) m_onCorrected(std::get<DirectionCorrected>(e));
    applyCorrections(std::move(rest));
  });
}

}  // namespace diemquet::sync
