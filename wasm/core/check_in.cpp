#include "check_in.hpp"

namespace diemquet {

std::string_view toString(PersonKind k) {
  switch (k) {
    case PersonKind::Cccd: return "cccd";
    case PersonKind::Bhyt: return "bhyt";
    case PersonKind::PcCovid: return "pccovid";
    case PersonKind::Visitor: return "visitor";
    case PersonKind::Manual: return "manual";
  }
  return "manual";
}

std::string_view toString(Direction d) { return d == Direction::In ? "in" : "out"; }

std::optional<PersonKind> personKindFromString(std::string_view s) {
  for (PersonKind k : {PersonKind::Cccd, PersonKind::Bhyt, PersonKind::PcCovid, PersonKind::Visitor,
                       PersonKind::Manual})
    if (toString(k) == s) return k;
  return std::nullopt;
}

std::optional<Direction> directionFromString(std::string_view s) {
  if (s == "in") return Direction::In;
  if (s == "out") return Direction::Out;
  return std::nullopt;
}

}  // namespace diemquet
