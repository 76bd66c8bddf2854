// Administrative areas (province > district > ward) that officers and venues belong to. The
// table is a small real subset of the national administrative-unit code list; see areas.md.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace diemquet::server {

enum class AreaLevel { Province, District, Ward };

struct Area {
  std::string_view code;    // province 2 digits, district 3, ward 5: unique across levels
  std::string_view name;    // "Phường Bến Nghé"
  AreaLevel level;
  std::string_view parent;  // the district of a ward, the province of a district; "" for a province
};

const std::vector<Area>& allAreas();
// nullptr when the code is not in the table.
const Area* findArea(std::string_view code);
// "province", "district", "ward" and back; false for anything else.
const char* toString(AreaLevel level);
bool areaLevelFromString(std::string_view s, AreaLevel& out);
// True when `code` is `area` itself or lies inside it.
bool areaContains(std::string_view area, std::string_view code);
// The ward's district and province codes ("" when unknown).
struct WardPath {
  std::string province, district, ward;
};
bool wardPath(std::string_view wardCode, WardPath& out);

}  // namespace diemquet::server
