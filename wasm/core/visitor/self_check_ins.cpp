#include "visitor/self_check_ins.hpp"

#include "check_in_json.hpp"
#include "hex.hpp"
#include "json_util.hpp"

namespace diemquet::visitor {

using jsonutil::getString;
using nlohmann::json;

namespace {

constexpr std::string_view kVisitPrefix = "{\"t\":\"dqv.visit\"";
constexpr const char* kUploadPath = "/api/v1/self-checkins";

json visitJson(const SelfCheckIn& v) {
  return json{{"checkIn", toJson(v.checkIn)},
              {"poster", v.posterUrl},
              {"declaration", toJson(v.declaration)},
              {"key", v.idempotencyKey}};
}

}  // namespace

SelfCheckIns::SelfCheckIns(Append append, sync::Transport transport, Clock clock, RandomBytes random,
                           SelfCheckInsConfig config)
    : m_append(std::move(append)),
      m_transport(std::move(transport)),
      m_clock(std::move(clock)),
      m_random(std::move(random)),
      m_config(config) {
  m_trust.attach(m_append);
}

void SelfCheckIns::replay(std::string_view record) {
  ++m_version;
  if (record.substr(0, kVisitPrefix.size()) == kVisitPrefix) {
    json j = json::parse(record, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !applyVisit(j.value("v", json()))) ++m_damaged;
    return;
  }
  if (m_trust.replay(record)) {
    joinEarlierShell();
    return;
  }
  replayEarlierShell(record);
}

bool SelfCheckIns::applyVisit(const json& v) {
  if (!v.is_object() || !v.contains("checkIn")) return false;
  auto c = checkInFromJson(v["checkIn"]);
  if (!c) return false;
  SelfCheckIn visit{c.value(), getString(v, "poster"), declarationFromJson(v.value("declaration", json())),
                    getString(v, "key")};
  m_deviceId = visit.checkIn.deviceId;
  m_nextSeq = std::max(m_nextSeq, visit.checkIn.seq + 1);
  m_visits[visit.checkIn.seq] = std::move(visit);
  return true;
}

// Earlier shells saved a visitor's check-in as the station does: a "set" record (the "self-"
// device and the poster's venue) and a "ci" record, then a `dqv.self` note with the poster and
// the declaration. The check-ins are joined with their notes into visits; a "ci" without a
// note was never uploadable and stays out, as it did.
void SelfCheckIns::replayEarlierShell(std::string_view record) {
  json j = json::parse(record, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    ++m_damaged;
    return;
  }
  std::string t = getString(j, "t");
  if (t == "set") {
    std::string device = getString(j, "device");
    if (!device.empty()) m_deviceId = device;
  } else if (t == "ci") {
    auto c = checkInFromJson(j);
    if (!c) {
      ++m_damaged;
      return;
    }
    m_nextSeq = std::max(m_nextSeq, c->seq + 1);
    m_earlierCheckIns[c->seq] = c.value();
    joinEarlierShell();
  }
}

void SelfCheckIns::joinEarlierShell() {
  for (auto it = m_earlierCheckIns.begin(); it != m_earlierCheckIns.end();) {
    auto note = m_trust.notes().find(it->first);
    if (note == m_trust.notes().end()) {
      ++it;
      continue;
    }
    const SelfCheckInNote& n = note->second;
    m_visits[it->first] = SelfCheckIn{it->second, n.posterUrl, n.declaration, n.idempotencyKey};
    it = m_earlierCheckIns.erase(it);
  }
}

int64_t SelfCheckIns::submit(const VisitorProfile& valid, const PosterCheck& check, const std::string& posterUrl,
                             Direction direction, const std::string& idempotencyKey) {
  if (!check.ok()) return 0;
  // The last check-in (saved, or being saved) is this one again: a double tap.
  const CheckIn& last = m_lastSubmitted;
  if (m_status.state != SaveStatus::State::Failed && last.seq > 0 && last.seq == m_status.seq &&
      last.person == toPerson(valid) && last.direction == direction && last.venueId == check.ref.venueId &&
      last.scanPointId == check.ref.pointId && m_clock().utcMs - last.at.utcMs < m_config.doubleTapMs)
    return last.seq;
  if (m_deviceId.empty()) {
    unsigned char r[16];
    m_random(r, sizeof r);
    m_deviceId = "self-" + toHex(r, sizeof r);
  }
  SelfCheckIn visit;
  visit.checkIn.deviceId = m_deviceId;
  visit.checkIn.seq = m_nextSeq++;
  visit.checkIn.venueId = check.ref.venueId;
  visit.checkIn.scanPointId = check.ref.pointId;
  visit.checkIn.person = toPerson(valid);
  visit.checkIn.direction = direction;
  visit.checkIn.at = m_clock();
  visit.posterUrl = posterUrl;
  visit.declaration = valid.declaration;
  visit.idempotencyKey = idempotencyKey;

  const CheckIn& c = visit.checkIn;
  m_lastSubmitted = c;
  uint64_t serial = m_status.serial + 1;
  m_status = SaveStatus{SaveStatus::State::Saving, c.person.displayName, c.direction, c.at, c.seq, serial, false};
  ++m_inFlight;
  ++m_version;
  json value = visitJson(visit);
  std::string record = std::string(kVisitPrefix) + ",\"v\":" + value.dump() + "}";
  m_append(record, [this, value, serial](bool ok) {
    --m_inFlight;
    ++m_version;
    bool applied = ok && applyVisit(value);
    if (serial != m_status.serial) return;
    m_status.state = applied ? SaveStatus::State::Saved : SaveStatus::State::Failed;
    m_status.at = m_clock();
  });
  return c.seq;
}

const SelfCheckIn* SelfCheckIns::pendingVisit() const {
  for (const auto& [seq, visit] : m_visits)
    if (!m_trust.uploaded(seq)) return &visit;
  return nullptr;
}

int SelfCheckIns::pendingCount() const {
  int n = 0;
  for (const auto& entry : m_visits)
    if (!m_trust.uploaded(entry.first)) ++n;
  return n;
}

void SelfCheckIns::uploadNext() {
  if (m_uploading || m_clock().utcMs < m_retryAtMs) return;
  const SelfCheckIn* visit = pendingVisit();
  if (!visit) return;
  json body{
      {"poster", visit->posterUrl}, {"checkIn", toJson(visit->checkIn)}, {"declaration", toJson(visit->declaration)}};
  if (!visit->idempotencyKey.empty()) body["idempotencyKey"] = visit->idempotencyKey;
  m_uploading = true;
  int64_t seq = visit->checkIn.seq;
  m_transport(kUploadPath, body.dump(), "", [this, seq](const sync::HttpReply& r) {
    ++m_version;
    if (r.status == 200 || (r.status >= 400 && r.status < 500 && r.status != 429)) {
      // The next upload waits for this mark to be durable (else it would send this one again).
      m_trust.markUploaded(seq, [this](bool) { m_uploading = false; });
      return;
    }
    m_uploading = false;
    m_retryAtMs = m_clock().utcMs + m_config.retryMs;
  });
}

}  // namespace diemquet::visitor
