// An officer outside the caller's reach is answered exactly like one that does not exist.
#include "officers_api.hpp"

#include <algorithm>

#include "passwords.hpp"
#include "text.hpp"

namespace diemquet::server::office {

namespace {

using nlohmann::json;

ApiResponse err(int status, ErrorCode code, const std::string& message) {
  return errorResponse(status, code, message);
}
ApiResponse storage(const Error&) {
  return err(503, "storage_unavailable", "The database is unavailable. Retry later.");
}
ApiResponse noSuchOfficer() {
  return err(404, "not_found", "No such officer in your area.");
}

bool validUsername(const std::string& u) {
  return u.size() >= 3 && u.size() <= 64 && std::all_of(u.begin(), u.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
         });
}

// Strictly inside: the caller's own area is not theirs to staff.
bool manages(const Officer& me, const std::string& area) {
  return area != me.area && areaContains(me.area, area);
}

json areaJson(const std::string& code) {
  const Area* a = findArea(code);
  return {{"code", code}, {"label", a ? std::string(a->label) : code}};
}

ApiResponse list(Store& store, const Officer& me) {
  auto r = store.officers();
  if (!r) return storage(r.error());
  json out = json::array();
  for (const OfficerRow& o : r.value()) {
    if (!manages(me, o.area)) continue;
    out.push_back({{"username", o.username},
                   {"level", o.level},
                   {"area", areaJson(o.area)},
                   {"created", formatDateTime(o.createdMs)},
                   {"disabled", o.disabled}});
  }
  return ApiResponse{200, json{{"officers", out}}.dump()};
}

ApiResponse create(const ApiRequest& req, Store& store, const Officer& me, int64_t now) {
  json b = json::parse(req.body, nullptr, false);
  if (!text::isValidUtf8(req.body) || b.is_discarded() || !b.is_object())
    return err(400, "bad_json", "Send a JSON object.");
  const std::string user = b.value("username", ""), levelText = b.value("level", ""), area = b.value("area", "");
  if (!validUsername(user)) return err(400, "bad_username", "'username' must be 3 to 64 of a-z, 0-9, '.', '_' or '-'.");
  const Area* a = findArea(area);
  if (!a || a->retired) return err(400, "unknown_area", "'area' is not a current area code.");
  // The level is the area's (the office's picker sends none); a level sent must agree with it.
  AreaLevel level = a->level;
  if (!levelText.empty() && !areaLevelFromString(levelText, level))
    return err(400, "bad_level", "'level' must be ward, district or province.");
  if (!manages(me, area)) return err(403, "outside_area", "You can create officers only for areas inside yours.");
  if (a->level != level) return err(400, "level_mismatch", "That area is not at the level given.");
  const std::string levelName = toString(level);
  const std::string password = generatePassword(), hash = hashPassword(password);
  if (hash.empty()) return err(500, "internal", "Could not hash the password.");
  auto r = store.addOfficer(
      OfficerRow{user, levelName, area, hash, now, false},
      AuditEntry{0, now, me.username, "create_officer", "officer:" + user, "", levelName + " " + area});
  if (!r && r.error().kind == ErrorKind::Conflict) return err(409, "username_taken", "That username is taken.");
  if (!r) return storage(r.error());
  return ApiResponse{
      201, json{{"username", user}, {"level", levelName}, {"area", areaJson(area)}, {"password", password}}.dump()};
}

// disable / enable / reset-password of an officer the caller manages.
ApiResponse change(const std::string& user, const std::string& what, Store& store, const Officer& me, int64_t now) {
  auto r = store.officer(user);
  if (!r) return storage(r.error());
  if (!r.value() || !manages(me, r.value()->area)) return noSuchOfficer();
  json out{{"username", user}};
  OfficerChange change = OfficerChange::ResetPassword;
  std::string hash;
  if (what == "disable") {
    change = OfficerChange::Disable;
    out["disabled"] = true;
  } else if (what == "enable") {
    // A disabled officer back at work logs in with the password they had.
    change = OfficerChange::Enable;
    out["disabled"] = false;
  } else {
    const std::string password = generatePassword();
    hash = hashPassword(password);
    if (hash.empty()) return err(500, "internal", "Could not hash the password.");
    out["password"] = password;
  }
  // Either way the officer's open sessions end now (Store::changeOfficer).
  const AuditEntry audit{
      0, now, me.username, what == "reset-password" ? "reset_password" : what + "_officer", "officer:" + user, "", ""};
  if (auto w = store.changeOfficer(user, change, hash, audit); !w) return storage(w.error());
  return ApiResponse{200, out.dump()};
}

}  // namespace

ApiResponse listOfficers(Store& store, const Officer& me) {
  return list(store, me);
}
ApiResponse createOfficer(const ApiRequest& req, Store& store, const Officer& me, int64_t nowMs) {
  return create(req, store, me, nowMs);
}
ApiResponse changeOfficer(const std::string& username, const std::string& action, Store& store, const Officer& me,
                          int64_t nowMs) {
  return change(username, action, store, me, nowMs);
}

}  // namespace diemquet::server::office
