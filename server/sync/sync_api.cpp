#include "sync_api.hpp"

#include "person_rules.hpp"

#include <algorithm>
#include <exception>
#include <memory>

#include "check_in_json.hpp"
#include "http/request_input.hpp"
#include "masking.hpp"
#include "ops/metrics.hpp"
#include "common/secrets.hpp"
#include "text.hpp"
#include "upload_parser.hpp"

namespace diemquet::server {

using nlohmann::json;

std::vector<std::pair<int64_t, int64_t>> seqRanges(std::vector<int64_t> seqs) {
  std::sort(seqs.begin(), seqs.end());
  seqs.erase(std::unique(seqs.begin(), seqs.end()), seqs.end());
  std::vector<std::pair<int64_t, int64_t>> out;
  for (int64_t s : seqs) {
    if (!out.empty() && out.back().second + 1 == s)
      out.back().second = s;
    else
      out.emplace_back(s, s);
  }
  return out;
}

namespace {

// The handlers, one per endpoint, sharing the store, the clock and the log.
class SyncApi {
 public:
  SyncApi(Store& store, std::function<int64_t()> clock, std::function<void(const std::string&)> log)
      : m_store(store), m_clock(std::move(clock)), m_log(std::move(log)) {}
  ApiResponse health();
  ApiResponse enroll(const ApiRequest& req);
  ApiResponse upload(const ApiRequest& req);

