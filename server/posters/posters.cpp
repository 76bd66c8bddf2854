// Poster keys, issuance and self check-ins (see posters.hpp and docs/api.md "Posters").
#include "posters.hpp"

#include "person_rules.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>

#include "check_in_json.hpp"
#include "hex.hpp"
#include "http/rate_limiter.hpp"
#include "http/request_input.hpp"
#include "ids.hpp"
#include "poster/poster_pdf.hpp"
#include "short_codes.hpp"
#include "common/secrets.hpp"
#include "text.hpp"

namespace diemquet::server::posters {

using nlohmann::json;

namespace {

std::mutex g_mutex;  // guards g_config and the font cache
Config g_config;

bool seedFromHex(const std::string& hex, poster::Seed& out) {
  if (hex.size() != 2 * out.size()) return false;
  auto nib = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  for (size_t i = 0; i < out.size(); ++i) {
    int a = nib(hex[2 * i]), b = nib(hex[2 * i + 1]);
    if (a < 0 || b < 0) return false;
    out[i] = uint8_t(a * 16 + b);
  }
  return true;
}

Result<poster::SigningKey> keyOf(const SigningKeyRow& row) {
  poster::Seed seed{};
  if (!seedFromHex(row.seedHex, seed)) return makeError(ErrorKind::Storage, "signing key " + row.keyId + " is damaged");
  return poster::makeSigningKey(row.keyId, seed);
}

// "k" + 7 characters of [a-z0-9] (poster key ids are [A-Za-z0-9]{1,8}): short, to keep the QR small.
std::string newKeyId() {
  poster::Seed r = poster::freshSeed();
  static const char* alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
  std::string id = "k";
  for (int i = 0; i < 7; ++i) id += alphabet[r[size_t(i)] % 32];
  return id;
}

Result<poster::SigningKey> makeAndStoreKey(Store& store, int64_t nowMs) {
  for (int attempt = 0; attempt < 3; ++attempt) {
    poster::Seed seed = poster::freshSeed();
    std::string id = newKeyId();
    auto key = poster::makeSigningKey(id, seed);
    if (!key) return key.error();
    auto st = store.addSigningKey(SigningKeyRow{id, toHex(seed.data(), seed.size()), nowMs, 0});
    if (st) return key;
    if (st.error().kind != ErrorKind::Conflict) return st.error();
  }
  return makeError(ErrorKind::Storage, "could not store a new signing key");
}

std::vector<uint8_t> readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

// Noto Sans Regular and Bold, read once.
bool fonts(const std::vector<uint8_t>*& regular, const std::vector<uint8_t>*& bold) {
  static std::vector<uint8_t> r, b;
  std::lock_guard lock(g_mutex);
  if (r.empty()) r = readFile(g_config.fontDir + "/NotoSans-Regular.ttf");
  if (b.empty()) b = readFile(g_config.fontDir + "/NotoSans-Bold.ttf");
  regular = &r;
  bold = &b;
  return !r.empty() && !b.empty();
}

std::string ymdText(int ymd) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", ymd % 100, ymd / 100 % 100, ymd / 10000);
  return buf;
}

std::string validityNote(int fromYmd, int untilYmd) {
  if (fromYmd && untilYmd) return "Hiệu lực " + ymdText(fromYmd) + " – " + ymdText(untilYmd);
  if (untilYmd) return "Hiệu lực đến hết ngày " + ymdText(untilYmd);
  if (fromYmd) return "Hiệu lực từ ngày " + ymdText(fromYmd);
  return "";
}

std::string validityField(int fromYmd, int untilYmd) {
  if (fromYmd) return std::to_string(fromYmd) + "-" + std::to_string(untilYmd);
  return std::to_string(untilYmd);
}

// What the poster prints for people who cannot scan: "<host>/c/34M-FPJ" (https:// left out, a
// browser adds it; http:// kept, or the typed address would not work).
std::string shortCodeUrl(const std::string& code, const char* route = "/c/") {
  std::string base = config().publicUrl;
  while (!base.empty() && base.back() == '/') base.pop_back();
  if (base.rfind("https://", 0) == 0) base = base.substr(8);
  return base + route + code;
}

Result<std::string> renderSheet(const Venue& venue, const std::vector<ScanPoint>& points,
                                const std::vector<PosterRow>& rows, int fromYmd, int untilYmd) {
  const std::vector<uint8_t>*regular = nullptr, *bold = nullptr;
  if (!fonts(regular, bold)) return makeError(ErrorKind::NotFound, "Noto Sans fonts not found in " + config().fontDir);
  poster::PosterSheet sheet;
  sheet.venue = venue;
  for (const PosterRow& row : rows) {
    ScanPoint point{row.scanPointId, venue.id, row.scanPointId};
    for (const ScanPoint& p : points)
      if (p.id == row.scanPointId) point = p;
    const std::string code = poster::shortCode(venue.id, point.id);
    sheet.pages.push_back(
        poster::PosterPage{point, row.url, code, validityNote(fromYmd, untilYmd), shortCodeUrl(code),
                           shortCodeUrl(code, "/bao-cao/")});
  }
  return poster::renderPosterPdf(sheet, *regular, *bold);
}

// ---- HTTP ----

ApiResponse storageFailure(const Error& e, const std::function<void(const std::string&)>& log) {
  if (log) log("storage error: " + e.message);
  return errorResponse(503, "storage_unavailable", "The database is unavailable; nothing was stored. Retry later.");
}

ApiResponse pdfResponse(std::string pdf, const std::string& venueId) {
  ApiResponse r{200, std::move(pdf)};
  r.contentType = "application/pdf";
  r.contentDisposition = "attachment; filename=\"diemquet-poster-" + venueId + ".pdf\"";
  return r;
}

// Venue ids as posters carry them; also keeps odd bytes out of paths and headers.
bool posterId(const std::string& s, size_t maxLen) {
  if (s.empty() || s.size() > maxLen) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  });
}

