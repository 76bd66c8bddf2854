#include "person_rules.hpp"

#include "payload/bhyt.hpp"
#include "payload/fields.hpp"
#include "payload/visitor_pass.hpp"
#include "text.hpp"
#include "validation.hpp"

namespace diemquet {
namespace {

bool isCccd(const std::string& s) {
  return payload::isDigits(s, 12, 12);
}
bool isNormalPhone(const std::string& s) {
  auto p = normalizePhone(s);
  return p && p.value() == s;
}

Error bad(const char* field, const std::string& why) {
  return makeError(ErrorKind::Malformed, why, field);
}

}  // namespace

Status validatePerson(const Person& p) {
  const std::string& k = p.key;
  switch (p.kind) {
    case PersonKind::Cccd:
      if (!isCccd(k)) return bad("personKey", "a cccd check-in's personKey must be 12 digits");
      break;
    case PersonKind::Bhyt:
      if (!isBhytCardNumberA(k) && !isBhytCardNumberB(k))
        return bad("personKey", "a bhyt check-in's personKey must be a BHYT card number (e.g. GD4797915123456)");
      break;
    case PersonKind::PcCovid:
      if (!payload::isDigits(k, 9, 12)) return bad("personKey", "a pccovid check-in's personKey must be 9-12 digits");
      break;
    case PersonKind::Manual:
      if (!isCccd(k) && !isNormalPhone(k))
        return bad("personKey", "a manual check-in's personKey must be a CCCD number or a phone number");
      break;
    case PersonKind::Visitor:
      if (!isVisitorPassId(k) && !isCccd(k) && !isNormalPhone(k))
        return bad("personKey", "a visitor check-in's personKey must be a pass id, a CCCD number or a phone number");
      break;
  }
  if (!p.phone.empty() && !isNormalPhone(p.phone))
    return bad("phone", "must be a Vietnamese phone number in the form 0901234567");
  if (!text::isValidUtf8(p.displayName) || text::hasControlChars(p.displayName))
    return bad("name", "contains characters that are not text");
  return Done{};
}

}  // namespace diemquet
