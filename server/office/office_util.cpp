// Dates in Vietnam time, ISO weeks, query strings, JSON fields and the audit log writer.
#include <algorithm>
#include <cstdio>

#include "common/secrets.hpp"
#include "ids.hpp"
#include "office_db.hpp"
#include "payload/normalize.hpp"
#include "text.hpp"
#include "venue_kinds.hpp"

namespace diemquet::server::office {

bool isVenueCategory(const std::string& id) {
  const auto& kinds = venueKinds();
  return std::any_of(kinds.begin(), kinds.end(), [&](const VenueKind& k) { return id == k.id; });
}

std::string newVenueId(const std::string& ward) {
  std::string id = (ward + "-" + newEnrollmentCode().substr(0, 4) + newEnrollmentCode().substr(5, 4))
                       .substr(0, kMaxVenueOrPointIdLength);
  return isValidId(id) ? id : std::string();
}

bool textField(const nlohmann::json& j, const char* name, size_t maxLen, bool required, std::string& out) {
  auto it = j.find(name);
  if (it == j.end() || it->is_null()) {
    out.clear();
    return !required;
  }
  if (!it->is_string()) return false;
  out = it->get<std::string>();
  if (out.size() > maxLen || !text::isValidUtf8(out) || text::hasControlChars(out)) return false;
  out = payload::toNfc(out);  // a phone's keyboard may send decomposed Vietnamese
  return !(required && out.empty());
}

bool intField(const nlohmann::json& j, const char* name, int64_t lo, int64_t hi, int64_t def, int64_t& out) {
  auto it = j.find(name);
  if (it == j.end() || it->is_null()) {
    out = def;
    return true;
  }
  if (!it->is_number_integer()) return false;
  out = it->get<int64_t>();
  return out >= lo && out <= hi;
}

bool parseDay(const std::string& s, int64_t& out) {
  int y = 0;
  unsigned m = 0, d = 0;
  char tail = 0;
  if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &tail) != 3) return false;
  if (y < 2000 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return false;
  int yy;
  unsigned mm, dd;
  civilFromDays(daysFromCivil(y, m, d), yy, mm, dd);
  if (mm != m || dd != d) return false;  // 2026-02-30
  out = daysFromCivil(y, m, d) * kDayMs - kVietnamOffsetMs;
  return true;
}

std::string formatDay(int64_t utcMs) {
  int64_t local = utcMs + kVietnamOffsetMs;
  int64_t days = local >= 0 ? local / kDayMs : (local - kDayMs + 1) / kDayMs;
  int y;
  unsigned m, d;
  civilFromDays(days, y, m, d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  return buf;
}

std::string formatDateTime(int64_t utcMs) {
  int64_t local = utcMs + kVietnamOffsetMs;
  int64_t days = local >= 0 ? local / kDayMs : (local - kDayMs + 1) / kDayMs;
  int64_t rest = local - days * kDayMs;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s %02d:%02d", formatDay(utcMs).c_str(), int(rest / 3'600'000),
                int(rest / 60'000 % 60));
  return buf;
}

namespace {
// Monday (days since epoch) of ISO week 1 of `year`: the week holding 4 January.
int64_t isoWeekOneMonday(int year) {
  int64_t jan4 = daysFromCivil(year, 1, 4);
  int64_t weekday = ((jan4 % 7) + 7 + 3) % 7;  // 1970-01-01 was a Thursday; Monday = 0
  return jan4 - weekday;
}
}  // namespace

std::string IsoWeek::label() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-W%02d", year, week);
  return buf;
}

bool parseExportLang(const std::string& s, ExportLang& out) {
  if (s.empty() || s == "vi") out = ExportLang::Vi;
  else if (s == "en") out = ExportLang::En;
  else return false;
  return true;
}

std::string IsoWeek::title(ExportLang lang) const {
  const std::string from = formatDay(startMs), to = formatDay(startMs + kWeekMs - 1);  // "2026-11-23"
  auto dayMonth = [](const std::string& day) { return day.substr(8, 2) + "/" + day.substr(5, 2); };
  const std::string fromYear = from.substr(0, 4) != to.substr(0, 4) ? "/" + from.substr(0, 4) : "";
  return (lang == ExportLang::En ? "Week " : "Tuần ") + std::to_string(week) + " (" + dayMonth(from) + fromYear + " – " + dayMonth(to) + "/" +
         to.substr(0, 4) + ")";
}

bool parseIsoWeek(const std::string& s, IsoWeek& out) {
  int y = 0, w = 0;
  char tail = 0;
  if (s.size() < 7 || s.size() > 8 || std::sscanf(s.c_str(), "%4d-W%2d%c", &y, &w, &tail) != 2) return false;
  if (y < 2000 || y > 2100 || w < 1 || w > 53) return false;
  int64_t monday = isoWeekOneMonday(y) + int64_t(w - 1) * 7;
  if (w == 53 && isoWeekOneMonday(y + 1) <= monday) return false;  // a year with 52 weeks
  out = IsoWeek{y, w, monday * kDayMs - kVietnamOffsetMs};
  return true;
}

IsoWeek isoWeekOf(int64_t utcMs) {
  int64_t local = utcMs + kVietnamOffsetMs;
  int64_t days = local >= 0 ? local / kDayMs : (local - kDayMs + 1) / kDayMs;
  int64_t monday = days - (((days % 7) + 7 + 3) % 7);
  int y;
  unsigned m, d;
  civilFromDays(monday + 3, y, m, d);  // the Thursday decides the ISO year
  int week = int((monday - isoWeekOneMonday(y)) / 7) + 1;
  return IsoWeek{y, week, monday * kDayMs - kVietnamOffsetMs};
}

IsoWeek shiftWeeks(const IsoWeek& w, int n) { return isoWeekOf(w.startMs + int64_t(n) * kWeekMs + kDayMs); }

std::string queryParam(const std::string& query, const std::string& key) {
  size_t pos = 0;
  while (pos <= query.size()) {
    size_t amp = query.find('&', pos);
    if (amp == std::string::npos) amp = query.size();
    std::string part = query.substr(pos, amp - pos);
    size_t eq = part.find('=');
    if (part.substr(0, eq) == key) {
      std::string raw = eq == std::string::npos ? "" : part.substr(eq + 1), out;
      for (size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '+') out += ' ';
        else if (raw[i] == '%' && i + 2 < raw.size() + 0 && i + 2 <= raw.size() - 1) {
          out += char(std::strtol(raw.substr(i + 1, 2).c_str(), nullptr, 16));
          i += 2;
        } else out += raw[i];
      }
      return out;
    }
    pos = amp + 1;
  }
  return {};
}

}  // namespace diemquet::server::office