// A station token bound to this venue (officer sessions: see docs/api.md, to be added by the
// office module). Returns the principal's description for `issued_by`, or an error response.
std::variant<std::string, ApiResponse> authorizeVenue(const ApiRequest& req, Store& store, const std::string& venueId,
                                                      const std::function<void(const std::string&)>& log) {
  auto token = bearerToken(req.authorization);
  if (!token) return errorResponse(401, "unauthorized", "Send 'Authorization: Bearer <device token>'.");
  auto who = store.authenticate(sha256Hex(*token));
  if (!who) return storageFailure(who.error(), log);
  if (!who.value()) return errorResponse(401, "invalid_token", "The device token is not known to this server.");
  const Principal& p = *who.value();
  if (std::find(p.venues.begin(), p.venues.end(), venueId) == p.venues.end())
    return errorResponse(403, "venue_not_bound", "This device is not enrolled at that venue.");
  auto rejected = store.rejectedVenues({venueId});
  if (!rejected) return storageFailure(rejected.error(), log);
  if (!rejected->empty())
    return errorResponse(403, "venue_rejected", "The commune rejected this venue's registration; no posters.");
  return "device:" + p.deviceId;
}

bool parseYmd(const json& body, const char* field, int& out) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return true;
  std::string s =
      it->is_string() ? it->get<std::string>() : (it->is_number_integer() ? std::to_string(it->get<int64_t>()) : "");
  if (s.size() != 8 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
  int v = std::stoi(s);
  if (v / 10000 < 2000 || v / 100 % 100 < 1 || v / 100 % 100 > 12 || v % 100 < 1 || v % 100 > 31) return false;
  out = v;
  return true;
}

ApiResponse keysResponse(Store& store, const std::function<void(const std::string&)>& log) {
  auto ring = keyRing(store);
  if (!ring) return storageFailure(ring.error(), log);
  json keys = json::array(), lines = json::array();
  for (const poster::PublicKey& k : ring->keys()) {
    std::string line = poster::formatPublicKey(k);
    std::string b64 = line.substr(5 + k.id.size() + 1, 43);
    keys.push_back({{"id", k.id}, {"publicKey", b64}, {"revoked", k.revoked}});
    lines.push_back(line);
  }
  ApiResponse r{200, json{{"keys", keys}, {"ring", lines}}.dump()};
  r.cacheControl = "public, max-age=300";  // a revocation reaches phones within minutes
  return r;
}

