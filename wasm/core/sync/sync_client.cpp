// The station's sync client: enrollment, batching, acknowledgement journaling, backoff.
#include "sync_client.hpp"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

#include "check_in_json.hpp"
#include "json_util.hpp"

namespace diemquet::sync {

using nlohmann::json;
using jsonutil::getInt;
using jsonutil::getString;

std::string normalizeEnrollmentCode(std::string_view typed) {
  std::string raw;
  for (char c : typed) {
    if (c == '-' || c == ' ') continue;
    if (!std::isalnum(static_cast<unsigned char>(c))) return {};
    raw += char(std::toupper(static_cast<unsigned char>(c)));
  }
  if (raw.size() != 12) return {};
  return raw.substr(0, 4) + "-" + raw.substr(4, 4) + "-" + raw.substr(8, 4);
}

namespace {

std::string errorCode(const std::string& body) {
  json j = json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("error")) return {};
  return getString(j["error"], "code");
}

// The server names the first bad check-in as "checkIns[i]" in its message (docs/api.md).
int failingIndex(const std::string& body) {
  json j = json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("error")) return -1;
  std::string msg = getString(j["error"], "message");
  const std::string key = "checkIns[";
  size_t at = msg.find(key);
  if (at == std::string::npos) return -1;
  size_t i = at + key.size();
  int n = 0;
  bool any = false;
  while (i < msg.size() && std::isdigit(static_cast<unsigned char>(msg[i])) && n < 100000) {
    n = n * 10 + (msg[i++] - '0');
    any = true;
  }
  return any && i < msg.size() && msg[i] == ']' ? n : -1;
}

std::vector<SeqRange> toRanges(std::vector<int64_t> seqs) {
  std::sort(seqs.begin(), seqs.end());
  std::vector<SeqRange> out;
  for (int64_t s : seqs) {
    if (!out.empty() && s <= out.back().last + 1) out.back().last = std::max(out.back().last, s);
    else out.push_back({s, s});
  }
  return out;
}

}  // namespace

SyncClient::SyncClient(Station& station, JournalAppend append, Transport transport, NowMs now, Random random,
                       SyncConfig config)
    : m_station(station), m_append(std::move(append)), m_transport(std::move(transport)), m_now(std::move(now)),
      m_random(std::move(random)), m_config(config), m_batchSize(std::max(1, config.batchSize)) {}

SyncPhase SyncClient::phase() const {
  if (!m_station.enrollment()) return SyncPhase::NotEnrolled;
  if (m_blocked) return SyncPhase::NeedsEnrollment;
  if (m_busy) return SyncPhase::Uploading;
  if (m_failures > 0) return SyncPhase::Waiting;
  return SyncPhase::Idle;
}

CheckIn SyncClient::uploadForm(const CheckIn& c) const {
  CheckIn out = c;
  auto it = m_station.adoptedVenues().find(c.venueId);
  if (it != m_station.adoptedVenues().end()) {
    out.venueId = it->second.venueId;
    out.scanPointId = it->second.id;
  }
  return out;
}

// ---- Enrollment ----

void SyncClient::enroll(const std::string& typedCode, const std::string& newDeviceId,
                        std::function<void(EnrollResult)> done) {
  std::string code = normalizeEnrollmentCode(typedCode);
  if (code.empty()) return done(EnrollResult::BadFormat);
  if (m_enrolling) return done(EnrollResult::Busy);
  std::string device = m_station.hasDeviceId() ? m_station.settings().deviceId : newDeviceId;
  m_enrolling = true;
  ++m_version;
  json body{{"code", code}, {"device", device}};
  m_transport("api/v1/enroll", body.dump(), "", [this, device, done](const HttpReply& r) {
    auto finish = [this, done](EnrollResult res) {
      m_enrolling = false;
      ++m_version;
      done(res);
    };
    if (r.status == 0) return finish(EnrollResult::Offline);
    if (r.status >= 500) return finish(EnrollResult::ServerError);
    if (r.status == 403 || r.status == 400) return finish(EnrollResult::InvalidCode);
    if (r.status != 200) return finish(EnrollResult::ServerError);
    json j = json::parse(r.body, nullptr, false);
    StationEnrolled e;
    e.deviceId = device;
    e.token = getString(j, "token");
    if (j.is_object() && j.contains("venue") && j["venue"].is_object()) {
      const json& v = j["venue"];
      e.venue = Venue{getString(v, "id"), getString(v, "name"), getString(v, "address"),
                      getString(v, "category", "other"), int(getInt(v, "staffCount", 0)),
                      int(getInt(v, "defaultStayMinutes", 120))};
    }
    if (j.is_object() && j.contains("scanPoints") && j["scanPoints"].is_array())
      for (const json& p : j["scanPoints"])
        if (!getString(p, "id").empty()) e.scanPoints.push_back(ScanPoint{getString(p, "id"), e.venue.id, getString(p, "name")});
    if (e.token.empty() || e.venue.id.empty() || e.scanPoints.empty() || getString(j, "device", device) != device)
      return finish(EnrollResult::ServerError);
    // Check-ins made before enrolling, under the station's own local venue, go up as this venue.
    const std::string& local = m_station.settings().venue.id;
    bool fromServer = m_station.enrollment() && m_station.enrollment()->venue.id == local;
    if (!local.empty() && local != e.venue.id && !fromServer) e.adoptedVenueIds.push_back(local);
    e.atMs = m_now();
    JournalEvent event = e;
    m_append(encodeEvent(event), [this, event, finish](bool ok) {
      if (!ok || !m_station.apply(event)) return finish(EnrollResult::Storage);
      m_blocked = false;
      m_problem = SyncProblem::None;
      m_failures = 0;
      m_nextAttemptMs = 0;
      finish(EnrollResult::Ok);
    });
  });
}

