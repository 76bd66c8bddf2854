#include "check_in_json.hpp"

#include "payload/fields.hpp"
#include "payload/normalize.hpp"
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

using Lookup = FieldRef (*)(const void* object, const char* key);

// Reads a string field; empty allowed only when `optional`.
Result<std::string> str(Lookup get, const void* o, const char* key, size_t maxLen, bool optional = false) {
  FieldRef f = get(o, key);
  if (f.type == FieldType::Missing) {
    if (optional) return std::string();
    return bad(key, "is missing");
  }
  if (f.type != FieldType::String) return bad(key, "must be a string");
  const std::string& s = *f.s;
  if (s.size() > maxLen) return bad(key, "is too long");
  if (!text::isValidUtf8(s) || text::hasControlChars(s)) return bad(key, "is not valid text");
  if (s.empty() && !optional) return bad(key, "must not be empty");
  return s;
}

Result<int64_t> integer(Lookup get, const void* o, const char* key) {
  FieldRef f = get(o, key);
  if (f.type == FieldType::Missing) return bad(key, "is missing");
  if (f.type != FieldType::Integer) return bad(key, "must be an integer");
  return f.i;
}

// The one set of rules, whatever the check-in was parsed into.
Result<CheckIn> checkInFrom(Lookup get, const void* o) {
  CheckIn c;
#define DQ_TRY(var, expr)          \
  auto var = (expr);               \
  if (!var) return var.error();
  DQ_TRY(device, str(get, o, "device", kMaxIdLength));
  DQ_TRY(seq, integer(get, o, "seq"));
  DQ_TRY(venue, str(get, o, "venue", kMaxIdLength));
  DQ_TRY(scanPoint, str(get, o, "scanPoint", kMaxIdLength));
  DQ_TRY(kind, str(get, o, "kind", 16));
  DQ_TRY(key, str(get, o, "personKey", kMaxIdLength));
  DQ_TRY(name, str(get, o, "name", kMaxTextBytes));
  DQ_TRY(phone, str(get, o, "phone", 20, true));
  DQ_TRY(dir, str(get, o, "dir", 3));
  DQ_TRY(ts, integer(get, o, "ts"));
  DQ_TRY(tz, integer(get, o, "tz"));
#undef DQ_TRY
  if (seq.value() < 1) return bad("seq", "must be at least 1");
  // The bound every card format and the manual form keep (payload/fields.hpp).
  if (text::codePointCount(name.value()) > payload::kMaxCardNameCodePoints) return bad("name", "is too long");
  auto k = personKindFromString(kind.value());
  if (!k) return bad("kind", "must be one of cccd, bhyt, pccovid, visitor, manual");
  auto d = directionFromString(dir.value());
  if (!d) return bad("dir", "must be 'in' or 'out'");
  if (tz.value() < -720 || tz.value() > 840) return bad("tz", "must be a UTC offset in minutes (-720..840)");
  if (ts.value() < kEarliestCheckInMs) return bad("ts", "is before 2020-01-01");
  int64_t birthYear = 0;
  if (FieldRef f = get(o, "birthYear"); f.type != FieldType::Missing) {
    if (f.type != FieldType::Integer) return bad("birthYear", "must be an integer");
    birthYear = f.i;
    if (birthYear != 0 && (birthYear < 1890 || birthYear > 2100)) return bad("birthYear", "is out of range");
  }
  bool voided = false;
  if (FieldRef f = get(o, "voided"); f.type != FieldType::Missing) {
    if (f.type != FieldType::Boolean) return bad("voided", "must be true or false");
    voided = f.b;
  }
  c.deviceId = std::move(device).value();
  c.seq = seq.value();
  c.venueId = std::move(venue).value();
  c.scanPointId = std::move(scanPoint).value();
  c.person.kind = *k;
  c.person.key = std::move(key).value();
  // NFC whoever sent it (a station, the visitor page, an older client): one spelling of a
  // name in the store, so reports and tracing find "Trần Văn Đức" however it was typed.
  c.person.displayName = payload::toNfc(name.value());
  c.person.phone = std::move(phone).value();
  c.person.birthYear = int(birthYear);
  c.direction = *d;
  c.at = Instant{ts.value(), int(tz.value())};
  c.voided = voided;
  return c;
}

FieldRef jsonField(const void* object, const char* key) {
  const json& j = *static_cast<const json*>(object);
  auto it = j.find(key);
  if (it == j.end()) return {};
  FieldRef f;
  if (it->is_string()) {
    f.type = FieldType::String;
    f.s = &it->get_ref<const std::string&>();
  } else if (it->is_number_integer()) {
    f.type = FieldType::Integer;
    f.i = it->get<int64_t>();
  } else if (it->is_boolean()) {
    f.type = FieldType::Boolean;
    f.b = it->get<bool>();
  } else {
    f.type = FieldType::Other;
  }
  return f;
}

FieldRef flatField(const void* object, const char* key) {
  return static_cast<const CheckInFields*>(object)->find(key);
}

}  // namespace

Result<CheckIn> checkInFromJson(const json& j) {
  if (!j.is_object()) return makeError(ErrorKind::Malformed, "a check-in must be a JSON object");
  return checkInFrom(jsonField, &j);
}

void CheckInFields::add(std::string key, FieldRef value, std::string text) {
  m_fields.push_back(Field{std::move(key), value, std::move(text)});
}

FieldRef CheckInFields::find(std::string_view key) const {
  for (auto it = m_fields.rbegin(); it != m_fields.rend(); ++it) {  // the last of a repeated key wins, as in a JSON tree
    if (it->key == key) {
      FieldRef f = it->value;
      if (f.type == FieldType::String) f.s = &it->text;
      return f;
    }
  }
  return {};
}

Result<CheckIn> checkInFromFields(const CheckInFields& fields) { return checkInFrom(flatField, &fields); }

}  // namespace diemquet
