#include "visitor/self_check_ins.hpp"

#include <algorithm>
#include <set>

#include "check_in_json.hpp"
#include "hex.hpp"
#include "json_util.hpp"
#include "retention.hpp"

namespace diemquet::visitor {

using jsonutil::getInt;
using jsonutil::getString;
using nlohmann::json;

namespace {

constexpr std::string_view kVisitPrefix = "{\"t\":\"dqv.visit\"";
constexpr std::string_view kPurgePrefix = "{\"t\":\"dqv.purge\"";
// PosterTrust's records that name a seq: the upload mark, and an earlier shell's note.
constexpr std::string_view kUploadedPrefix = "{\"t\":\"dqv.up\"";
constexpr std::string_view kNotePrefix = "{\"t\":\"dqv.self\"";

bool startsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}
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

void SelfCheckIns::replay(std::string_view record, int64_t journalKey) {
  ++m_version;
  if (startsWith(record, kVisitPrefix)) {
    json j = json::parse(record, nullptr, false);
    int64_t seq = j.is_discarded() || !j.is_object() ? 0 : applyVisit(j.value("v", json()));
    if (seq)
      noteKey(seq, journalKey, true);
    else
      ++m_damaged;
    return;
  }
  if (startsWith(record, kPurgePrefix)) {
    json j = json::parse(record, nullptr, false);
    json v = j.is_discarded() || !j.is_object() ? json() : j.value("v", json());
    if (!v.is_object()) {
      ++m_damaged;
      return;
    }
    if (std::string device = getString(v, "device"); !device.empty()) m_deviceId = device;
    m_nextSeq = std::max(m_nextSeq, getInt(v, "nextSeq", 1));
    if (journalKey > 0) m_purgeKeys.push_back(journalKey);
    return;
  }
  if (m_trust.replay(record)) {
    if (startsWith(record, kUploadedPrefix) || startsWith(record, kNotePrefix)) {
      json j = json::parse(record, nullptr, false);
      if (!j.is_discarded() && j.is_object()) noteKey(getInt(j.value("v", json()), "seq", 0), journalKey, false);
    }
    joinEarlierShell();
    return;
  }
  replayEarlierShell(record, journalKey);
}

void SelfCheckIns::noteKey(int64_t seq, int64_t key, bool holdsTheCheckIn) {
  if (seq <= 0 || key <= 0) return;
  SeqKeys& k = m_keysOfSeq[seq];
  if (holdsTheCheckIn)
    k.checkIn = key;
  else
    k.others.push_back(key);
}

int64_t SelfCheckIns::applyVisit(const json& v) {
  if (!v.is_object() || !v.contains("checkIn")) return 0;
  auto c = checkInFromJson(v["checkIn"]);
  if (!c || c->seq <= 0) return 0;
  SelfCheckIn visit{c.value(), getString(v, "poster"), declarationFromJson(v.value("declaration", json())),
                    getString(v, "key")};
  m_deviceId = visit.checkIn.deviceId;
  m_nextSeq = std::max(m_nextSeq, visit.checkIn.seq + 1);
  const int64_t seq = visit.checkIn.seq;
  m_visits[seq] = std::move(visit);
  return seq;
}

// Earlier shells saved a visitor's check-in as the station does: a "set" record (the "self-"
// device and the poster's venue) and a "ci" record, then a `dqv.self` note with the poster and
// the declaration. The check-ins are joined with their notes into visits; a "ci" without a
// note was never uploadable and stays out, as it did.
void SelfCheckIns::replayEarlierShell(std::string_view record, int64_t journalKey) {
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
    noteKey(c->seq, journalKey, true);
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
    const int64_t seq = ok ? applyVisit(value) : 0;
    const bool applied = seq > 0;
    if (applied) noteKey(seq, committedKey(), true);
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
      m_trust.markUploaded(seq, [this, seq](bool ok) {
        if (ok) noteKey(seq, committedKey(), false);
        m_uploading = false;
      });
      return;
    }
    m_uploading = false;
    m_retryAtMs = m_clock().utcMs + m_config.retryMs;
  });
}

std::vector<int64_t> SelfCheckIns::expiredSeqs(int64_t nowMs, int retentionDays) const {
  std::vector<int64_t> seqs;
  const int64_t cutoff = retention::cutoffMs(nowMs, retentionDays);
  for (const auto& [seq, visit] : m_visits) {
    auto keys = m_keysOfSeq.find(seq);
    if (m_trust.uploaded(seq) && visit.checkIn.at.utcMs < cutoff && keys != m_keysOfSeq.end() &&
        keys->second.checkIn > 0)
      seqs.push_back(seq);
  }
  return seqs;
}

void SelfCheckIns::purgeExpired(const std::function<int()>& retentionDays) {
  if (!m_erase || !m_append || m_purging) return;
  const int64_t now = m_clock().utcMs;
  if (now < m_nextPurgeMs) return;
  m_nextPurgeMs = now + m_config.purgeEveryMs;
  std::vector<int64_t> seqs = expiredSeqs(now, retentionDays());
  // Nothing to delete: no purge record is written (it would only replace the last one).
  if (seqs.empty()) return;
  std::vector<int64_t> keys = m_purgeKeys;  // superseded by the record written now
  for (int64_t seq : seqs) {
    const SeqKeys& k = m_keysOfSeq.at(seq);
    keys.push_back(k.checkIn);
    keys.insert(keys.end(), k.others.begin(), k.others.end());
  }
  std::sort(keys.begin(), keys.end());
  m_purging = true;
  const std::string record =
      std::string(kPurgePrefix) + ",\"v\":" + json{{"device", m_deviceId}, {"nextSeq", m_nextSeq}}.dump() + "}";
  m_append(record, [this, seqs, keys](bool ok) {
    if (!ok) {
      m_purging = false;
      return;
    }
    if (int64_t key = committedKey(); key > 0) m_purgeKeys.push_back(key);
    m_erase(keys, [this, seqs, keys](bool erased) {
      m_purging = false;
      if (erased) forget(seqs, keys);
    });
  });
}

void SelfCheckIns::forget(const std::vector<int64_t>& seqs, const std::vector<int64_t>& erasedKeys) {
  for (int64_t seq : seqs) {
    m_visits.erase(seq);
    m_keysOfSeq.erase(seq);
  }
  const std::set<int64_t> gone(erasedKeys.begin(), erasedKeys.end());
  std::erase_if(m_purgeKeys, [&](int64_t k) { return gone.count(k) > 0; });
  ++m_version;
}

}  // namespace diemquet::visitor