// ---- Upload loop ----

void SyncClient::tick() {
  if (m_busy || m_blocked || !m_station.enrollment()) return;
  if (m_now() < m_nextAttemptMs) return;
  if (m_station.pendingCount() <= 0) {
    if (m_inRun) {
      m_inRun = false;
      ++m_version;
    }
    return;
  }
  startBatch();
}

void SyncClient::syncNow() {
  if (m_blocked && m_station.enrollment()) return;  // the token was refused: enroll again first
  m_nextAttemptMs = 0;
  if (m_failures > 0) m_failures = 0;
  ++m_version;
  tick();
}

void SyncClient::startBatch() {
  const int64_t now = m_now();
  const auto& rejected = m_station.rejected();
  for (auto it = m_deferred.begin(); it != m_deferred.end();) it = it->second <= now ? m_deferred.erase(it) : std::next(it);
  // Rejected and deferred check-ins are still pending in the log: read past them.
  int want = m_batchSize + int(rejected.size() + m_deferred.size());
  std::vector<CheckIn> candidates = m_station.pendingCheckIns(want);
  const std::string& device = m_station.settings().deviceId;
  json list = json::array();
  m_sent.clear();
  for (const CheckIn& c : candidates) {
    if (int(m_sent.size()) >= m_batchSize) break;
    if (c.deviceId != device || rejected.count(c.seq) || m_deferred.count(c.seq)) continue;
    list.push_back(toJson(uploadForm(c)));
    m_sent.push_back({c.seq, c.voided});
  }
  if (m_sent.empty()) {
    // Only deferred ones are left: look again when the first may go.
    m_nextAttemptMs = m_deferred.empty() ? now + m_config.periodicMs : m_deferred.begin()->second;
    m_inRun = false;
    ++m_version;
    return;
  }
  if (!m_inRun) {
    m_inRun = true;
    m_runDone = 0;
    m_runTotal = 0;
  }
  m_runTotal = std::max(m_runTotal, m_runDone + m_station.pendingCount() - int64_t(m_deferred.size()));
  m_busy = true;
  ++m_uploads;
  ++m_version;
  uint64_t attempt = ++m_attempt;
  json body{{"device", device}, {"checkIns", std::move(list)}};
  m_transport("api/v1/checkins", body.dump(), m_station.enrollment()->token,
              [this, attempt](const HttpReply& r) { onReply(attempt, r); });
}

void SyncClient::onReply(uint64_t attempt, const HttpReply& r) {
  // A transport that answers twice, or an answer to an attempt already given up: ignored.
  // Whatever the server did with it, the next upload is a safe replay.
  if (attempt != m_attempt || !m_busy) return;
  ++m_attempt;  // one answer per attempt
  if (r.status == 200) return onAccepted(r);
  if (r.status == 0) return failed(SyncProblem::Offline);
  if (r.status >= 500) return failed(SyncProblem::ServerError);
  std::string code = errorCode(r.body);
  if (r.status == 401 || code == "revoked" || code == "device_mismatch")
    return stopUntilEnrolled(code == "revoked" ? SyncProblem::Revoked : SyncProblem::Unauthorized);
  if (r.status == 413) {
    if (m_batchSize > 1) {
      m_batchSize = std::max(1, m_batchSize / 2);
      m_busy = false;
      return startBatch();
    }
    return failed(SyncProblem::Refused);
  }
  if (code == "future_time") {
    int i = failingIndex(r.body);
    if (i < 0 || size_t(i) >= m_sent.size()) return failed(SyncProblem::Refused);
    m_deferred[m_sent[size_t(i)].seq] = m_now() + m_config.futureDeferMs;
    m_busy = false;
    return startBatch();
  }
  if (code == "invalid_check_in" || code == "too_old" || code == "venue_not_bound" || code == "unknown_venue")
    return rejectOne(r, code);
  failed(SyncProblem::Refused);
}