ApiResponse venueInfo(Store& store, const std::string& venueId, const std::function<void(const std::string&)>& log) {
  auto v = store.findVenue(venueId);
  if (!v) return storageFailure(v.error(), log);
  if (!v.value()) return errorResponse(404, "unknown_venue", "No such venue on this server.");
  auto points = store.scanPoints(venueId);
  if (!points) return storageFailure(points.error(), log);
  json sp = json::array();
  for (const ScanPoint& p : points.value()) sp.push_back({{"id", p.id}, {"name", p.name}});
  ApiResponse r{200,
                json{{"venue", {{"id", v.value()->id}, {"name", v.value()->name}, {"address", v.value()->address}}},
                     {"scanPoints", sp}}
                    .dump()};
  r.cacheControl = "public, max-age=300";
  return r;
}

ApiResponse issue(const ApiRequest& req, Store& store, const std::string& venueId, int64_t now,
                  const std::function<void(const std::string&)>& log) {
  auto who = authorizeVenue(req, store, venueId, log);
  if (auto* err = std::get_if<ApiResponse>(&who)) return *err;
  int fromYmd = 0, untilYmd = 0;
  if (!req.body.empty()) {
    json body;
    if (auto bad = parseJsonObject(req.body, body)) return *bad;
    if (!parseYmd(body, "from", fromYmd) || !parseYmd(body, "until", untilYmd))
      return errorResponse(400, "bad_request", "Fields 'from' and 'until' must be dates as yyyymmdd.");
    if (fromYmd && untilYmd && fromYmd > untilYmd) return errorResponse(400, "bad_request", "'from' is after 'until'.");
    if (fromYmd && !untilYmd) return errorResponse(400, "bad_request", "'from' needs 'until' as well.");
  }
  auto pdf = issuePosters(store, venueId, fromYmd, untilYmd, std::get<std::string>(who), now);
  if (!pdf) {
    if (pdf.error().kind == ErrorKind::NotFound)
      return errorResponse(404, "unknown_venue", "No such venue, or it has no scan points yet.");
    if (pdf.error().kind == ErrorKind::Malformed)  // the venue's stored data, not the request nor the database
      return errorResponse(409, "invalid_scan_point_id", pdf.error().message);
    return storageFailure(pdf.error(), log);
  }
  if (log) log("posters issued for venue " + venueId + " by " + std::get<std::string>(who));
  return pdfResponse(std::move(pdf).value(), venueId);
}

// The latest issue of the venue's posters rendered again (the same URLs). `pdf` is empty when
// none was issued yet or their key was revoked (`revoked` then says which).
struct LatestSheet {
  std::string pdf;
  bool revoked = false;
};
Result<LatestSheet> renderLatest(Store& store, const std::string& venueId) {
  auto rows = store.postersOfVenue(venueId);
  if (!rows) return rows.error();
  if (rows->empty()) return LatestSheet{};
  auto ring = keyRing(store);
  if (!ring) return ring.error();
  int fromYmd = 0, untilYmd = 0;
  for (const PosterRow& r : rows.value()) {
    const poster::PublicKey* k = ring->find(r.keyId);
    if (!k || k->revoked) return LatestSheet{"", true};
    if (auto ref = poster::parsePosterUrl(r.url)) {
      fromYmd = ref->validity.fromYmd;
      untilYmd = ref->validity.untilYmd;
    }
  }
  auto venue = store.findVenue(venueId);
  auto points = store.scanPoints(venueId);
  if (!venue || !venue.value() || !points) return makeError(ErrorKind::Storage, "venue vanished");
  auto pdf = renderSheet(*venue.value(), points.value(), rows.value(), fromYmd, untilYmd);
  if (!pdf) return makeError(ErrorKind::Storage, pdf.error().message);  // fonts missing: the server's fault
  return LatestSheet{std::move(pdf).value(), false};
}

ApiResponse redownload(const ApiRequest& req, Store& store, const std::string& venueId,
                       const std::function<void(const std::string&)>& log) {
  auto who = authorizeVenue(req, store, venueId, log);
  if (auto* err = std::get_if<ApiResponse>(&who)) return *err;
  auto latest = renderLatest(store, venueId);
  if (!latest) return storageFailure(latest.error(), log);
  LatestSheet sheet = std::move(latest).value();
  if (sheet.revoked)
    return errorResponse(409, "key_revoked", "The key these posters were signed with was revoked; issue new posters.");
  if (sheet.pdf.empty())
    return errorResponse(404, "no_posters", "No poster was issued for this venue yet; POST to issue one.");
  return pdfResponse(std::move(sheet.pdf), venueId);
}

