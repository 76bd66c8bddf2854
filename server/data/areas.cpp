// The area look-ups over the in-memory copy of the areas table (server/areas/registry.hpp).
#include "areas.hpp"

#include "../areas/registry.hpp"

namespace diemquet::server {

const std::vector<Area>& allAreas() {
  return areas::current().ordered;
}

const Area* findArea(std::string_view code) {
  return areas::current().find(code);
}

const char* toString(AreaLevel level) {
  switch (level) {
    case AreaLevel::Province:
      return "province";
    case AreaLevel::District:
      return "district";
    default:
      return "ward";
  }
}

bool areaLevelFromString(std::string_view s, AreaLevel& out) {
  if (s == "province")
    out = AreaLevel::Province;
  else if (s == "district")
    out = AreaLevel::District;
  else if (s == "ward")
    out = AreaLevel::Ward;
  else
    return false;
  return true;
}

bool areaContains(std::string_view area, std::string_view code) {
  return areas::current().contains(area, code);
}

bool wardPath(std::string_view wardCode, WardPath& out) {
  const areas::Snapshot& s = areas::current();
  const Area* w = s.find(wardCode);
  if (!w || w->retired || w->level != AreaLevel::Ward) return false;
  const Area* up = s.find(w->parent);
  if (!up) return false;
  if (up->level == AreaLevel::Province) {
    out = WardPath{std::string(up->code), "", std::string(w->code)};
    return true;
  }
  const Area* p = s.find(up->parent);
  if (!p) return false;
  out = WardPath{std::string(p->code), std::string(up->code), std::string(w->code)};
  return true;
}

}  // namespace diemquet::server
