// Venues and their scan points, as the station and the office know them.
#pragma once
#include <string>

namespace diemquet {

struct Venue {
  std::string id;
  std::string name;
  std::string address;
  std::string category;  // a venue kind of decision 2666/QĐ-BYT, e.g. "market"
  int staffCount = 0;
  int defaultStayMinutes = 120;  // closes visits nobody scanned out of
};

inline bool operator==(const Venue& a, const Venue& b) {
  return a.id == b.id && a.name == b.name && a.address == b.address && a.category == b.category &&
         a.staffCount == b.staffCount && a.defaultStayMinutes == b.defaultStayMinutes;
}

struct ScanPoint {
  std::string id;
  std::string venueId;
  std::string name;  // "Cổng chính"
};

inline bool operator==(const ScanPoint& a, const ScanPoint& b) {
  return a.id == b.id && a.venueId == b.venueId && a.name == b.name;
}

}  // namespace diemquet