// Sliding 10-minute window per visitor phone.
bool allowSelfCheckIn(const std::string& deviceId, int64_t now) {
  static RateLimiter recent(600'000);
  int limit;
  {
    std::lock_guard lock(g_mutex);
    limit = g_config.selfCheckInsPerDevice;
  }
  return recent.tryAcquire(deviceId, now, limit);
}

// Idempotency keys of self check-ins: a visitor's phone sends one key per declaration it means
// to make, so two check-ins made of one declaration (a double tap that got past the page's own
// guard, a resend as a new record) are stored once. Held in memory for a day per server
// process: the key closes the double-submit window (seconds), the (device, seq) pair still
// makes every record exactly-once across restarts.
struct SeenKey {
  int64_t seq = 0;
  int64_t atMs = 0;
};
// The seq first stored under (device, key), or 0 the first time (then remembered as `seq`).
int64_t firstSeqForKey(const std::string& deviceId, const std::string& key, int64_t seq, int64_t now) {
  static std::map<std::string, SeenKey> seen;
  std::lock_guard lock(g_mutex);
  if (seen.size() > 200000) {
    for (auto it = seen.begin(); it != seen.end();)
      it = it->second.atMs < now - 86'400'000 ? seen.erase(it) : std::next(it);
    if (seen.size() > 200000) seen.clear();  // bounded memory; a reset only forgets keys
  }
  auto [it, fresh] = seen.try_emplace(deviceId + '\n' + key, SeenKey{seq, now});
  if (fresh || it->second.seq == seq || it->second.atMs < now - 86'400'000) {
    it->second = SeenKey{seq, now};
    return 0;
  }
  return it->second.seq;
}

bool validIdempotencyKey(const json& k) {
  if (!k.is_string()) return false;
  const std::string& s = k.get_ref<const std::string&>();
  if (s.size() < 8 || s.size() > 64) return false;
  for (char ch : s)
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '-' && ch != '_') return false;
  return true;
}

// Only these fields of a declaration are kept; values are booleans or short text.
Result<json> cleanDeclaration(const json& d) {
  if (d.is_null()) return json::object();
  if (!d.is_object()) return makeError(ErrorKind::Malformed, "declaration must be an object");
  json out = json::object();
  for (const char* b : {"fever", "cough", "breath", "soreThroat", "lossOfTaste", "contact", "travel", "none"}) {
    auto it = d.find(b);
    if (it == d.end()) continue;
    if (!it->is_boolean())
      return makeError(ErrorKind::Malformed, std::string("declaration field '") + b + "' must be true or false");
    out[b] = it->get<bool>();
  }
  auto place = d.find("travelPlace");
  if (place != d.end()) {
    if (!place->is_string() || place->get_ref<const std::string&>().size() > 200 ||
        !text::isValidUtf8(place->get<std::string>()) || text::hasControlChars(place->get<std::string>()))
      return makeError(ErrorKind::Malformed, "declaration field 'travelPlace' must be text, at most 200 bytes");
    out["travelPlace"] = *place;
  }
  return out;
}

