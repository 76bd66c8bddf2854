#include "check_in_json.hpp"

#include "text.hpp"

namespace diemquet {

using nlohmann::json;

json toJson(const CheckIn& c) {
  return json{{"device", c.deviceId},
              {"seq", c.seq},
              {"venue", c.venueId},
              {"scanPoint", c.scanPointId},
              {"kind", toString(c.person.kind)},
              {"personKey", c.person.key},
              {"name", c.person.displayName},
              {"phone", c.person.phone},
              {"birthYear", c.person.birthYear},
              {"dir", toString(c.direction)},
              {"ts", c.at.utcMs},
              {"tz", c.at.offsetMinutes},
              {"voided", c.voided}};
}

namespace {

Error bad(const std::string& field, const std::string& why) {
  return makeError(ErrorKind::Malformed, "field '" + field + "' " + why, field);
}

// Reads a string field; empty allowed only when `optional`.
Result<std::string> str(const json& j, const char* key, size_t maxLen, bool optional = false) {
  auto it = j.find(key);
  if (it == j.end()) {
    if (optional) return std::string();
    return bad(key, "is missing");
  }
  if (!it->is_string()) return bad(key, "must be a string");
  const std::string& s = it->get_ref<const std::string&>();
  if (s.size() > maxLen) return bad(key, "is too long");
  if (!text::isValidUtf8(s) || text::hasControlChars(s)) return bad(key, "is not valid text");
  if (s.empty() && !optional) return bad(key, "must not be empty");
  return s;
}

Result<int64_t> integer(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end()) return bad(key, "is missing");
  if (!it->is_number_integer()) return bad(key, "must be an integer");
  return it->get<int64_t>();
}

}  // namespace

Result<CheckIn> checkInFromJson(const json& j) {
  if (!j.is_object()) return makeError(ErrorKind::Malformed, "a check-in must be a JSON object");
  CheckIn c;
#define DQ_TRY(var, expr)          \
  auto var = (expr);               \
  if (!var) return var.error();
  DQ_TRY(device, str(j, "device", kMaxIdLength));
  DQ_TRY(seq, integer(j, "seq"));
  DQ_TRY(venue, str(j, "venue", kMaxIdLength));
  DQ_TRY(scanPoint, str(j, "scanPoint", kMaxIdLength));
  DQ_TRY(kind, str(j, "kind", 16));
  DQ_TRY(key, str(j, "personKey", kMaxIdLength));
  DQ_TRY(name, str(j, "name", kMaxTextBytes));
  DQ_TRY(phone, str(j, "phone", 20, true));
  DQ_TRY(dir, str(j, "dir", 3));
  DQ_TRY(ts, integer(j, "ts"));
  DQ_TRY(tz, integer(j, "tz"));
#undef DQ_TRY
  if (seq.value() < 1) return bad("seq", "must be at least 1");
  auto k = personKindFromString(kind.value());
  if (!k) return bad("kind", "must be one of cccd, bhyt, pccovid, visitor, manual");
  auto d = directionFromString(dir.value());
  if (!d) return bad("dir", "must be 'in' or 'out'");
  if (tz.value() < -720 || tz.value() > 840) return bad("tz", "must be a UTC offset in minutes (-720..840)");
  if (ts.value() < kEarliestCheckInMs) return bad("ts", "is before 2020-01-01");
  int64_t birthYear = 0;
  if (auto it = j.find("birthYear"); it != j.end()) {
    if (!it->is_number_integer()) return bad("birthYear", "must be an integer");
    birthYear = it->get<int64_t>();
    if (birthYear != 0 && (birthYear < 1890 || birthYear > 2100)) return bad("birthYear", "is out of range");
  }
  bool voided = false;
  if (auto it = j.find("voided"); it != j.end()) {
    if (!it->is_boolean()) return bad("voided", "must be true or false");
    voided = it->get<bool>();
  }
  c.deviceId = device.value();
  c.seq = seq.value();
  c.venueId = venue.value();
  c.scanPointId = scanPoint.value();
  c.person.kind = *k;
  c.person.key = key.value();
  c.person.displayName = name.value();
  c.person.phone = phone.value();
  c.person.birthYear = int(birthYear);
  c.direction = *d;
  c.at = Instant{ts.value(), int(tz.value())};
  c.voided = voided;
  return c;
}

}  // namespace diemquet
