#include "visitor_profile.hpp"

#include "json_util.hpp"
#include "text.hpp"

namespace diemquet::visitor {

using nlohmann::json;

Result<VisitorProfile> validateProfile(const VisitorProfile& typed, FieldErrors* all) {
  FieldErrors local;
  FieldErrors& errs = all ? *all : local;
  errs.errors.clear();
  // Name, CCCD and phone follow the station's manual-form rules exactly.
  ManualEntry entry{typed.name, typed.cccd, typed.phone, "", Direction::In};
  FieldErrors manual;
  auto m = validateManualEntry(entry, Instant{}, &manual);
  for (const Error& e : manual.errors)
    if (e.kind != ErrorKind::MissingIdentity) errs.errors.push_back(e);  // the phone is required instead
  if (text::squeezeSpaces(typed.phone).empty() && !errs.forField("phone"))
    errs.errors.push_back(Error{ErrorKind::InvalidPhone, "a phone number is required for self check-in", "phone"});
  VisitorProfile out;
  std::string place = text::squeezeSpaces(typed.declaration.travelPlace);
  if (typed.declaration.travel) {
    if (place.empty())
      errs.errors.push_back(Error{ErrorKind::InvalidText, "say where the travel was from", "travelPlace"});
    else if (!text::isValidUtf8(place) || text::hasControlChars(place) || place.find('|') != std::string::npos)
      errs.errors.push_back(Error{ErrorKind::InvalidText, "travel place contains characters that are not allowed", "travelPlace"});
    else if (text::codePointCount(place) > kMaxTravelPlaceCodePoints)
      errs.errors.push_back(Error{ErrorKind::NameTooLong, "travel place is too long", "travelPlace"});
  }
  if (!errs.errors.empty()) return errs.errors.front();
  if (!m) return m.error();
  out.name = m->person.displayName;
  out.phone = m->person.phone;
  out.cccd = text::squeezeSpaces(typed.cccd).empty() ? std::string() : m->person.key;
  out.declaration = typed.declaration;
  out.declaration.travelPlace = typed.declaration.travel ? place : std::string();
  return out;
}

Person toPerson(const VisitorProfile& valid) {
  Person p;
  p.kind = PersonKind::Visitor;
  p.key = valid.cccd.empty() ? valid.phone : valid.cccd;
  p.displayName = valid.name;
  p.phone = valid.phone;
  return p;
}

json toJson(const HealthDeclaration& d) {
  json j{{"fever", d.fever}, {"cough", d.cough},     {"breath", d.breath}, {"soreThroat", d.soreThroat},
         {"lossOfTaste", d.lossOfTaste}, {"contact", d.contact}, {"travel", d.travel}};
  if (d.travel) j["travelPlace"] = d.travelPlace;
  return j;
}

HealthDeclaration declarationFromJson(const json& j) {
  using jsonutil::getBool;
  HealthDeclaration d;
  d.fever = getBool(j, "fever");
  d.cough = getBool(j, "cough");
  d.breath = getBool(j, "breath");
  d.soreThroat = getBool(j, "soreThroat");
  d.lossOfTaste = getBool(j, "lossOfTaste");
  d.contact = getBool(j, "contact");
  d.travel = getBool(j, "travel");
  d.travelPlace = jsonutil::getString(j, "travelPlace");
  return d;
}

json toJson(const VisitorProfile& p) {
  return json{{"name", p.name}, {"phone", p.phone}, {"cccd", p.cccd}, {"declaration", toJson(p.declaration)}};
}

VisitorProfile profileFromJson(const json& j) {
  VisitorProfile p;
  p.name = jsonutil::getString(j, "name");
  p.phone = jsonutil::getString(j, "phone");
  p.cccd = jsonutil::getString(j, "cccd");
  if (j.is_object() && j.contains("declaration")) p.declaration = declarationFromJson(j["declaration"]);
  return p;
}

}  // namespace diemquet::visitor
