// Administrative areas (province > district > commune) that officers and venues belong to.
// The areas are data: imported into the database (`admin import-areas`, server/areas/) and
// read into memory at start; these functions answer from that in-memory copy. Levels are
// data too: a commune's parent is its district (three levels, the 2021 structure) or its
// province (two levels, since 1 July 2025).
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace diemquet::server {

// Ward stands for every commune-level unit (phường, xã, thị trấn, đặc khu).
enum class AreaLevel { Province, District, Ward };

// The text lives as long as the process (see areas::install), so a pointer or view taken
// from it never dangles, even across a re-import.
struct Area {
  std::string_view code;  // unique across levels and across imports ("79", "760", "26743")
  std::string_view name;  // "Phường Bến Nghé"
  AreaLevel level;
  std::string_view parent;     // the district or province of a commune, the province of a district; "" for a province
  std::string_view shortName;  // "TP. Hồ Chí Minh" for a province, else the name
  std::string_view kind;       // "phuong", "xa", "dac-khu", "thi-tran", "quan", "huyen", "tinh", "thanh-pho"...
  std::string_view label;      // "Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh"
  bool retired = false;        // replaced by a reorganisation; kept for the venues placed in it
};

// The current (not retired) areas, each province followed by what lies inside it.
const std::vector<Area>& allAreas();
// nullptr when the code was never imported; retired areas are found (history).
const Area* findArea(std::string_view code);
// "province", "district", "ward" and back; false for anything else.
const char* toString(AreaLevel level);
bool areaLevelFromString(std::string_view s, AreaLevel& out);
// True when `code` is `area` itself or lies inside it; a retired area lies where its
// successors lie.
bool areaContains(std::string_view area, std::string_view code);
// The commune's district ("" in the two-level structure) and province codes; false for an
// unknown or retired code or one that is not a commune.
struct WardPath {
  std::string province, district, ward;
};
bool wardPath(std::string_view wardCode, WardPath& out);

}  // namespace diemquet::server