ApiResponse selfCheckIn(const ApiRequest& req, Store& store, int64_t now,
                        const std::function<void(const std::string&)>& log) {
  json body;
  if (auto bad = parseJsonObject(req.body, body)) return *bad;
  if (!body.contains("poster") || !body["poster"].is_string() || !body.contains("checkIn"))
    return errorResponse(400, "bad_request",
                         "Send {\"poster\": <poster URL>, \"checkIn\": {...}, \"declaration\": {...}}.");
  // The poster first: without a genuine poster nothing else is looked at.
  auto ref = poster::parsePosterUrl(body["poster"].get<std::string>());
  if (!ref) return errorResponse(403, "poster_invalid", "The poster URL is malformed: " + ref.error().message);
  auto ring = keyRing(store);
  if (!ring) return storageFailure(ring.error(), log);
  auto c = checkInFromJson(body["checkIn"]);
  if (!c) return errorResponse(422, "invalid_check_in", "checkIn: " + c.error().message);
  if (auto st = validatePerson(c->person); !st)  // wasm/core/person_rules.hpp
    return errorResponse(422, "invalid_check_in", "checkIn: " + st.error().field + " " + st.error().message);
  // The visitor's day, from the check-in's own time zone (UTC+7 in Vietnam).
  if (auto st = poster::verify(*ref, *ring, poster::localYmd(Instant{now, c->at.offsetMinutes})); !st) {
    static const std::map<ErrorKind, ErrorCode> codes = {{ErrorKind::UnknownKey, ErrorCode("poster_unknown_key")},
                                                         {ErrorKind::BadSignature, ErrorCode("poster_forged")},
                                                         {ErrorKind::RevokedKey, ErrorCode("poster_revoked")},
                                                         {ErrorKind::NotYetValid, ErrorCode("poster_not_yet_valid")},
                                                         {ErrorKind::Expired, ErrorCode("poster_expired")}};
    auto it = codes.find(st.error().kind);
    const ErrorCode code = it == codes.end() ? ErrorCode("poster_invalid") : it->second;
    if (log) log("self check-in refused: " + std::string(code.code()));
    return errorResponse(403, code,
                         "The poster was refused: " + st.error().message);
  }
  if (c->deviceId.rfind("self-", 0) != 0)
    return errorResponse(422, "invalid_check_in", "checkIn.device: a self check-in comes from a 'self-' device.");
  if (c->person.kind != PersonKind::Visitor)
    return errorResponse(422, "invalid_check_in", "checkIn.kind: a self check-in is of kind 'visitor'.");
  if (c->venueId != ref->venueId || c->scanPointId != ref->pointId)
    return errorResponse(403, "poster_mismatch", "The check-in's venue or scan point is not the poster's.");
  if (c->at.utcMs > now + kMaxClockSkewMs)
    return errorResponse(422, "future_time", "The time is more than 10 minutes ahead of the server clock.");
  auto decl = cleanDeclaration(body.value("declaration", json()));
  if (!decl) return errorResponse(422, "invalid_declaration", decl.error().message);
  auto venue = store.findVenue(c->venueId);
  if (!venue) return storageFailure(venue.error(), log);
  if (!venue.value()) return errorResponse(404, "unknown_venue", "No such venue on this server.");
  std::string idemKey;
  if (body.contains("idempotencyKey")) {
    if (!validIdempotencyKey(body["idempotencyKey"]))
      return errorResponse(400, "bad_request", "'idempotencyKey' must be 8 to 64 letters, digits, '-' or '_'.");
    idemKey = body["idempotencyKey"].get<std::string>();
  }
  // The same declaration sent again as another record: answered as stored, stored once.
  if (!idemKey.empty())
    if (int64_t first = firstSeqForKey(c->deviceId, idemKey, c->seq, now); first != 0)
      return ApiResponse{
          200,
          json{{"acked", json::array({json::array({c->seq, c->seq})})}, {"outcome", "duplicate"}, {"sameAs", first}}
              .dump()};
  if (!allowSelfCheckIn(c->deviceId, now))
    return errorResponse(429, "rate_limited", "Too many self check-ins from this phone; wait a few minutes.");
  auto result = store.ingest({c.value()}, now);
  if (!result) return storageFailure(result.error(), log);
  IngestOutcome o = result->outcomes.at(0);
  if (o == IngestOutcome::Conflict)
    return errorResponse(409, "conflict", "A different check-in is already stored under this device and seq.");
  if (auto st = store.recordSelfDeclaration(c->venueId, c->deviceId, c->seq, decl->dump(), now); !st)
    return storageFailure(st.error(), log);
  static const char* names[] = {"stored", "duplicate", "voided", "conflict"};
  return ApiResponse{200,
                     json{{"acked", json::array({json::array({c->seq, c->seq})})}, {"outcome", names[int(o)]}}.dump()};
}

}  // namespace

void configure(const Config& c) {
  std::lock_guard lock(g_mutex);
  g_config = c;
}

const Config& config() {
  return g_config;
}

Result<poster::SigningKey> activeSigningKey(Store& store, int64_t nowMs) {
  auto rows = store.signingKeys();
  if (!rows) return rows.error();
  for (auto it = rows->rbegin(); it != rows->rend(); ++it)
    if (it->revokedMs == 0) return keyOf(*it);
  return makeAndStoreKey(store, nowMs);
}

Result<poster::SigningKey> rotateSigningKey(Store& store, int64_t nowMs) {
  return makeAndStoreKey(store, nowMs);
}

Result<poster::KeyRing> keyRing(Store& store) {
  auto rows = store.signingKeys();
  if (!rows) return rows.error();
  poster::KeyRing ring;
  for (const SigningKeyRow& r : rows.value()) {
    auto k = keyOf(r);
    if (!k) return k.error();
    ring.add(poster::PublicKey{k->id, k->publicKey, r.revokedMs != 0});
  }
  return ring;
}

