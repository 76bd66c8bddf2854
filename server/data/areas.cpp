// The area table: Hà Nội (Ba Đình, Hoàn Kiếm) and TP. Hồ Chí Minh (Quận 1), with the codes of
// the national administrative-unit code list (three-level structure, before the 2025 merger).
#include "areas.hpp"

namespace diemquet::server {

const std::vector<Area>& allAreas() {
  using L = AreaLevel;
  static const std::vector<Area> kAreas = {
      {"01", "Thành phố Hà Nội", L::Province, ""},
      {"001", "Quận Ba Đình", L::District, "01"},
      {"00001", "Phường Phúc Xá", L::Ward, "001"},
      {"00004", "Phường Trúc Bạch", L::Ward, "001"},
      {"00006", "Phường Vĩnh Phúc", L::Ward, "001"},
      {"00007", "Phường Cống Vị", L::Ward, "001"},
      {"00008", "Phường Liễu Giai", L::Ward, "001"},
      {"00013", "Phường Quán Thánh", L::Ward, "001"},
      {"00016", "Phường Ngọc Hà", L::Ward, "001"},
      {"00019", "Phường Điện Biên", L::Ward, "001"},
      {"00022", "Phường Đội Cấn", L::Ward, "001"},
      {"00025", "Phường Ngọc Khánh", L::Ward, "001"},
      {"00028", "Phường Kim Mã", L::Ward, "001"},
      {"00031", "Phường Giảng Võ", L::Ward, "001"},
      {"00034", "Phường Thành Công", L::Ward, "001"},
      {"002", "Quận Hoàn Kiếm", L::District, "01"},
      {"00037", "Phường Phúc Tân", L::Ward, "002"},
      {"00040", "Phường Đồng Xuân", L::Ward, "002"},
      {"00043", "Phường Hàng Mã", L::Ward, "002"},
      {"00046", "Phường Hàng Buồm", L::Ward, "002"},
      {"00049", "Phường Hàng Đào", L::Ward, "002"},
      {"00052", "Phường Hàng Bồ", L::Ward, "002"},
      {"00055", "Phường Cửa Đông", L::Ward, "002"},
      {"00058", "Phường Lý Thái Tổ", L::Ward, "002"},
      {"00061", "Phường Hàng Bạc", L::Ward, "002"},
      {"00064", "Phường Hàng Gai", L::Ward, "002"},
      {"00070", "Phường Hàng Trống", L::Ward, "002"},
      {"00079", "Phường Tràng Tiền", L::Ward, "002"},
      {"79", "Thành phố Hồ Chí Minh", L::Province, ""},
      {"760", "Quận 1", L::District, "79"},
      {"26734", "Phường Tân Định", L::Ward, "760"},
      {"26737", "Phường Đa Kao", L::Ward, "760"},
      {"26740", "Phường Bến Nghé", L::Ward, "760"},
      {"26743", "Phường Bến Thành", L::Ward, "760"},
      {"26746", "Phường Nguyễn Thái Bình", L::Ward, "760"},
      {"26749", "Phường Phạm Ngũ Lão", L::Ward, "760"},
      {"26752", "Phường Cầu Ông Lãnh", L::Ward, "760"},
      {"26755", "Phường Cô Giang", L::Ward, "760"},
      {"26758", "Phường Nguyễn Cư Trinh", L::Ward, "760"},
      {"26761", "Phường Cầu Kho", L::Ward, "760"},
  };
  return kAreas;
}

const Area* findArea(std::string_view code) {
  for (const Area& a : allAreas())
    if (a.code == code) return &a;
  return nullptr;
}

const char* toString(AreaLevel level) {
  switch (level) {
    case AreaLevel::Province: return "province";
    case AreaLevel::District: return "district";
    default: return "ward";
  }
}

bool areaLevelFromString(std::string_view s, AreaLevel& out) {
  if (s == "province") out = AreaLevel::Province;
  else if (s == "district") out = AreaLevel::District;
  else if (s == "ward") out = AreaLevel::Ward;
  else return false;
  return true;
}

bool areaContains(std::string_view area, std::string_view code) {
  for (const Area* a = findArea(code); a; a = a->parent.empty() ? nullptr : findArea(a->parent))
    if (a->code == area) return true;
  return false;
}

bool wardPath(std::string_view wardCode, WardPath& out) {
  const Area* w = findArea(wardCode);
  if (!w || w->level != AreaLevel::Ward) return false;
  const Area* d = findArea(w->parent);
  const Area* p = d ? findArea(d->parent) : nullptr;
  if (!d || !p) return false;
  out = WardPath{std::string(p->code), std::string(d->code), std::string(w->code)};
  return true;
}

}  // namespace diemquet::server
