#include "sync/last_answer.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <vector>

#include "json_util.hpp"

namespace diemquet::sync {

using jsonutil::getBool;
using jsonutil::getInt;
using jsonutil::getString;
using nlohmann::json;

namespace {
// {"device", "atMs" (the last answer), "peopleAtMs" (the answer the kept people came with)}
constexpr const char* kKey = "dq-last-answer";
// {"device", "venue", "aheadMs", "people":[{"p","d","t","sp","own"}]}: rewritten only when
// the people change, so the 5-second answers rewrite the small record above, not this one.
constexpr const char* kPeopleKey = "dq-last-presence";
}  // namespace

void LastAnswerKeeper::restore(const Instant& now) {
  m_keptPeopleVersion = m_station.remotePresenceVersion();
  const std::string device = m_station.settings().deviceId;
  if (device.empty()) return;
  json j = json::parse(m_store.get(kKey), nullptr, false);
  if (!j.is_object() || !j.contains("device") || !j.contains("atMs")) return;
  if (!j["device"].is_string() || j["device"].get<std::string>() != device || !j["atMs"].is_number_integer()) return;
  m_keptMs = j["atMs"].get<int64_t>();
  if (m_keptMs > 0) m_station.serverAnswered(m_keptMs);
  restorePeople(now, getInt(j, "peopleAtMs", 0));
}

void LastAnswerKeeper::restorePeople(const Instant& now, int64_t answeredAtMs) {
  const std::string raw = m_store.get(kPeopleKey);
  if (raw.empty()) return;
  json j = json::parse(raw, nullptr, false);
  const StationSettings& s = m_station.settings();
  const bool sameDay =
      answeredAtMs > 0 && localDayOf(Instant{answeredAtMs, now.offsetMinutes}).startUtcMs == localDayOf(now).startUtcMs;
  if (!j.is_object() || !sameDay || s.venue.id.empty() || getString(j, "device") != s.deviceId ||
      getString(j, "venue") != s.venue.id || !j.contains("people") || !j["people"].is_array()) {
    m_store.set(kPeopleKey, "");  // another day's, venue's or station's: it never counts again
    return;
  }
  std::map<std::string, RemoteEntry> people;
  for (const json& p : j["people"]) {
    if (!p.is_object()) continue;
    auto dir = directionFromString(getString(p, "d"));
    std::string key = getString(p, "p");
    if (!dir || key.empty()) continue;
    people[key] = RemoteEntry{*dir, getInt(p, "t"), getString(p, "sp"), getBool(p, "own")};
  }
  m_station.setRemotePresence(std::move(people), getInt(j, "aheadMs", 0), answeredAtMs);
  m_keptPeopleVersion = m_station.remotePresenceVersion();
}

void LastAnswerKeeper::tick() {
  const std::string& device = m_station.settings().deviceId;
  if (device.empty()) return;
  if (m_station.remotePresenceVersion() != m_keptPeopleVersion) keepPeople();
  const int64_t at = m_station.lastAnsweredMs();
  if (at <= m_keptMs) return;
  m_keptMs = at;
  m_store.set(kKey, json{{"device", device}, {"atMs", at}, {"peopleAtMs", m_station.remoteAnsweredMs()}}.dump());
}

void LastAnswerKeeper::keepPeople() {
  m_keptPeopleVersion = m_station.remotePresenceVersion();
  const auto& remote = m_station.remotePresence();
  std::vector<std::pair<const std::string*, const RemoteEntry*>> latest;
  latest.reserve(remote.size());
  for (const auto& [key, r] : remote) latest.emplace_back(&key, &r);
  if (latest.size() > kMaxKeptPeople) {
    std::nth_element(latest.begin(), latest.begin() + kMaxKeptPeople, latest.end(),
                     [](const auto& a, const auto& b) { return a.second->atMs > b.second->atMs; });
    latest.resize(kMaxKeptPeople);
  }
  json people = json::array();
  for (const auto& [key, r] : latest) {
    json p{{"p", *key}, {"d", std::string(toString(r->direction))}, {"t", r->atMs}};
    if (!r->scanPointId.empty()) p["sp"] = r->scanPointId;
    if (r->own) p["own"] = true;
    people.push_back(std::move(p));
  }
  const StationSettings& s = m_station.settings();
  m_store.set(kPeopleKey, json{{"device", s.deviceId},
                               {"venue", s.venue.id},
                               {"aheadMs", m_station.serverAheadMs()},
                               {"people", std::move(people)}}
                              .dump());
}

}  // namespace diemquet::sync
