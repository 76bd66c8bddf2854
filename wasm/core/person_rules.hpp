// What a person's key and phone look like for each kind of check-in: the one rule the
// station's parsers and forms produce and the server enforces on every upload, so a record
// the station would never write (a 13-digit "CCCD", a phone with letters) is refused at the
// door instead of reaching reports and tracing.
#pragma once
#include "check_in.hpp"
#include "result.hpp"

namespace diemquet {

// cccd: 12 digits; bhyt: a card number of layout A (2 letters, 1-5, 12 digits) or B (10
// digits); pccovid: 9-12 digits; manual: a CCCD number or a phone; visitor: a pass id, a CCCD
// number or a phone. The phone, when present, is in normalizePhone's 0-form. The name has no
// control characters. Errors name the field as the upload carries it (personKey, phone, name).
Status validatePerson(const Person& person);

}  // namespace diemquet
