#include "validation.hpp"

#include "text.hpp"

namespace diemquet {

const Error* FieldErrors::forField(const std::string& field) const {
  for (const Error& e : errors)
    if (e.field == field) return &e;
  return nullptr;
}

Status validateCccdNumber(const std::string& digits) {
  if (digits.size() != 12 || !text::isAllDigits(digits))
    return makeError(ErrorKind::InvalidCccd, "CCCD number must be exactly 12 digits", "cccd");
  return Done{};
}

Result<std::string> normalizePhone(const std::string& typed) {
  std::string s = text::squeezeSpaces(typed);
  std::string compact;
  for (char c : s) {
    if (c == ' ' || c == '-' || c == '.') continue;
    compact.push_back(c);
  }
  if (compact.rfind("+84", 0) == 0) compact = "0" + compact.substr(3);
  else if (compact.rfind("84", 0) == 0 && compact.size() == 11) compact = "0" + compact.substr(2);
  bool ok = text::isAllDigits(compact) && compact[0] == '0' &&
            ((compact.size() == 10 && compact[1] != '0' && compact[1] != '1') ||
             (compact.size() == 11 && compact[1] == '2'));
  if (!ok) return makeError(ErrorKind::InvalidPhone, "phone number must be a Vietnamese number like 0901234567", "phone");
  return compact;
}

Result<ManualCheckIn> validateManualEntry(const ManualEntry& entry, const Instant& now, FieldErrors* all) {
  FieldErrors local;
  FieldErrors& errs = all ? *all : local;
  errs.errors.clear();

  ManualCheckIn out{};
  out.direction = entry.direction;
  out.person.kind = PersonKind::Manual;

  // Name
  if (!text::isValidUtf8(entry.name) || text::hasControlChars(entry.name)) {
    errs.errors.push_back(makeError(ErrorKind::InvalidText, "name contains characters that are not text", "name"));
  } else {
    std::string name = text::squeezeSpaces(entry.name);
    if (name.empty()) errs.errors.push_back(makeError(ErrorKind::EmptyName, "name is required", "name"));
    else if (text::codePointCount(name) > kMaxNameCodePoints)
      errs.errors.push_back(makeError(ErrorKind::NameTooLong, "name is longer than 80 characters", "name"));
    else if (!text::isNameText(name))
      errs.errors.push_back(makeError(ErrorKind::NameSymbols, "name contains symbols or emoji", "name"));
    out.person.displayName = name;
  }

  // Identity: a CCCD number, a phone number, or both.
  std::string cccdTyped = text::squeezeSpaces(entry.cccd);
  std::string phoneTyped = text::squeezeSpaces(entry.phone);
  if (!cccdTyped.empty()) {
    std::string digits;
    for (char c : cccdTyped)
      if (c != ' ') digits.push_back(c);
    Status st = validateCccdNumber(digits);
    if (!st) errs.errors.push_back(st.error());
    else out.person.key = digits;
  }
  if (!phoneTyped.empty()) {
    auto phone = normalizePhone(phoneTyped);
    if (!phone) errs.errors.push_back(phone.error());
    else out.person.phone = phone.value();
  }
  if (cccdTyped.empty() && phoneTyped.empty())
    errs.errors.push_back(makeError(ErrorKind::MissingIdentity, "a CCCD number or a phone number is required", "cccd"));
  if (out.person.key.empty()) out.person.key = out.person.phone;

  // Time: now, or a time earlier today typed as HH:MM.
  out.at = now;
  if (!entry.localTime.empty()) {
    const std::string& t = entry.localTime;
    bool shape = t.size() == 5 && t[2] == ':' && text::isAllDigits(t.substr(0, 2)) && text::isAllDigits(t.substr(3, 2));
    int hh = shape ? std::stoi(t.substr(0, 2)) : -1;
    int mm = shape ? std::stoi(t.substr(3, 2)) : -1;
    if (!shape || hh > 23 || mm > 59) {
      errs.errors.push_back(makeError(ErrorKind::InvalidTime, "time must be HH:MM", "time"));
    } else {
      DayRange day = localDayOf(now);
      int64_t utc = day.startUtcMs + (int64_t(hh) * 60 + mm) * 60000;
      // A minute of grace: the typed minute is still "now" for the whole minute.
      if (utc > now.utcMs + 60000)
        errs.errors.push_back(makeError(ErrorKind::FutureTime, "time is in the future", "time"));
      out.at = Instant{utc, now.offsetMinutes};
    }
  }

  if (!errs.errors.empty()) return errs.errors.front();
  return out;
}

}  // namespace diemquet