 private:
  ApiResponse storageFailure(const Error& e);
  Store& m_store;
  std::function<int64_t()> m_clock;
  std::function<void(const std::string&)> m_log;
};

}  // namespace

ApiResponse storageUnavailable(const Error& e, const std::function<void(const std::string&)>& log) {
  if (log) log("storage error: " + e.message);
  metrics::dbError();
  ApiResponse r =
      errorResponse(503, "storage_unavailable", "The database is unavailable; nothing was stored. Retry later.");
  r.retryAfterSeconds = 2;  // a failover takes seconds; stations keep their records and resend
  return r;
}

// Authentication first: nothing about a body is looked at for an unknown caller.
std::variant<Principal, ApiResponse> authenticateDevice(const ApiRequest& req, Store& store,
                                                        const std::function<void(const std::string&)>& log) {
  auto token = bearerToken(req.authorization);
  if (!token) return errorResponse(401, "unauthorized", "Send 'Authorization: Bearer <device token>'.");
  auto principal = store.authenticate(sha256Hex(*token));
  if (!principal) return storageUnavailable(principal.error(), log);
  if (!principal.value()) return errorResponse(401, "invalid_token", "The device token is not known to this server.");
  if (principal.value()->revoked) return errorResponse(403, "revoked", "This device was revoked; enroll it again.");
  return *principal.value();
}

ApiResponse SyncApi::storageFailure(const Error& e) {
  return storageUnavailable(e, m_log);
}

ApiResponse SyncApi::health() {
  return ApiResponse{200, json{{"ok", true}, {"version", kServerVersion}, {"storage", m_store.backendName()}}.dump()};
}

namespace {

bool validIdText(const std::string& s) {
  return !s.empty() && s.size() <= kMaxIdLength && text::isValidUtf8(s) && !text::hasControlChars(s);
}

bool validId(const json& j) {
  return j.is_string() && validIdText(j.get_ref<const std::string&>());
}

}  // namespace

ApiResponse SyncApi::enroll(const ApiRequest& req) {
  json body;
  if (auto bad = parseJsonObject(req.body, body)) return *bad;
  auto code = body.find("code");
  auto device = body.find("device");
  if (code == body.end() || !code->is_string() || code->get_ref<const std::string&>().size() > 64)
    return errorResponse(400, "bad_request", "Field 'code' must be the enrollment code, a string.");
  if (device == body.end() || !validId(*device))
    return errorResponse(400, "bad_request", "Field 'device' must be the device id, 1 to 64 characters of text.");
  std::string codeHash = sha256Hex(normalizeEnrollmentCode(code->get<std::string>()));
  std::string token = newDeviceToken();
  auto venueId = m_store.redeemEnrollmentCode(codeHash, device->get<std::string>(), sha256Hex(token), m_clock());
  if (!venueId) {
    if (venueId.error().kind == ErrorKind::NotFound) {
      if (m_log) m_log("enroll refused for code " + redactForLog(code->get<std::string>()));
      return errorResponse(403, "invalid_code", "The enrollment code is unknown, already used or expired.");
    }
    if (venueId.error().kind == ErrorKind::Conflict)
      return errorResponse(403, "venue_rejected",
                           "The commune rejected this venue's registration; no station can enroll. Contact the "
                           "commune office.");
    return storageFailure(venueId.error());
  }
  auto venue = m_store.findVenue(venueId.value());
  auto points = m_store.scanPoints(venueId.value());
  if (!venue || !venue.value())
    return storageFailure(venue ? makeError(ErrorKind::NotFound, "venue vanished") : venue.error());
  if (!points) return storageFailure(points.error());
  const Venue& v = *venue.value();
  json sp = json::array();
  for (const ScanPoint& p : points.value()) sp.push_back({{"id", p.id}, {"name", p.name}});
  json out{{"token", token},
           {"device", device->get<std::string>()},
           {"venue",
            {{"id", v.id},
             {"name", v.name},
             {"address", v.address},
             {"category", v.category},
             {"staffCount", v.staffCount},
             {"defaultStayMinutes", v.defaultStayMinutes}}},
           {"scanPoints", sp}};
  return ApiResponse{200, out.dump()};
}

ApiResponse SyncApi::upload(const ApiRequest& req) {
  auto device = authenticateDevice(req, m_store, m_log);
  if (auto* refused = std::get_if<ApiResponse>(&device)) return *refused;
  const Principal& who = std::get<Principal>(device);

  if (auto bad = checkBodyBytes(req.body)) return *bad;  // the same byte rules as parseJsonObject
  UploadBody body = parseUploadBody(req.body);
  if (body.problem == UploadBody::Problem::BadJson)
    return errorResponse(400, "bad_json", "The request body is not valid JSON: one JSON value and nothing after it.");
  if (body.problem == UploadBody::Problem::NotObject)
    return errorResponse(400, "bad_request", "The request body must be a JSON object.");
  if (body.device.type != FieldType::String || !validIdText(body.deviceText))
    return errorResponse(400, "bad_request", "Field 'device' must be the device id.");
  if (!body.checkInsIsArray)
    return errorResponse(400, "bad_request", "Field 'checkIns' must be an array of check-ins.");
  if (body.deviceText != who.deviceId)
    return errorResponse(403, "device_mismatch", "The device id does not match the device token.");
  if (body.items.size() > kMaxBatchSize)
    return errorResponse(413, "batch_too_large", "At most " + std::to_string(kMaxBatchSize) + " check-ins per upload.");

  const int64_t now = m_clock();
  std::vector<CheckIn> batch;
  batch.reserve(body.items.size());
  for (size_t i = 0; i < body.items.size(); ++i) {
    const UploadBody::Item& item = body.items[i];
    const FieldRef seq = item.fields.find("seq");
    auto where = [&] {
      std::string w = "checkIns[" + std::to_string(i) + "]";
      if (seq.type == FieldType::Integer) w += " (seq " + std::to_string(seq.i) + ")";
      return w;
    };
    auto c = item.isObject ? checkInFromFields(item.fields)
                           : Result<CheckIn>(makeError(ErrorKind::Malformed, "a check-in must be a JSON object"));
    if (!c) {
      const bool tooOld = c.error().field == "ts" && item.fields.find("ts").type == FieldType::Integer;
      return errorResponse(422, tooOld ? ErrorCode("too_old") : ErrorCode("invalid_check_in"),
                           where() + ": " + c.error().message);
    }
    // The person as the station's parsers and forms make it (wasm/core/person_rules.hpp).
    if (auto st = validatePerson(c->person); !st)
      return errorResponse(422, "invalid_check_in", where() + ": " + st.error().field + " " + st.error().message);
    if (c->deviceId != who.deviceId)
      return errorResponse(403, "device_mismatch", where() + ": the check-in's device is not the uploading device.");
    if (c->at.utcMs > now + kMaxClockSkewMs)
      return errorResponse(
          422, "future_time",
          where() + ": the time is more than 10 minutes ahead of the server clock; check the station clock.");
    if (std::find(who.venues.begin(), who.venues.end(), c->venueId) == who.venues.end()) {
      auto v = m_store.findVenue(c->venueId);
      if (!v) return storageFailure(v.error());
      if (!v.value()) return errorResponse(404, "unknown_venue", where() + ": no such venue on this server.");
      return errorResponse(403, "venue_not_bound", where() + ": this device is not enrolled at that venue.");
    }
    batch.push_back(std::move(c).value());
  }
  // A venue whose self-registration the commune rejected takes no more check-ins.
  std::vector<std::string> venues;
  for (const CheckIn& c : batch)
    if (std::find(venues.begin(), venues.end(), c.venueId) == venues.end()) venues.push_back(c.venueId);
  auto refusedVenues = m_store.rejectedVenues(venues);
  if (!refusedVenues) return storageFailure(refusedVenues.error());
  if (!refusedVenues->empty())
    return errorResponse(403, "venue_rejected",
                         "The commune rejected the registration of venue " + refusedVenues->front() +
                             "; its stations can no longer upload. Contact the commune office.");

  auto result = m_store.ingest(batch, now);
  if (!result) return storageFailure(result.error());
  std::vector<int64_t> acked;
  json rejected = json::array();
  int stored = 0, duplicates = 0, voided = 0;
  for (size_t i = 0; i < batch.size(); ++i) {
    switch (result->outcomes[i]) {
      case IngestOutcome::Stored:
        ++stored;
        acked.push_back(batch[i].seq);
        break;
      case IngestOutcome::AlreadyStored:
        ++duplicates;
        acked.push_back(batch[i].seq);
        break;
      case IngestOutcome::Voided:
        ++voided;
        acked.push_back(batch[i].seq);
        break;
      case IngestOutcome::Conflict:
        rejected.push_back({{"seq", batch[i].seq},
                            {"code", "conflict"},
                            {"message", "A different check-in is already stored under this device and seq."}});
        break;
    }
  }
  // A seq both conflicting and acked (the same seq twice in one batch) is reported once, as rejected.
  std::vector<int64_t> ackedClean;
  for (int64_t s : acked) {
    bool bad = false;
    for (const auto& r : rejected) bad = bad || r["seq"].get<int64_t>() == s;
    if (!bad) ackedClean.push_back(s);
  }
  metrics::uploadAnswered(stored, duplicates, voided, int64_t(rejected.size()));
  json ranges = json::array();
  for (auto [a, b] : seqRanges(ackedClean)) ranges.push_back({a, b});
  json out{
      {"acked", ranges}, {"rejected", rejected}, {"stored", stored}, {"duplicates", duplicates}, {"voided", voided}};
  return ApiResponse{200, out.dump()};
}

void addSyncRoutes(Router& router, Store& store, std::function<int64_t()> clock,
                   std::function<void(const std::string&)> log) {
  auto api = std::make_shared<SyncApi>(store, clock, log);
  router.on("GET", "/api/v1/health", [api](const ApiRequest&, const PathParams&) { return api->health(); });
  router.on("POST", "/api/v1/presence", [api, &store, clock, log](const ApiRequest& req, const PathParams&) {
    return presence(req, store, clock(), log);
  });
  router.on("POST", "/api/v1/enroll", [api](const ApiRequest& req, const PathParams&) { return api->enroll(req); });
  router.on("POST", "/api/v1/checkins", [api](const ApiRequest& req, const PathParams&) {
    ApiResponse r = api->upload(req);
    if (r.status != 200) {
      const json e = json::parse(r.body, nullptr, false);
      metrics::uploadRefused(e.is_object() && e.contains("error") ? e["error"].value("code", "") : "");
    }
    return r;
  });
}

}  // namespace diemquet::server
