// The words of the weekly report's exports (CSV, XLSX, print), in Vietnamese and English: the
// export follows the language the officer uses the office in (`lang`). One table, so the three
// files say the same thing.
#pragma once
#include <array>
#include <string>

#include "office_db.hpp"

namespace diemquet::server::office {

struct ReportWords {
  const char* htmlLang;                         // "vi" / "en"
  const char* title;                            // "Báo cáo tuân thủ" (then the week's title)
  const char* printTitle;                       // the print page's <title>, before the week
  const char* printButton;
  std::array<const char*, 13> areaHeader;       // one column per AreaStat field, in file order
  std::array<const char*, 11> venueHeader;      // one column per listed venue field
  std::array<const char*, 3> trendHeader;       // week, scans, venues with a scan
  const char* nonComplyingHeading;              // the print page's second table
  const char* trendHeading;                     // and third
  std::array<const char*, 4> sheets;            // XLSX sheet names (ASCII: every Excel reads them)
  const char* province;
  const char* district;
  const char* ward;
  const char* noScans;
  const char* lowScans;
  const char* openViolation;
  // The print version's line for the areas with no venue in the week, after its count ("168
  // xã/phường chưa có cơ sở: …"): communes only, or areas of mixed levels.
  const char* emptyWards;
  const char* emptyAreas;
  // A staff cell when none was declared: a venue's 0, or an area's whose venues all declared 0.
  const char* staffNotDeclared;
  const char* trendNone;                        // the print version, when the 8 weeks are all 0
  // A venue registered in the report's week without a scan yet: its state, and the heading of
  // its own table (it is not counted as not complying).
  const char* newlyRegistered;
  const char* newlyHeading;
};

const ReportWords& reportWords(ExportLang lang);
const char* levelName(const ReportWords& w, AreaLevel level);
const char* problemName(const ReportWords& w, const std::string& problem);  // "no_scans"... ("" otherwise)

}  // namespace diemquet::server::office
