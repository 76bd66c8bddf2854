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
// {"device", "atMs" (the last answer), "keptAtMs" (the "atMs" of the people record below when
// this was written), "peopleAtMs" (the latest answer that said those same people)}: written at
// every answer; small.
constexpr const char* kKey = "dq-last-answer";
// {"device", "venue", "atMs" (the answer these people came with), "aheadMs",
// "people":[{"p","d","t","sp","own"}]}: large, so written only when the people changed, at
// most every kKeepPeopleEveryMs. Its own "atMs" makes the restored time the people's even when
// the record above was written after a later answer.
constexpr const char* kPeopleKey = "dq-last-presence";

bool sameLocalDay(int64_t utcMs, const Instant& now) {
  return localDayOf(Instant{utcMs, now.offsetMinutes}).startUtcMs == localDayOf(now).startUtcMs;
}
}  // namespace

LastAnswerKeeper::LastAnswerKeeper(Station& station, client::KeyValueStore& store, std::function<Instant()> clock)
    : m_station(station),
      m_store(store),
      m_clock(std::move(clock)),
      m_keptPeopleVersion(station.remotePresenceVersion()),
      m_keptVenue(station.settings().venue.id) {}

void LastAnswerKeeper::restore(const Instant& now) {
  m_keptPeopleVersion = m_station.remotePresenceVersion();
  m_keptVenue = m_station.settings().venue.id;
  const std::string device = m_station.settings().deviceId;
  if (device.empty()) return;
  json j = json::parse(m_store.get(kKey), nullptr, false);
  if (!j.is_object() || !j.contains("device") || !j.contains("atMs")) return;
  if (!j["device"].is_string() || j["device"].get<std::string>() != device || !j["atMs"].is_number_integer()) return;
  m_keptMs = j["atMs"].get<int64_t>();
  if (m_keptMs > 0) m_station.serverAnswered(m_keptMs);
  restorePeople(now, getInt(j, "peopleAtMs", 0), getInt(j, "keptAtMs", 0));
}

void LastAnswerKeeper::restorePeople(const Instant& now, int64_t confirmedAtMs, int64_t confirmedKeptMs) {
  const std::string raw = m_store.get(kPeopleKey);
  if (raw.empty()) return;
  json j = json::parse(raw, nullptr, false);
  const StationSettings& s = m_station.settings();
  const int64_t keptAt = getInt(j, "atMs", 0);
  // A later answer that said these same people dates them, if it confirmed this very record.
  const int64_t answeredAtMs = confirmedKeptMs == keptAt ? std::max(keptAt, confirmedAtMs) : keptAt;
  if (keptAt <= 0 || !sameLocalDay(answeredAtMs, now) || s.venue.id.empty() || getString(j, "device") != s.deviceId ||
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
  m_keptPeopleAtMs = keptAt;
  m_peopleConfirmedMs = answeredAtMs;
}

void LastAnswerKeeper::tick(bool online) {
  const std::string& device = m_station.settings().deviceId;
  if (device.empty()) return;
  const Instant now = m_clock();
  // Station::apply dropped its people of the old venue already; the kept ones go too.
  if (m_station.settings().venue.id != m_keptVenue) {
    m_keptVenue = m_station.settings().venue.id;
    dropPeople();
  }
  const int64_t answeredAt = m_station.remoteAnsweredMs();
  if (answeredAt > 0 && !sameLocalDay(answeredAt, now)) {
    m_station.setRemotePresence({}, 0, 0);  // counts: this phone's own; no "theo máy chủ" time
    dropPeople();
  }
  const bool pending = m_station.remotePresenceVersion() != m_keptPeopleVersion;
  if (pending && (!online || now.utcMs - m_peopleWrittenAtMs >= kKeepPeopleEveryMs)) keepPeople(now.utcMs);
  const int64_t at = m_station.lastAnsweredMs();
  if (at <= m_keptMs) return;
  m_keptMs = at;
  json small{{"device", device}, {"atMs", at}};
  if (m_keptPeopleAtMs > 0) {
    // Nothing pending: this answer said the kept people again.
    if (m_station.remotePresenceVersion() == m_keptPeopleVersion)
      m_peopleConfirmedMs = std::max(m_peopleConfirmedMs, m_station.remoteAnsweredMs());
    small["keptAtMs"] = m_keptPeopleAtMs;
    small["peopleAtMs"] = m_peopleConfirmedMs;
  }
  m_store.set(kKey, small.dump());
}

void LastAnswerKeeper::dropPeople() {
  m_store.set(kPeopleKey, "");
  m_keptPeopleVersion = m_station.remotePresenceVersion();
  m_keptPeopleAtMs = 0;
  m_peopleConfirmedMs = 0;
}

void LastAnswerKeeper::keepPeople(int64_t nowMs) {
  m_keptPeopleVersion = m_station.remotePresenceVersion();
  m_peopleWrittenAtMs = nowMs;
  const auto& remote = m_station.remotePresence();
  if (remote.empty()) {  // nobody: nothing to count after a reload either
    m_store.set(kPeopleKey, "");
    m_keptPeopleAtMs = m_peopleConfirmedMs = 0;
    return;
  }
  m_keptPeopleAtMs = m_peopleConfirmedMs = m_station.remoteAnsweredMs();
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
                               {"atMs", m_keptPeopleAtMs},
                               {"aheadMs", m_station.serverAheadMs()},
                               {"people", std::move(people)}}
                              .dump());
}

}  // namespace diemquet::sync