// One check-in made the server refuse the whole batch: it is set aside for good (journaled as
// rejected, kept in the log and shown), and the rest goes up at once.
void SyncClient::rejectOne(const HttpReply& r, const std::string& code) {
  int i = failingIndex(r.body);
  if (i < 0 || size_t(i) >= m_sent.size()) return failed(SyncProblem::Refused);
  SyncRejected rej{m_station.settings().deviceId, {{m_sent[size_t(i)].seq, code}}};
  journalThen(rej, [this] { succeeded(1); });
}

void SyncClient::onAccepted(const HttpReply& r) {
  json j = json::parse(r.body, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("acked") || !j["acked"].is_array())
    return failed(SyncProblem::ServerError);
  std::vector<SeqRange> acked;
  for (const json& range : j["acked"])
    if (range.is_array() && range.size() == 2 && range[0].is_number_integer() && range[1].is_number_integer())
      acked.push_back({range[0].get<int64_t>(), range[1].get<int64_t>()});
  std::map<int64_t, std::string> rejected;
  if (j.contains("rejected") && j["rejected"].is_array())
    for (const json& x : j["rejected"])
      if (x.is_object() && x.contains("seq") && x["seq"].is_number_integer())
        rejected[x["seq"].get<int64_t>()] = getString(x, "code", "rejected");

  const std::string device = m_station.settings().deviceId;
  std::vector<int64_t> ackSeqs;
  std::vector<RejectedCheckIn> rejItems;
  int64_t settled = 0;
  for (const Sent& s : m_sent) {
    if (rejected.count(s.seq)) {
      rejItems.push_back({s.seq, rejected[s.seq]});
      ++settled;
      continue;
    }
    bool inAck = false;
    for (const SeqRange& a : acked) inAck = inAck || (s.seq >= a.first && s.seq <= a.last);
    if (!inAck) continue;  // neither acked nor rejected: stays pending (cannot happen in v1)
    ++settled;
    // Voided while the upload was in flight: the server holds the old state; send it again.
    auto now = m_station.log().find(device, s.seq);
    if (now && now->voided == s.voided) ackSeqs.push_back(s.seq);
  }
  if (settled == 0) return failed(SyncProblem::ServerError);  // no progress: do not spin
  // Acknowledgements first, rejections second; each applied only once it is durable.
  auto afterAck = [this, device, rejItems, settled] {
    if (rejItems.empty()) return succeeded(settled);
    journalThen(SyncRejected{device, rejItems}, [this, settled] { succeeded(settled); });
  };
  if (ackSeqs.empty()) return afterAck();
  journalThen(SyncAcknowledged{device, toRanges(ackSeqs), m_now()}, afterAck);
}

void SyncClient::journalThen(JournalEvent event, std::function<void()> next) {
  m_append(encodeEvent(event), [this, event, next](bool ok) {
    if (!ok || !m_station.apply(event)) return failed(SyncProblem::Storage);
    next();
  });
}

void SyncClient::succeeded(int64_t settled) {
  m_station.serverAnswered(m_now());  // settled by the server's answer, acknowledged or refused for good
  m_busy = false;
  m_failures = 0;
  m_problem = SyncProblem::None;
  m_runDone += settled;
  m_nextAttemptMs = m_now() + m_config.periodicMs;
  ++m_version;
  if (m_station.pendingCount() > int64_t(m_deferred.size())) return startBatch();  // the rest, at once
  m_inRun = false;
  if (m_onSynced) m_onSynced();
}

void SyncClient::failed(SyncProblem why) {
  m_busy = false;
  m_problem = why;
  ++m_failures;
  int shift = std::min(m_failures - 1, 20);
  int64_t base = std::min(m_config.maxBackoffMs, m_config.minBackoffMs << shift);
  double r = m_random ? std::clamp(m_random(), 0.0, 1.0) : 0.5;
  m_nextAttemptMs = m_now() + int64_t(double(base) * (0.75 + 0.5 * r));
  ++m_version;
}

void SyncClient::stopUntilEnrolled(SyncProblem why) {
  m_busy = false;
  m_blocked = true;
  m_problem = why;
  m_inRun = false;
  ++m_version;
}

}  // namespace diemquet::sync
