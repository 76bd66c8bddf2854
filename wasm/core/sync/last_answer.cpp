#include "sync/last_answer.hpp"

#include <nlohmann/json.hpp>

namespace diemquet::sync {

namespace {
constexpr const char* kKey = "dq-last-answer";
}

void LastAnswerKeeper::restore() {
  const std::string device = m_station.settings().deviceId;
  if (device.empty()) return;
  nlohmann::json j = nlohmann::json::parse(m_store.get(kKey), nullptr, false);
  if (!j.is_object() || !j.contains("device") || !j.contains("atMs")) return;
  if (!j["device"].is_string() || j["device"].get<std::string>() != device || !j["atMs"].is_number_integer()) return;
  m_keptMs = j["atMs"].get<int64_t>();
  if (m_keptMs > 0) m_station.serverAnswered(m_keptMs);
}

void LastAnswerKeeper::tick() {
  const int64_t at = m_station.lastAnsweredMs();
  const std::string& device = m_station.settings().deviceId;
  if (at <= m_keptMs || device.empty()) return;
  m_keptMs = at;
  m_store.set(kKey, nlohmann::json{{"device", device}, {"atMs", at}}.dump());
}

}  // namespace diemquet::sync
