// The venue kinds of decision 2666/QĐ-BYT: the API's ids ("restaurant") and the words an office
// reads and writes for them, in Vietnamese (as on /dang-ky and in the import template) and
// English. One table for the checks, the import's matching and the exports.
#pragma once
#include <string>
#include <vector>

#include "office_db.hpp"

namespace diemquet::server::office {

struct VenueKind {
  const char* id;  // "restaurant"
  const char* vi;  // "Nhà hàng, quán ăn"
  const char* en;  // "Restaurant"
};

const std::vector<VenueKind>& venueKinds();
// The kind's name in `lang`; an id that is no kind (older data) as it is.
std::string venueKindName(const std::string& id, ExportLang lang);

}  // namespace diemquet::server::office
