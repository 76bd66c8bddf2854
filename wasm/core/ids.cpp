// The id rule (ids.hpp).
#include "ids.hpp"

#include <algorithm>
#include <string>

namespace diemquet {

bool isValidId(std::string_view id) {
  if (id.empty() || id.size() > kMaxVenueOrPointIdLength) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  });
}

Status checkId(std::string_view what, std::string_view id) {
  if (isValidId(id)) return Done{};
  // The id itself is named: ids are operator-chosen labels, not personal data.
  std::string shown = id.size() > 40 ? std::string(id.substr(0, 40)) + "…" : std::string(id);
  return makeError(ErrorKind::Malformed,
                   std::string(what) + " '" + shown + "' (" + std::to_string(id.size()) +
                       " characters) breaks the id rule: " + kIdRule,
                   std::string(what));
}

}  // namespace diemquet
