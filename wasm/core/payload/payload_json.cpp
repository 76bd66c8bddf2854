// Serialises ScannedPayload and Error to JSON with stable field names.
#include "payload_json.hpp"

namespace diemquet {
namespace {

using nlohmann::json;

json cardJson(const CccdCard& c) {
  json w = json::array();
  for (const auto& s : c.warnings) w.push_back(s);
  return {{"id", c.id},
          {"oldId", c.oldId},
          {"name", c.name},
          {"birthDate", c.birthDate.iso()},
          {"sex", std::string(toString(c.sex))},
          {"address", c.address},
          {"issueDate", c.issueDate.iso()},
          {"expiryDate", c.expiryDate.iso()},
          {"variant", std::string(toString(c.variant))},
          {"warnings", w}};
}

json cardJson(const BhytCard& c) {
  return {{"layout", std::string(1, c.layout)},
          {"cardNumber", c.cardNumber},
          {"name", c.name},
          {"birthDate", c.birthDate.iso()},
          {"sex", std::string(toString(c.sex))},
          {"address", c.address},
          {"clinic", c.clinic},
          {"validFrom", c.validFrom.iso()},
          {"validTo", c.validTo.iso()},
          {"issueDate", c.issueDate.iso()},
          {"managementCode", c.managementCode},
          {"guardianName", c.guardianName},
          {"code11", c.code11},
          {"fiveYearDate", c.fiveYearDate.iso()},
          {"checkString", c.checkString},
          {"code14", c.code14},
          {"issuingPlace", c.issuingPlace}};
}

json cardJson(const PcCovidCard& c) {
  return {{"idNumber", c.idNumber}, {"name", c.name}, {"birthDate", c.birthDate.iso()},
          {"idKind", c.idKind},     {"qid", c.qid},   {"ext", c.ext}};
}

json cardJson(const VisitorPass& v) {
  return {{"passId", v.passId}, {"name", v.name}, {"phone", v.phone}, {"birthYear", v.birthYear}};
}

json cardJson(const PosterLink& p) { return {{"url", p.url}}; }

}  // namespace

std::string_view errorKindName(ErrorKind k) {
  switch (k) {
    case ErrorKind::EmptyName: return "EmptyName";
    case ErrorKind::NameTooLong: return "NameTooLong";
    case ErrorKind::InvalidCccd: return "InvalidCccd";
    case ErrorKind::InvalidPhone: return "InvalidPhone";
    case ErrorKind::MissingIdentity: return "MissingIdentity";
    case ErrorKind::FutureTime: return "FutureTime";
    case ErrorKind::InvalidTime: return "InvalidTime";
    case ErrorKind::InvalidText: return "InvalidText";
    case ErrorKind::NotConfigured: return "NotConfigured";
    case ErrorKind::Storage: return "Storage";
    case ErrorKind::Malformed: return "Malformed";
    case ErrorKind::Unsupported: return "Unsupported";
    case ErrorKind::NotFound: return "NotFound";
    case ErrorKind::Conflict: return "Conflict";
    case ErrorKind::InvalidDate: return "InvalidDate";
    case ErrorKind::InvalidHex: return "InvalidHex";
    case ErrorKind::BadChecksum: return "BadChecksum";
    case ErrorKind::MangledText: return "MangledText";
    default: break;  // kinds of other modules (posters, sync) never come out of parsePayload
  }
  return "Other";
}

nlohmann::json toJson(const ScannedPayload& p) {
  json out;
  out["kind"] = std::string(toString(p.kind));
  if (p.kind != PayloadKind::Poster) {
    out["person"] = {{"kind", std::string(toString(p.person.kind))},
                     {"key", p.person.key},
                     {"displayName", p.person.displayName},
                     {"phone", p.person.phone},
                     {"birthYear", p.person.birthYear}};
  }
  out["card"] = std::visit([](const auto& c) { return cardJson(c); }, p.details);
  return out;
}

nlohmann::json toJson(const Error& e) {
  json out = {{"error", std::string(errorKindName(e.kind))}, {"message", e.message}};
  if (!e.field.empty()) out["field"] = e.field;
  return out;
}

std::string toJsonLine(const Result<ScannedPayload>& r) {
  json j = r ? toJson(r.value()) : toJson(r.error());
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace diemquet
