#include "poster_trust.hpp"

#include "json_util.hpp"

namespace diemquet::visitor {

using nlohmann::json;
using jsonutil::getInt;
using jsonutil::getString;

namespace {
constexpr std::string_view kPrefix = "{\"t\":\"dqv.";
}

PosterCheck checkPoster(std::string_view url, const poster::KeyRing& ring, int todayYmd) {
  PosterCheck out;
  auto ref = poster::parsePosterUrl(url);
  if (!ref) return out;  // Malformed
  out.ref = ref.value();
  if (ring.keys().empty()) {
    out.verdict = PosterVerdict::NoKeyRing;
    return out;
  }
  Status st = poster::verify(out.ref, ring, todayYmd);
  if (st) {
    out.verdict = PosterVerdict::Genuine;
    return out;
  }
  switch (st.error().kind) {
    case ErrorKind::UnknownKey: out.verdict = PosterVerdict::UnknownKey; break;
    case ErrorKind::BadSignature: out.verdict = PosterVerdict::Forged; break;
    case ErrorKind::RevokedKey: out.verdict = PosterVerdict::Revoked; break;
    case ErrorKind::NotYetValid: out.verdict = PosterVerdict::NotYetValid; break;
    case ErrorKind::Expired: out.verdict = PosterVerdict::Expired; break;
    default: out.verdict = PosterVerdict::Malformed; break;
  }
  return out;
}

std::string VenueNames::pointName(const std::string& pointId) const {
  for (const ScanPoint& p : points)
    if (p.id == pointId) return p.name;
  return pointId;
}

bool PosterTrust::isOwnRecord(std::string_view record) { return record.substr(0, kPrefix.size()) == kPrefix; }

bool PosterTrust::replay(std::string_view record) {
  if (!isOwnRecord(record)) return false;
  json j = json::parse(record, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !apply(getString(j, "t").substr(4), j.value("v", json())))
    ++m_damaged;
  return true;
}

// {"t":"dqv.<type>","v":<value>}, "t" first so isOwnRecord is a prefix test.
void PosterTrust::write(const std::string& type, const json& value, std::function<void(bool)> done) {
  std::string record = std::string(kPrefix) + type + "\",\"v\":" + value.dump() + "}";
  if (!m_append) {
    if (done) done(false);
    return;
  }
  m_append(record, [this, type, value, done](bool ok) {
    if (ok) apply(type, value);
    if (done) done(ok);
  });
}

bool PosterTrust::apply(const std::string& type, const json& v) {
  if (!v.is_object()) return false;
  ++m_version;
  if (type == "keys") {
    if (!v.contains("ring") || !v["ring"].is_array()) return false;
    poster::KeyRing ring;
    for (const json& line : v["ring"])
      if (line.is_string())
        if (auto k = poster::parsePublicKey(line.get<std::string>())) ring.add(k.value());
    if (ring.keys().empty()) return false;
    m_ring = ring;
    m_ringFetchedMs = getInt(v, "at", 0);
    return true;
  }
  if (type == "venue") {
    VenueNames n;
    const json& ven = v.value("venue", json::object());
    n.venue.id = getString(ven, "id");
    n.venue.name = getString(ven, "name");
    n.venue.address = getString(ven, "address");
    if (n.venue.id.empty()) return false;
    if (v.contains("scanPoints") && v["scanPoints"].is_array())
      for (const json& p : v["scanPoints"]) n.points.push_back(ScanPoint{getString(p, "id"), n.venue.id, getString(p, "name")});
    m_venues[n.venue.id] = n;
    return true;
  }
  if (type == "profile") {
    m_profile = profileFromJson(v);
    return true;
  }
  if (type == "self") {
    SelfCheckInNote n{getInt(v, "seq", 0), getString(v, "poster"), declarationFromJson(v.value("declaration", json())),
                      getString(v, "key")};
    if (n.seq <= 0) return false;
    m_notes[n.seq] = n;
    return true;
  }
  if (type == "up") {
    int64_t seq = getInt(v, "seq", 0);
    if (seq <= 0) return false;
    m_uploaded.insert(seq);
    return true;
  }
  return false;
}

Status PosterTrust::storeKeyRingJson(const std::string& body, int64_t nowMs, std::function<void(bool)> done) {
  json j = json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("ring") || !j["ring"].is_array())
    return makeError(ErrorKind::Malformed, "key ring answer has no 'ring' array");
  json lines = json::array();
  for (const json& line : j["ring"])
    if (line.is_string() && poster::parsePublicKey(line.get<std::string>())) lines.push_back(line);
  if (lines.empty()) return makeError(ErrorKind::Malformed, "key ring answer has no valid key");
  write("keys", json{{"ring", lines}, {"at", nowMs}}, std::move(done));
  return Done{};
}

Status PosterTrust::storeVenueJson(const std::string& body, std::function<void(bool)> done) {
  json j = json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("venue") || !j["venue"].is_object())
    return makeError(ErrorKind::Malformed, "venue answer has no 'venue' object");
  json points = json::array();
  if (j.contains("scanPoints") && j["scanPoints"].is_array())
    for (const json& p : j["scanPoints"])
      points.push_back(json{{"id", getString(p, "id")}, {"name", getString(p, "name")}});
  const json& v = j["venue"];
  json value{{"venue", {{"id", getString(v, "id")}, {"name", getString(v, "name")}, {"address", getString(v, "address")}}},
             {"scanPoints", points}};
  if (getString(v, "id").empty()) return makeError(ErrorKind::Malformed, "venue answer has no id");
  // Unchanged names are not written again.
  if (const VenueNames* have = venue(getString(v, "id"))) {
    bool same = have->venue.name == getString(v, "name") && have->points.size() == points.size();
    for (size_t i = 0; same && i < points.size(); ++i)
      same = have->points[i].id == points[i]["id"] && have->points[i].name == points[i]["name"];
    if (same) {
      if (done) done(true);
      return Done{};
    }
  }
  write("venue", value, std::move(done));
  return Done{};
}

void PosterTrust::storeProfile(const VisitorProfile& valid, std::function<void(bool)> done) {
  write("profile", toJson(valid), std::move(done));
}

void PosterTrust::noteSelfCheckIn(const SelfCheckInNote& note, std::function<void(bool)> done) {
  write("self", json{{"seq", note.seq}, {"poster", note.posterUrl}, {"declaration", toJson(note.declaration)}, {"key", note.idempotencyKey}},
        std::move(done));
}

void PosterTrust::markUploaded(int64_t seq, std::function<void(bool)> done) {
  write("up", json{{"seq", seq}}, std::move(done));
}

const VenueNames* PosterTrust::venue(const std::string& venueId) const {
  auto it = m_venues.find(venueId);
  return it == m_venues.end() ? nullptr : &it->second;
}

}  // namespace diemquet::visitor