Result<std::string> issuePosters(Store& store, const std::string& venueId, int fromYmd, int untilYmd,
                                 const std::string& issuedBy, int64_t nowMs, const std::string& onlyPoint) {
  auto venue = store.findVenue(venueId);
  if (!venue) return venue.error();
  if (!venue.value()) return makeError(ErrorKind::NotFound, "no such venue");
  auto points = store.scanPoints(venueId);
  if (!points) return points.error();
  if (!onlyPoint.empty())
    std::erase_if(points.value(), [&](const ScanPoint& p) { return p.id != onlyPoint; });
  if (points->empty()) return makeError(ErrorKind::NotFound, "the venue has no scan points");
  auto key = activeSigningKey(store, nowMs);
  if (!key) return key.error();
  std::string base = config().publicUrl;
  while (!base.empty() && base.back() == '/') base.pop_back();
  // Ids made before the id rule (ids.hpp): refused with the fix, not signed half-way.
  for (const ScanPoint& p : points.value())
    if (auto st = checkId("scan point id", p.id); !st)
      return makeError(ErrorKind::Malformed, st.error().message +
                                                 "; a poster cannot carry it. Give it a new id: "
                                                 "diemquet-server admin rename-scan-point --venue " +
                                                 venueId + " --id " + p.id + " --new-id NEW");
  std::vector<PosterRow> rows;
  for (const ScanPoint& p : points.value()) {
    auto url = poster::sign(poster::PosterClaim{venueId, p.id, {fromYmd, untilYmd}}, *key, base);
    if (!url)
      return makeError(ErrorKind::Malformed,
                       "cannot sign a poster for scan point " + p.id + ": " + url.error().message);
    rows.push_back(PosterRow{venueId, p.id, key->id, nowMs, *url, validityField(fromYmd, untilYmd), issuedBy});
  }
  auto pdf = renderSheet(*venue.value(), points.value(), rows, fromYmd, untilYmd);
  if (!pdf) return pdf.error();
  if (auto st = store.recordPosters(rows); !st) return st.error();
  if (auto st = fillShortCodes(store); !st) return st.error();
  return pdf;
}

Result<PrintedPosters> postersToPrint(Store& store, const std::string& venueId, const std::string& issuedBy,
                                      int64_t nowMs) {
  auto latest = renderLatest(store, venueId);
  if (!latest) return latest.error();
  LatestSheet sheet = std::move(latest).value();
  if (!sheet.pdf.empty()) return PrintedPosters{std::move(sheet.pdf), false};
  auto pdf = issuePosters(store, venueId, 0, 0, issuedBy, nowMs);
  if (!pdf) return pdf.error();
  return PrintedPosters{std::move(pdf).value(), true};
}

void addRoutes(Router& router, Store& store, const std::function<int64_t()>& clock,
               const std::function<void(const std::string&)>& log) {
  router.on("GET", "/api/v1/keys",
            [&store, log](const ApiRequest&, const PathParams&) { return keysResponse(store, log); });
  router.on("POST", "/api/v1/self-checkins", [&store, clock, log](const ApiRequest& req, const PathParams&) {
    return selfCheckIn(req, store, clock(), log);
  });
  auto venueOr404 = [](const PathParams& p) -> std::optional<ApiResponse> {
    if (!posterId(p["venue"], 24)) return errorResponse(404, "unknown_venue", "No such venue on this server.");
    return std::nullopt;
  };
  router.on("GET", "/api/v1/venues/{venue}/posters/info",
            [&store, log, venueOr404](const ApiRequest&, const PathParams& p) {
              if (auto bad = venueOr404(p)) return *bad;
              return venueInfo(store, p["venue"], log);
            });
  router.on("POST", "/api/v1/venues/{venue}/posters",
            [&store, clock, log, venueOr404](const ApiRequest& req, const PathParams& p) {
              if (auto bad = venueOr404(p)) return *bad;
              return issue(req, store, p["venue"], clock(), log);
            });
  router.on("GET", "/api/v1/venues/{venue}/posters",
            [&store, log, venueOr404](const ApiRequest& req, const PathParams& p) {
              if (auto bad = venueOr404(p)) return *bad;
              return redownload(req, store, p["venue"], log);
            });
}

}  // namespace diemquet::server::posters
