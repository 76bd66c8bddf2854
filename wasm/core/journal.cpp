#include "journal.hpp"

#include "check_in_json.hpp"
#include "json_util.hpp"

namespace diemquet {

using nlohmann::json;
using jsonutil::getBool;
using jsonutil::getInt;
using jsonutil::getString;

namespace {

json venueJson(const Venue& v) {
  return json{{"id", v.id}, {"name", v.name}, {"address", v.address}, {"category", v.category},
              {"staff", v.staffCount}, {"stay", v.defaultStayMinutes}};
}

Venue venueFrom(const json& j) {
  Venue v;
  v.id = getString(j, "id", "");
  v.name = getString(j, "name", "");
  v.address = getString(j, "address", "");
  v.category = getString(j, "category", "other");
  v.staffCount = int(getInt(j, "staff", 0));
  v.defaultStayMinutes = int(getInt(j, "stay", 120));
  return v;
}

struct Encoder {
  json operator()(const CheckInRecorded& e) const {
    json j = toJson(e.checkIn);
    j["t"] = "ci";
    return j;
  }
  json operator()(const CheckInVoided& e) const { return json{{"t", "void"}, {"device", e.deviceId}, {"seq", e.seq}}; }
  json operator()(const SyncAcknowledged& e) const {
    json ranges = json::array();
    for (const SeqRange& r : e.ranges) ranges.push_back(json::array({r.first, r.last}));
    json j{{"t", "ack"}, {"device", e.deviceId}, {"ranges", ranges}};
    if (e.atMs) j["at"] = e.atMs;
    return j;
  }
  json operator()(const SyncRejected& e) const {
    json items = json::array();
    for (const RejectedCheckIn& r : e.items) items.push_back(json{{"seq", r.seq}, {"code", r.code}});
    return json{{"t", "rej"}, {"device", e.deviceId}, {"items", items}};
  }
  json operator()(const StationEnrolled& e) const {
    json points = json::array();
    for (const ScanPoint& p : e.scanPoints) points.push_back(json{{"id", p.id}, {"name", p.name}});
    return json{{"t", "enr"},           {"device", e.deviceId}, {"token", e.token}, {"venue", venueJson(e.venue)},
                {"scanPoints", points}, {"adopt", e.adoptedVenueIds}, {"at", e.atMs}};
  }
  json operator()(const DirectionCorrected& e) const {
    json j{{"t", "dirfix"}, {"device", e.deviceId}, {"seq", e.seq}, {"dir", std::string(toString(e.direction))}, {"at", e.atMs}};
    if (e.samePoint) j["same"] = true;  // absent in records written before it existed
    return j;
  }
  json operator()(const RetentionPeriodSet& e) const { return json{{"t", "retp"}, {"days", e.days}, {"at", e.atMs}}; }
  json operator()(const RetentionPurged& e) const {
    return json{{"t", "purge"}, {"device", e.deviceId}, {"cutoff", e.cutoffMs},
                {"next", e.nextSeq}, {"lastSync", e.lastSyncMs}, {"at", e.atMs}};
  }
  json operator()(const SettingsChanged& e) const {
    const StationSettings& s = e.settings;
    return json{{"t", "set"},
                {"device", s.deviceId},
                {"venue", venueJson(s.venue)},
                {"scanPoint", json{{"id", s.scanPoint.id}, {"venue", s.scanPoint.venueId}, {"name", s.scanPoint.name}}},
                {"lang", s.language},
                {"repeatMin", s.repeatWindowMinutes}};
  }
};

}  // namespace

std::string encodeEvent(const JournalEvent& e) { return std::visit(Encoder{}, e).dump(); }

Result<JournalEvent> decodeEvent(std::string_view record) {
  json j = json::parse(record, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return makeError(ErrorKind::Malformed, "journal record is not a JSON object");
  std::string t = getString(j, "t", "");
  if (t == "ci") {
    auto c = checkInFromJson(j);
    if (!c) return c.error();
    return JournalEvent{CheckInRecorded{c.value()}};
  }
  if (t == "void") {
    if (!j.contains("device") || !j["device"].is_string() || !j.contains("seq") || !j["seq"].is_number_integer())
      return makeError(ErrorKind::Malformed, "void record needs device and seq");
    return JournalEvent{CheckInVoided{j["device"].get<std::string>(), j["seq"].get<int64_t>()}};
  }
  if (t == "ack") {
    SyncAcknowledged a;
    a.deviceId = getString(j, "device", "");
    if (!j.contains("ranges") || !j["ranges"].is_array()) return makeError(ErrorKind::Malformed, "ack record needs ranges");
    for (const json& r : j["ranges"]) {
      if (!r.is_array() || r.size() != 2 || !r[0].is_number_integer() || !r[1].is_number_integer())
        return makeError(ErrorKind::Malformed, "ack range must be [first, last]");
      a.ranges.push_back({r[0].get<int64_t>(), r[1].get<int64_t>()});
    }
    a.atMs = getInt(j, "at", 0);
    return JournalEvent{a};
  }
  if (t == "rej") {
    SyncRejected r;
    r.deviceId = getString(j, "device", "");
    if (!j.contains("items") || !j["items"].is_array()) return makeError(ErrorKind::Malformed, "rej record needs items");
    for (const json& i : j["items"]) {
      if (!i.is_object() || !i.contains("seq") || !i["seq"].is_number_integer())
        return makeError(ErrorKind::Malformed, "rej item needs a seq");
      r.items.push_back({i["seq"].get<int64_t>(), getString(i, "code", "")});
    }
    return JournalEvent{r};
  }
  if (t == "enr") {
    StationEnrolled e;
    e.deviceId = getString(j, "device", "");
    e.token = getString(j, "token", "");
    if (j.contains("venue") && j["venue"].is_object()) e.venue = venueFrom(j["venue"]);
    if (e.deviceId.empty() || e.token.empty() || e.venue.id.empty())
      return makeError(ErrorKind::Malformed, "enr record needs device, token and venue");
    if (j.contains("scanPoints") && j["scanPoints"].is_array())
      for (const json& p : j["scanPoints"]) e.scanPoints.push_back(ScanPoint{getString(p, "id"), e.venue.id, getString(p, "name")});
    if (j.contains("adopt") && j["adopt"].is_array())
      for (const json& v : j["adopt"])
        if (v.is_string()) e.adoptedVenueIds.push_back(v.get<std::string>());
    e.atMs = getInt(j, "at", 0);
    return JournalEvent{e};
  }
  if (t == "dirfix") {
    DirectionCorrected d{getString(j, "device", ""), getInt(j, "seq", 0), Direction::Out, getInt(j, "at", 0)};
    auto dir = directionFromString(getString(j, "dir", ""));
    if (d.deviceId.empty() || d.seq <= 0 || !dir) return makeError(ErrorKind::Malformed, "dirfix record needs device, seq and dir");
    d.direction = *dir;
    d.samePoint = getBool(j, "same", false);
    return JournalEvent{d};
  }
  if (t == "retp") {
    int64_t days = getInt(j, "days", 0);
    if (days < 1 || days > 3650) return makeError(ErrorKind::Malformed, "retp record needs days in 1..3650");
    return JournalEvent{RetentionPeriodSet{int(days), getInt(j, "at", 0)}};
  }
  if (t == "purge") {
    RetentionPurged p;
    p.deviceId = getString(j, "device", "");
    p.cutoffMs = getInt(j, "cutoff", 0);
    p.nextSeq = getInt(j, "next", 1);
    p.lastSyncMs = getInt(j, "lastSync", 0);
    p.atMs = getInt(j, "at", 0);
    if (p.cutoffMs <= 0) return makeError(ErrorKind::Malformed, "purge record needs a cutoff");
    return JournalEvent{p};
  }
  if (t == "set") {
    StationSettings s;
    s.deviceId = getString(j, "device", "");
    if (j.contains("venue") && j["venue"].is_object()) s.venue = venueFrom(j["venue"]);
    if (j.contains("scanPoint") && j["scanPoint"].is_object()) {
      const json& p = j["scanPoint"];
      s.scanPoint = ScanPoint{getString(p, "id"), getString(p, "venue"), getString(p, "name")};
    }
    s.language = getString(j, "lang", "vi");
    // Records older than the setting have none: the default.
    s.repeatWindowMinutes = int(getInt(j, "repeatMin", kDefaultRepeatWindowMinutes));
    if (s.repeatWindowMinutes < 0 || s.repeatWindowMinutes > kMaxRepeatWindowMinutes)
      s.repeatWindowMinutes = kDefaultRepeatWindowMinutes;
    return JournalEvent{SettingsChanged{s}};
  }
  return makeError(ErrorKind::Unsupported, "unknown journal record type '" + t.substr(0, 16) + "'");
}

}  // namespace diemquet
