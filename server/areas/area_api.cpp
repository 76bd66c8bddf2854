// Answers from the in-memory snapshot (registry.hpp): a search over the whole country is a
// scan of about 3,400 (2025) or 11,400 (2021) pre-folded names, well under a millisecond.
#include "area_api.hpp"

#include <nlohmann/json.hpp>

#include "registry.hpp"
#include "text.hpp"

namespace diemquet::server::areas {

namespace {

using nlohmann::json;

// Percent-decoded value of `key` in a query string ("" when absent); '+' is a space.
std::string param(const std::string& query, const std::string& key) {
  size_t pos = 0;
  while (pos <= query.size()) {
    size_t amp = query.find('&', pos);
    if (amp == std::string::npos) amp = query.size();
    const std::string pair = query.substr(pos, amp - pos);
    const size_t eq = pair.find('=');
    if (pair.substr(0, eq) == key) {
      std::string raw = eq == std::string::npos ? "" : pair.substr(eq + 1), out;
      for (size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '+')
          out += ' ';
        else if (raw[i] == '%' && i + 2 < raw.size() && std::isxdigit(static_cast<unsigned char>(raw[i + 1])) &&
                 std::isxdigit(static_cast<unsigned char>(raw[i + 2]))) {
          out += char(std::stoi(raw.substr(i + 1, 2), nullptr, 16));
          i += 2;
        } else
          out += raw[i];
      }
      return out;
    }
    pos = amp + 1;
  }
  return {};
}

json areaJson(const Area& a) {
  return {{"code", a.code}, {"name", a.name},     {"label", a.label},    {"level", toString(a.level)},
          {"kind", a.kind}, {"parent", a.parent}, {"retired", a.retired}};
}

ApiResponse ok(const json& j) {
  ApiResponse r{200, j.dump()};
  r.cacheControl = "no-cache";
  return r;
}

// One area by code, with its path (and the area that replaced it, after a reorganisation).
ApiResponse oneArea(Store& store, int64_t nowMs, const std::string& code) {
  refreshIfChanged(store, nowMs);
  const Snapshot& s = current();
  const Area* a = s.find(code);
  if (!a) return errorResponse(404, "unknown_area", "No area has that code.");
  json j = areaJson(*a);
  if (const Area* now = s.currentOf(a->code); now && now != a) j["current"] = areaJson(*now);
  return ok(j);
}

ApiResponse search(const ApiRequest& req, Store& store, int64_t nowMs) {
  refreshIfChanged(store, nowMs);
  const Snapshot& s = current();
  const std::string q = param(req.query, "q"), levelText = param(req.query, "level"),
                    within = param(req.query, "within"), limitText = param(req.query, "limit");
  if (q.size() > 200 || !text::isValidUtf8(q))
    return errorResponse(400, "bad_query", "'q' must be text of at most 200 bytes.");
  std::optional<AreaLevel> level;
  if (!levelText.empty()) {
    AreaLevel l;
    if (!areaLevelFromString(levelText, l))
      return errorResponse(400, "bad_level", "'level' must be province, district or ward.");
    level = l;
  }
  if (!within.empty() && !s.find(within))
    return errorResponse(400, "unknown_area", "'within' is not a known area code.");
  int limit = 20;
  if (!limitText.empty()) {
    limit = std::atoi(limitText.c_str());
    if (limit < 1 || limit > 50) return errorResponse(400, "bad_limit", "'limit' must be 1 to 50.");
  }
  json out = json::array();
  for (const auto& h : s.search(q, size_t(limit), within, level)) out.push_back(areaJson(*h.area));
  return ok({{"areas", out}, {"total", s.ordered.size()}});
}

}  // namespace

void addRoutes(Router& router, Store& store, const std::function<int64_t()>& clock) {
  router.on("GET", "/api/v1/areas",
            [&store, clock](const ApiRequest& req, const PathParams&) { return search(req, store, clock()); });
  router.on("GET", "/api/v1/areas/{code}",
            [&store, clock](const ApiRequest&, const PathParams& p) { return oneArea(store, clock(), p["code"]); });
}

}  // namespace diemquet::server::areas
