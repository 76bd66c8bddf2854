#include "venue_kinds.hpp"

#include <algorithm>

namespace diemquet::server::office {

const std::vector<VenueKind>& venueKinds() {
  static const std::vector<VenueKind> kinds = {
      {"restaurant", "Nhà hàng, quán ăn", "Restaurant"},
      {"market", "Chợ", "Market"},
      {"essential_shop", "Cửa hàng thiết yếu, tạp hóa", "Essential shop"},
      {"shopping_centre", "Trung tâm thương mại, siêu thị", "Shopping centre"},
      {"office", "Văn phòng, cơ quan", "Office"},
      {"factory", "Nhà máy, xí nghiệp", "Factory"},
      {"hotel", "Khách sạn, nhà nghỉ", "Hotel"},
      {"bar", "Quán bar, vũ trường", "Bar, nightclub"},
      {"karaoke", "Karaoke", "Karaoke"},
      {"massage", "Massage, spa", "Massage, spa"},
      {"gym", "Phòng tập thể thao", "Gym"},
      {"meeting", "Hội nghị, sự kiện", "Meetings, events"},
      {"hospital", "Bệnh viện, phòng khám", "Hospital, clinic"},
      {"apartment", "Chung cư", "Apartment building"},
      {"school", "Trường học", "School"},
      {"bus_station", "Bến xe", "Bus station"},
      {"public_transport", "Phương tiện công cộng", "Public transport"},
      {"funeral", "Tang lễ", "Funeral"},
      {"wedding", "Tiệc cưới", "Wedding"},
      {"tourist_site", "Điểm du lịch", "Tourist site"},
      {"religious_site", "Cơ sở tôn giáo", "Religious site"},
      {"other", "Khác", "Other"},
  };
  return kinds;
}

std::string venueKindName(const std::string& id, ExportLang lang) {
  const auto& kinds = venueKinds();
  auto it = std::find_if(kinds.begin(), kinds.end(), [&](const VenueKind& k) { return id == k.id; });
  if (it == kinds.end()) return id;
  return lang == ExportLang::En ? it->en : it->vi;
}

}  // namespace diemquet::server::office
