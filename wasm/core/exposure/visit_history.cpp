#include "visit_history.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "json_util.hpp"

namespace diemquet::exposure {

using jsonutil::getInt;
using jsonutil::getString;
using nlohmann::json;

namespace {

constexpr std::string_view kPrefix = "{\"t\":\"dqx.";
constexpr int64_t kDayMs = 86'400'000;

// A CSV cell that a spreadsheet shows as text: quoted, and a leading = + - @ (or a control
// character) disarmed with an apostrophe.
std::string csvCell(const std::string& s) {
  std::string v = s;
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r'))
    v.insert(v.begin(), '\'');
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

bool insideNow(const std::vector<OwnVisit>& visits, std::string_view venueId, int64_t nowMs,
               int64_t defaultStayMs) {
  const OwnVisit* last = nullptr;
  for (const OwnVisit& v : visits)
    if (!last || v.at.utcMs >= last->at.utcMs) last = &v;
  return last && last->venueId == venueId && last->direction == Direction::In &&
         nowMs >= last->at.utcMs && nowMs - last->at.utcMs < defaultStayMs;
}

std::vector<Stay> staysOf(std::vector<OwnVisit> visits, int64_t defaultStayMs) {
  std::stable_sort(visits.begin(), visits.end(),
                   [](const OwnVisit& a, const OwnVisit& b) { return a.at.utcMs < b.at.utcMs; });
  std::vector<Stay> out;
  for (size_t i = 0; i < visits.size(); ++i) {
    const OwnVisit& v = visits[i];
    Stay s{v.venueId, v.venueName, {v.pointId}, v.at.utcMs, v.at.utcMs, false};
    if (v.direction == Direction::Out) {
      s.startMs = v.at.utcMs - defaultStayMs;
      out.push_back(std::move(s));
      continue;
    }
    // The next own record decides where this stay ends: an "out" here closes it; anything
    // else (another venue, or "in" again) means the phone's owner was no longer here.
    s.endMs = v.at.utcMs + defaultStayMs;
    s.endEstimated = true;
    if (i + 1 < visits.size()) {
      const OwnVisit& next = visits[i + 1];
      if (next.venueId == v.venueId && next.direction == Direction::Out) {
        s.endMs = next.at.utcMs;
        s.endEstimated = false;
        if (next.pointId != v.pointId) s.pointIds.push_back(next.pointId);
        ++i;
      } else {
        s.endMs = std::min(s.endMs, next.at.utcMs);
      }
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<Alert> match(const ExposureList& list, const std::vector<Stay>& stays) {
  std::vector<Alert> out;
  for (const Exposure& e : list.exposures) {
    for (const Stay& s : stays) {
      if (s.venueId != e.venueId) continue;
      if (!e.pointId.empty() && std::find(s.pointIds.begin(), s.pointIds.end(), e.pointId) == s.pointIds.end())
        continue;
      // Half-open window: a stay ending exactly when it opens, or starting exactly when it
      // closes, did not share it. A stay of no length (in and out at once) inside it does.
      const bool inside = s.startMs == s.endMs ? s.startMs >= e.fromMs && s.startMs < e.untilMs
                                               : s.startMs < e.untilMs && s.endMs > e.fromMs;
      if (!inside) continue;
      out.push_back(Alert{e, s});
      break;
    }
  }
  std::sort(out.begin(), out.end(),
            [](const Alert& a, const Alert& b) { return a.exposure.fromMs > b.exposure.fromMs; });
  return out;
}

bool VisitHistory::isOwnRecord(std::string_view record) {
  return record.substr(0, kPrefix.size()) == kPrefix;
}

bool VisitHistory::replay(std::string_view record, int64_t journalKey) {
  if (!isOwnRecord(record)) return false;
  json j = json::parse(record, nullptr, false);
  bool ok = false;
  if (!j.is_discarded() && j.is_object() && j.contains("v")) {
    const std::string type = getString(j, "t");
    const std::string value = j["v"].dump();
    if (type == "dqx.visit") ok = applyVisit(value, journalKey);
    if (type == "dqx.list") ok = applyList(value, journalKey);
  }
  if (!ok) ++m_damaged;
  return true;
}

// {"t":"dqx.<type>","v":<value>}, "t" first so isOwnRecord is a prefix test; applied only once
// the journal has committed it.
void VisitHistory::write(const std::string& type, const std::string& valueJson, std::function<void(int64_t)> apply,
                         std::function<void(bool)> done) {
  if (!m_append) {
    if (done) done(false);
    return;
  }
  std::string record = std::string(kPrefix) + type + "\",\"v\":" + valueJson + "}";
  m_append(record, [this, apply = std::move(apply), done = std::move(done)](bool ok) {
    if (ok) apply(m_keySource ? m_keySource() : 0);
    if (done) done(ok);
  });
}

void VisitHistory::noteVisit(const OwnVisit& v, std::function<void(bool)> done) {
  const std::string value = json{
      {"venue", v.venueId},
      {"venueName", v.venueName},
      {"point", v.pointId},
      {"pointName", v.pointName},
      {"dir", std::string(toString(v.direction))},
      {"at", v.at.utcMs},
      {"off",
       v.at.offsetMinutes}}.dump();
  write(
      "visit", value, [this, value](int64_t key) { applyVisit(value, key); }, std::move(done));
}

bool VisitHistory::applyVisit(std::string_view valueJson, int64_t key) {
  json v = json::parse(valueJson, nullptr, false);
  auto dir = directionFromString(getString(v, "dir"));
  OwnVisit o{getString(v, "venue"),
             getString(v, "venueName"),
             getString(v, "point"),
             getString(v, "pointName"),
             dir.value_or(Direction::In),
             Instant{getInt(v, "at"), int(getInt(v, "off"))},
             key};
  if (o.venueId.empty() || !dir || o.at.utcMs <= 0) return false;
  m_visits.push_back(std::move(o));
  ++m_version;
  return true;
}

Status VisitHistory::storeList(const std::string& body, const poster::KeyRing& ring, int64_t nowMs,
                               std::function<void(bool)> done) {
  auto verified = verifyList(body, ring);
  if (!verified) return verified.error();
  if (!m_listBody.empty() && verified->issuedMs < m_listIssuedMs)
    return makeError(ErrorKind::Conflict, "an older exposure list than the one held", "issued");
  if (body == m_listBody) {
    m_listFetchedMs = nowMs;  // only the time of the last check changes: not worth a record
    ++m_version;
    if (done) done(true);
    return Done{};
  }
  const std::string value = json{{"body", body}, {"at", nowMs}}.dump();
  write(
      "list", value, [this, value](int64_t key) { applyList(value, key); }, std::move(done));
  return Done{};
}

// Replay does not verify: the journal is the phone's own; list() verifies at use.
bool VisitHistory::applyList(std::string_view valueJson, int64_t key) {
  json v = json::parse(valueJson, nullptr, false);
  const std::string body = getString(v, "body");
  if (body.empty()) return false;
  json outer = json::parse(body, nullptr, false);
  json payload = json::parse(getString(outer, "list"), nullptr, false);
  if (m_listKey) m_supersededKeys.push_back(m_listKey);
  m_listBody = body;
  m_listIssuedMs = getInt(payload, "issued");
  m_listFetchedMs = getInt(v, "at");
  m_listKey = key;
  ++m_version;
  return true;
}

std::optional<ExposureList> VisitHistory::list(const poster::KeyRing& ring) const {
  if (m_listBody.empty()) return std::nullopt;
  auto l = verifyList(m_listBody, ring);
  if (!l) return std::nullopt;
  return std::move(l).value();
}

std::vector<Alert> VisitHistory::alerts(const poster::KeyRing& ring) const {
  auto l = list(ring);
  if (!l) return {};
  return match(*l, staysOf(m_visits));
}

int VisitHistory::retentionDays(const poster::KeyRing& ring) const {
  auto l = list(ring);
  return l && l->retentionDays > 0 ? l->retentionDays : kDefaultRetentionDays;
}

std::vector<int64_t> VisitHistory::expiredKeys(int64_t nowMs, int retentionDays) const {
  std::vector<int64_t> keys;
  const int64_t cutoff = nowMs - int64_t(retentionDays) * kDayMs;
  for (const OwnVisit& v : m_visits)
    if (v.journalKey > 0 && v.at.utcMs < cutoff) keys.push_back(v.journalKey);
  for (int64_t k : m_supersededKeys)
    if (k > 0) keys.push_back(k);
  return keys;
}

void VisitHistory::forget(const std::vector<int64_t>& keys) {
  std::set<int64_t> gone(keys.begin(), keys.end());
  std::erase_if(m_visits, [&](const OwnVisit& v) { return v.journalKey > 0 && gone.count(v.journalKey); });
  std::erase_if(m_supersededKeys, [&](int64_t k) { return gone.count(k) > 0; });
  ++m_version;
}

std::string VisitHistory::csv() const {
  std::string out =
      "\xEF\xBB\xBF"
      "Thời gian,Cơ sở,Mã cơ sở,Điểm quét,Vào/Ra\r\n";
  std::vector<OwnVisit> sorted = m_visits;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const OwnVisit& a, const OwnVisit& b) { return a.at.utcMs < b.at.utcMs; });
  for (const OwnVisit& v : sorted) {
    out += csvCell(formatLocalDate(v.at) + " " + formatLocalTime(v.at)) + "," + csvCell(v.venueName) + "," +
           csvCell(v.venueId) + "," + csvCell(v.pointName.empty() ? v.pointId : v.pointName) + "," +
           (v.direction == Direction::In ? "Vào" : "Ra") + "\r\n";
  }
  return out;
}

}  // namespace diemquet::exposure
