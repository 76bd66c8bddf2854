// Validation of what staff type into the manual check-in form. Every rule here is shown to
// the user beside its field, so each error names the field.
#pragma once
#include <string>
#include <vector>

#include "check_in.hpp"
#include "result.hpp"

namespace diemquet {

struct ManualEntry {
  std::string name;
  std::string cccd;       // optional; 12 digits when given
  std::string phone;      // optional; a Vietnamese phone number when given
  std::string localTime;  // optional "HH:MM" today; empty means now
  Direction direction = Direction::In;
};

struct ManualCheckIn {
  Person person;
  Direction direction;
  Instant at;
};

// All field errors at once, so the form can mark every wrong field in one go.
struct FieldErrors {
  std::vector<Error> errors;
  const Error* forField(const std::string& field) const;
};

constexpr size_t kMaxNameCodePoints = 80;

// Checks a manual entry against `now`; the result carries the normalised person.
Result<ManualCheckIn> validateManualEntry(const ManualEntry& entry, const Instant& now, FieldErrors* all = nullptr);

// A 12-digit CCCD number whose 4th digit is a valid sex/century code.
Status validateCccdNumber(const std::string& digits);
// Vietnamese phone: 10 digits starting 0 (mobile), or 11 digits starting 02 (landline),
// or the same with +84 in place of the leading 0. Returns the normalised 0-form.
Result<std::string> normalizePhone(const std::string& typed);

}  // namespace diemquet
