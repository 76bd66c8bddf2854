// Small helpers shared by the office's files: ISO weeks in Vietnam time, the officer principal
// and JSON answers. The office's storage is the Store's typed methods (store.hpp).
#pragma once
#include "time.hpp"
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "../data/areas.hpp"
#include "../storage/store.hpp"
#include "../http/api_types.hpp"

namespace diemquet::server::office {

constexpr int64_t kDayMs = 86'400'000;
constexpr int64_t kWeekMs = 7 * kDayMs;
constexpr int64_t kVietnamOffsetMs = int64_t{7} * 3'600'000;  // UTC+7, no daylight saving
// The Monday of a day (days since 1970-01-01, a Thursday; day >= 0): weekly_scans' week key.
constexpr int64_t mondayOf(int64_t day) {
  return day - (day + 3) % 7;
}

// Days since 1970-01-01 of a civil date, and back (proleptic Gregorian).
// Civil-date arithmetic comes from the core (time.hpp): diemquet::daysFromCivil, civilFromDays.
// "2026-11-25" in Vietnam time: the UTC ms of that day's start; false if malformed.
bool parseDay(const std::string& s, int64_t& utcMsOut);
std::string formatDay(int64_t utcMs);       // Vietnam date of an instant, "YYYY-MM-DD"
std::string formatDateTime(int64_t utcMs);  // Vietnam time, "YYYY-MM-DD HH:MM"

// The language of a file the office exports (the officer's language in the office): Vietnamese
// unless asked otherwise. `lang` of the export endpoints: "vi" or "en" ("" = vi); false otherwise.
enum class ExportLang { Vi, En };
bool parseExportLang(const std::string& s, ExportLang& out);

// An ISO week ("2026-W48") and its Monday 00:00 Vietnam time in UTC ms.
struct IsoWeek {
  int year = 0, week = 0;
  int64_t startMs = 0;
  std::string label() const;  // "2026-W48": the API's and file names' form
  // "Tuần 48 (23/11 – 29/11/2026)" ("Week 48 (...)" in English): the form the office screen
  // shows and the exports print (both years when the week spans New Year: "Tuần 1
  // (29/12/2025 – 04/01/2026)"). Dates stay day/month, as the office screen shows them.
  std::string title(ExportLang lang = ExportLang::Vi) const;
};
bool parseIsoWeek(const std::string& s, IsoWeek& out);
IsoWeek isoWeekOf(int64_t utcMs);
IsoWeek shiftWeeks(const IsoWeek& w, int n);

struct Officer {
  std::string username;
  AreaLevel level = AreaLevel::Ward;
  std::string area;
  // The venues column that places a venue at this officer's level.
  const char* column() const {
    return level == AreaLevel::Province ? "province_code" : level == AreaLevel::District ? "district_code" : "ward_code";
  }
};
inline const char* areaColumn(AreaLevel l) {
  return l == AreaLevel::Province ? "province_code" : l == AreaLevel::District ? "district_code" : "ward_code";
}

inline ApiResponse jsonOk(const nlohmann::json& j, int status = 200) { return ApiResponse{status, j.dump()}; }

// A new venue id for a commune: "26743-T7X0K41W", the commune code and 8 random characters,
// within the id rule (ids.hpp) whatever the code; "" if the code cannot make one.
std::string newVenueId(const std::string& ward);

// One of the venue kinds of decision 2666/QĐ-BYT ("market", "restaurant", ...).
bool isVenueCategory(const std::string& id);

// A string field of 0..maxLen bytes of text without control characters, NFC-normalised;
// `required` refuses an empty one. False for anything else (a number, an array...).
bool textField(const nlohmann::json& j, const char* name, size_t maxLen, bool required, std::string& out);
// An integer field within [lo, hi]; `def` when absent or null.
bool intField(const nlohmann::json& j, const char* name, int64_t lo, int64_t hi, int64_t def, int64_t& out);

// Percent-decoded value of `key` in a query string ("" when absent).
std::string queryParam(const std::string& query, const std::string& key);

}  // namespace diemquet::server::office
