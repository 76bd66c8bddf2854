// Weekly compliance report: the area's venues and their counts from the store (scans per venue
// and week bucket from check-ins and the daily counts, posters, reminders, violation reports;
// storage/office_reports.cpp), then the roll-up from venues to wards, districts and the
// province in memory.
#include "report.hpp"

#include "../areas/registry.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include "export_cells.hpp"
#include "report_words.hpp"
#include "text.hpp"
#include "venue_kinds.hpp"
#include "xlsx_file.hpp"

namespace diemquet::server::office {

using nlohmann::json;

namespace {

// The area's own code and the codes a reorganisation merged into it: a venue keeps the code it
// was registered with.
ReportArea reportArea(const std::string& code, AreaLevel level) {
  ReportArea out{areaColumn(level), {code}};
  for (const std::string& p : areas::current().predecessors(code)) out.codes.push_back(p);
  return out;
}

// Two listed venues of one name ("Quán Phở Hòa" twice in a ward) read as one: each is marked,
// so its address (or its code) is shown beside the name. Names compare as squeezed, any case.
// The lists are those one report screen shows (not complying, newly registered, unverified); a
// venue in two of them (self-registered and not complying) is one venue, counted once.
void markSharedNames(std::initializer_list<std::vector<VenueStat>*> lists) {
  auto key = [](const std::string& name) {
    std::string k = text::squeezeSpaces(name);
    for (char& c : k) c = char(std::tolower(static_cast<unsigned char>(c)));
    return k;
  };
  std::map<std::string, int> seen, seenAt;  // by name, and by name and address
  std::set<std::string> counted;            // venue ids
  for (const auto* list : lists)
    for (const VenueStat& v : *list)
      if (counted.insert(v.id).second) {
        ++seen[key(v.name)];
        ++seenAt[key(v.name) + '\n' + key(v.address)];
      }
  for (auto* list : lists)
    for (VenueStat& v : *list) {
      v.nameShared = seen[key(v.name)] > 1;
      if (!v.nameShared) continue;
      const bool addressTells =
          !text::squeezeSpaces(v.address).empty() && seenAt[key(v.name) + '\n' + key(v.address)] == 1;
      v.nameAside = addressTells ? text::squeezeSpaces(v.address)
                                 : (v.address.empty() ? "" : text::squeezeSpaces(v.address) + " · ") + v.id;
    }
}

}  // namespace

Result<WeeklyReport> buildReport(Store& store, const std::string& areaCode, const IsoWeek& week) {
  const Area* area = findArea(areaCode);
  if (!area) return makeError(ErrorKind::NotFound, "unknown area");
  WeeklyReport rep;
  rep.week = week;
  rep.areaCode = std::string(area->code);
  rep.areaName = std::string(area->name);
  rep.level = area->level;
  const ReportArea where = reportArea(rep.areaCode, area->level);
  const int64_t end = week.startMs + kWeekMs;
  auto rows = store.weeklyReportRows(where, week.startMs);
  if (!rows) return rows.error();
  const WeeklyReportRows& res = rows.value();

  std::map<std::string, VenueStat> venues;
  std::vector<std::string> order;
  for (const ReportVenue& row : res.venues) {
    VenueStat v{row.id, row.name, row.category, row.ward, row.district, row.province, int(row.staffCount), row.address};
    v.unverified = row.verification == "self";
    v.registeredMs = row.registeredMs;
    v.validFromMs = row.validFromMs;
    v.validToMs = row.validToMs;
    order.push_back(v.id);
    venues.emplace(v.id, std::move(v));
  }
  // Scans per venue per bucket (0 = oldest, 7 = the report's week), live plus aggregated.
  std::map<std::string, std::array<int64_t, 8>> buckets;
  auto addBucket = [&](const std::string& id, int64_t b, int64_t n) {
    if (b < 0 || b > 7 || !venues.count(id)) return;
    auto [it, fresh] = buckets.try_emplace(id);
    if (fresh) it->second.fill(0);
    it->second[size_t(b)] += n;
  };
  for (const ReportScans& row : res.scans) addBucket(row.venueId, row.bucket, row.scans);
  for (const ReportVenueCount& row : res.reminders)
    if (auto it = venues.find(row.venueId); it != venues.end()) it->second.reminders = row.a;
  for (const ReportVenueCount& row : res.violations)
    if (auto it = venues.find(row.venueId); it != venues.end()) {
      it->second.violationsWeek = row.a;
      it->second.violationsOpen = row.b;
    }
  // Posters belong to the posters work (migration 200); until that table exists, count 0.
  auto posters = store.venuesWithPosters(where, end);
  if (posters) {
    for (const std::string& id : posters.value())
      if (auto it = venues.find(id); it != venues.end()) it->second.poster = true;
  } else {
    rep.postersKnown = false;
  }

  rep.trend.resize(8);
  for (int b = 0; b < 8; ++b) {
    const IsoWeek w = shiftWeeks(week, b - 7);
    rep.trend[size_t(b)].week = w.label();
    rep.trend[size_t(b)].isoWeek = w;
  }
  for (auto& [id, counts] : buckets)
    for (size_t b = 0; b < 8; ++b) {
      rep.trend[b].scans += counts[b];
      if (counts[b] > 0) ++rep.trend[b].venuesWithScan;
    }

  // Areas: the requested one and everything inside it, in the table's (hierarchical) order.
  std::map<std::string, size_t> areaIndex;
  for (const Area& a : allAreas()) {
    if (!areaContains(rep.areaCode, a.code)) continue;
    AreaStat s;
    s.code = std::string(a.code);
    s.name = std::string(a.name);
    s.level = a.level;
    if (a.code == area->code) {
      rep.areas.insert(rep.areas.begin(), s);
    } else {
      rep.areas.push_back(s);
    }
  }
  for (size_t i = 0; i < rep.areas.size(); ++i) areaIndex[rep.areas[i].code] = i;

  for (const std::string& id : order) {
    VenueStat& v = venues[id];
    if (auto it = buckets.find(id); it != buckets.end()) v.scans = it->second[7];
    // A venue created after the week, an event closed before it or not yet open is not in it
    // (it read "not complying" in weeks it did not exist); one with scans in the week was there
    // whatever its record says.
    if (!v.existedIn(week.startMs, end) && v.scans == 0) continue;
    // Registered in the week (less than 7 days before its end) and not scanning yet: given the
    // week to start, not reported as not complying.
    if (v.scans == 0 && v.registeredMs >= week.startMs)
      v.newlyRegistered = true;
    else if (v.scans == 0)
      v.problem = "no_scans";
    else if (v.staff > 0 && v.scans < v.staff) v.problem = "low_scans";
    else if (v.violationsOpen > 0) v.problem = "open_violation";
    std::vector<size_t> counted;  // once per area, though two retired codes may lead to one
    for (const std::string& code : {v.province, v.district, v.ward}) {
      auto it = areaIndex.find(code);
      if (it == areaIndex.end())  // a code a reorganisation retired: counted in the area it became
        if (const Area* now = areas::current().currentOf(code)) it = areaIndex.find(std::string(now->code));
      if (it == areaIndex.end() || std::find(counted.begin(), counted.end(), it->second) != counted.end()) continue;
      counted.push_back(it->second);
      AreaStat& s = rep.areas[it->second];
      ++s.venues;
      s.staff += v.staff;
      s.scans += v.scans;
      s.violations += v.violationsWeek;
      if (v.poster) ++s.withPoster;
      if (v.unverified) ++s.unverified;
      if (v.newlyRegistered) ++s.newlyRegistered;
      if (v.scans > 0) ++s.withScan;
      if (!v.problem.empty()) ++s.nonComplying;
      if (!v.problem.empty() && v.flagged()) ++s.flagged;
    }
    if (!v.problem.empty()) rep.nonComplying.push_back(v);
    if (v.unverified) rep.unverified.push_back(v);
    if (v.newlyRegistered) rep.newlyRegistered.push_back(v);
  }
  markSharedNames({&rep.nonComplying, &rep.newlyRegistered, &rep.unverified});
  return rep;
}

namespace {
// An area with venues none of which declared staff: its staff cell says so, as a venue's does
// ("0" read as if staff had been counted). An area without venues has 0 staff, truly.
bool staffUndeclared(const AreaStat& a) { return a.venues > 0 && a.staff == 0; }
}  // namespace

json reportJson(const WeeklyReport& r) {
  json areas = json::array(), trend = json::array(), bad = json::array();
  for (const AreaStat& a : r.areas)
    areas.push_back({{"code", a.code},
                     {"name", a.name},
                     {"level", toString(a.level)},
                     {"venues", a.venues},
                     {"withPoster", a.withPoster},
                     {"unverified", a.unverified},
                     {"withScan", a.withScan},
                     {"scans", a.scans},
                     // Undeclared (venues, none of which declared staff): null, as "chưa khai
                     // báo" on screen and in the files, not 0 read as if staff had been counted.
                     {"staff", staffUndeclared(a) ? json(nullptr) : json(a.staff)},
                     // Unknown staff numbers give no ratio (null), not a misleading 0.00.
                     {"scansPerStaff", a.staff > 0 ? json(std::round(a.scansPerStaff() * 100) / 100) : json(nullptr)},
                     {"nonComplying", a.nonComplying},
                     {"flagged", a.flagged},
                     {"violations", a.violations},
                     {"newlyRegistered", a.newlyRegistered}});
  for (const TrendPoint& t : r.trend)
    trend.push_back({{"week", t.week}, {"scans", t.scans}, {"venuesWithScan", t.venuesWithScan}});
  // A province's list can hold tens of thousands of venues (11 MB of JSON, most of a second to
  // build, more to draw on a phone): the answer lists the first kNonComplyingListed and says
  // how many there are; the XLSX, CSV and print keep every one.
  constexpr size_t kNonComplyingListed = 300;
  for (size_t i = 0; i < r.nonComplying.size() && i < kNonComplyingListed; ++i) {
    const VenueStat& v = r.nonComplying[i];
    bad.push_back({{"id", v.id},
                   {"name", v.name},
                   {"category", v.category},
                   {"ward", v.ward},
                   // A venue that declared no staff: null, as in the areas above.
                   {"staff", v.staff > 0 ? json(v.staff) : json(nullptr)},
                   {"scans", v.scans},
                   {"poster", v.poster},
                   {"problem", v.problem},
                   {"reminders", v.reminders},
                   {"violationsOpen", v.violationsOpen},
                   {"flaggedForSuspension", v.flagged()},
                   {"unverified", v.unverified},
                   {"address", v.address},
                   {"nameAside", v.nameAside}});
  }
  json fresh = json::array();
  for (const VenueStat& v : r.newlyRegistered)
    fresh.push_back({{"id", v.id},
                     {"name", v.name},
                     {"ward", v.ward},
                     {"address", v.address},
                     {"nameAside", v.nameAside},
                     {"registered", formatDay(v.registeredMs)}});
  json unverified = json::array();
  for (const VenueStat& v : r.unverified)
    unverified.push_back({{"id", v.id},
                          {"name", v.name},
                          {"ward", v.ward},
                          {"scans", v.scans},
                          {"poster", v.poster},
                          {"address", v.address},
                          {"nameAside", v.nameAside}});
  return json{{"week", r.week.label()},
              {"weekStartMs", r.week.startMs},
              {"from", formatDay(r.week.startMs)},
              {"to", formatDay(r.week.startMs + kWeekMs - 1)},
              {"area", {{"code", r.areaCode}, {"name", r.areaName}, {"level", toString(r.level)}}},
              {"postersKnown", r.postersKnown},
              {"areas", areas},
              {"trend", trend},
              {"nonComplying", bad},
              {"nonComplyingTotal", int64_t(r.nonComplying.size())},
              {"unverified", unverified},
              {"newlyRegistered", fresh}};
}

namespace {
std::string htmlEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}
// A venue's commune as an officer reads it ("Phường Bến Thành", not "26743"); its code when the
// map no longer knows it.
std::string communeName(const std::string& code) {
  const Area* a = findArea(code);
  return a ? std::string(a->name) : code;
}
// A listed venue's state as the files word it: its problem, or "Mới đăng ký".
const char* stateName(const ReportWords& w, const VenueStat& v) {
  return v.newlyRegistered ? w.newlyRegistered : problemName(w, v.problem);
}
}  // namespace

std::string reportCsv(const WeeklyReport& r, ExportLang lang) {
  const ReportWords& w = reportWords(lang);
  auto header = [](std::ostream& o, const auto& names) {
    for (size_t i = 0; i < names.size(); ++i) o << (i ? "," : "") << csvField(names[i]);
    o << "\r\n";
  };
  std::ostringstream o;
  o << "\xEF\xBB\xBF";  // BOM: spreadsheet programs then read UTF-8
  o << csvField(std::string(w.title) + " " + r.week.title(lang)) << "," << csvField(r.areaName) << "\r\n";
  header(o, w.areaHeader);
  for (const AreaStat& a : r.areas)
    o << csvField(a.code) << "," << csvField(a.name) << "," << csvField(levelName(w, a.level)) << "," << a.venues << ","
      << a.withPoster << "," << a.withScan << "," << a.scans << ","
      << (staffUndeclared(a) ? csvField(w.staffNotDeclared) : std::to_string(a.staff)) << ","
      << (a.staff > 0 ? text::twoDecimals(a.scansPerStaff(), false) : std::string()) << "," << a.nonComplying << ","
      << a.flagged << "," << a.violations << "," << a.newlyRegistered << "\r\n";
  o << "\r\n";
  auto venueRow = [&](const VenueStat& v) {
    o << csvField(v.id) << "," << csvField(v.name) << "," << csvField(venueKindName(v.category, lang)) << ","
      << csvField(communeName(v.ward)) << "," << (v.staff > 0 ? std::to_string(v.staff) : csvField(w.staffNotDeclared))
      << "," << v.scans << "," << csvField(stateName(w, v)) << "," << v.reminders << "," << v.violationsOpen << ","
      << (v.flagged() ? "x" : "") << "," << csvField(v.address) << "\r\n";
  };
  header(o, w.venueHeader);
  for (const VenueStat& v : r.nonComplying) venueRow(v);
  o << "\r\n";
  header(o, w.trendHeader);
  for (const TrendPoint& t : r.trend) o << csvField(t.isoWeek.title(lang)) << "," << t.scans << "," << t.venuesWithScan << "\r\n";
  // Last, so the tables above keep their places: the venues registered in the week, apart.
  if (!r.newlyRegistered.empty()) {
    o << "\r\n" << csvField(w.newlyHeading) << "\r\n";
    header(o, w.venueHeader);
    for (const VenueStat& v : r.newlyRegistered) venueRow(v);
  }
  return o.str();
}

namespace {
// Every text cell of the XLSX goes through spreadsheetText, like the CSV's.
void writeText(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const std::string& s, lxw_format* f) {
  worksheet_write_string(ws, row, col, spreadsheetText(s).c_str(), f);
}

void fillReportWorkbook(lxw_workbook* wb, const WeeklyReport& r, ExportLang lang) {
  const ReportWords& words = reportWords(lang);
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_format* dec = workbook_add_format(wb);
  format_set_num_format(dec, "0.00");

  lxw_worksheet* ws = workbook_add_worksheet(wb, words.sheets[0]);
  // Row 0: title; row 1: header; rows 2..: one per area, the requested area first.
  std::string title = std::string(words.title) + " " + r.week.title(lang) + " — " + r.areaName;
  writeText(ws, 0, 0, title, bold);
  for (size_t i = 0; i < words.areaHeader.size(); ++i) writeText(ws, 1, lxw_col_t(i), words.areaHeader[i], bold);
  lxw_row_t row = 2;
  for (const AreaStat& a : r.areas) {
    writeText(ws, row, 0, a.code, nullptr);
    writeText(ws, row, 1, a.name, nullptr);
    writeText(ws, row, 2, levelName(words, a.level), nullptr);
    const double nums[] = {double(a.venues), double(a.withPoster), double(a.withScan), double(a.scans)};
    for (size_t i = 0; i < 4; ++i) worksheet_write_number(ws, row, lxw_col_t(3 + i), nums[i], nullptr);
    if (staffUndeclared(a))
      writeText(ws, row, 7, words.staffNotDeclared, nullptr);
    else
      worksheet_write_number(ws, row, 7, double(a.staff), nullptr);
    if (a.staff > 0) worksheet_write_number(ws, row, 8, a.scansPerStaff(), dec);
    worksheet_write_number(ws, row, 9, a.nonComplying, nullptr);
    worksheet_write_number(ws, row, 10, a.flagged, nullptr);
    worksheet_write_number(ws, row, 11, double(a.violations), nullptr);
    worksheet_write_number(ws, row, 12, a.newlyRegistered, nullptr);
    ++row;
  }
  worksheet_set_column(ws, 1, 1, 28, nullptr);

  // The venues not complying, and (on the fourth sheet) those registered in the week.
  auto venueSheet = [&](lxw_worksheet* wv, const std::vector<VenueStat>& venues) {
    for (size_t i = 0; i < words.venueHeader.size(); ++i) writeText(wv, 0, lxw_col_t(i), words.venueHeader[i], bold);
    lxw_row_t row = 1;
    for (const VenueStat& v : venues) {
      writeText(wv, row, 0, v.id, nullptr);
      writeText(wv, row, 1, v.name, nullptr);
      writeText(wv, row, 2, venueKindName(v.category, lang), nullptr);
      writeText(wv, row, 3, communeName(v.ward), nullptr);
      if (v.staff > 0)
        worksheet_write_number(wv, row, 4, v.staff, nullptr);
      else
        writeText(wv, row, 4, words.staffNotDeclared, nullptr);  // "0" read as if staff had been counted
      worksheet_write_number(wv, row, 5, double(v.scans), nullptr);
      writeText(wv, row, 6, stateName(words, v), nullptr);
      worksheet_write_number(wv, row, 7, double(v.reminders), nullptr);
      worksheet_write_number(wv, row, 8, double(v.violationsOpen), nullptr);
      worksheet_write_string(wv, row, 9, v.flagged() ? "x" : "", nullptr);
      writeText(wv, row, 10, v.address, nullptr);
      ++row;
    }
    worksheet_set_column(wv, 1, 1, 28, nullptr);
  };
  venueSheet(workbook_add_worksheet(wb, words.sheets[1]), r.nonComplying);

  lxw_worksheet* wt = workbook_add_worksheet(wb, words.sheets[2]);
  for (size_t i = 0; i < words.trendHeader.size(); ++i) writeText(wt, 0, lxw_col_t(i), words.trendHeader[i], bold);
  row = 1;
  for (const TrendPoint& t : r.trend) {
    writeText(wt, row, 0, t.isoWeek.title(lang), nullptr);
    worksheet_write_number(wt, row, 1, double(t.scans), nullptr);
    worksheet_write_number(wt, row, 2, t.venuesWithScan, nullptr);
    ++row;
  }
  venueSheet(workbook_add_worksheet(wb, words.sheets[3]), r.newlyRegistered);
}
}  // namespace

Result<std::string> reportXlsx(const WeeklyReport& r, ExportLang lang) {
  return xlsxBytes("diemquet-report", [&r, lang](lxw_workbook* wb) { fillReportWorkbook(wb, r, lang); });
}

const char* const kReportHtmlStyle =
    "body{font-family:sans-serif;margin:16px}table{border-collapse:collapse;margin:12px 0}"
    "td,th{border:1px solid #888;padding:4px 8px;text-align:right}td.t,th.t{text-align:left}"
    "@media print{button{display:none}}";
const char* const kReportHtmlPrintHandler = "print()";

std::string reportHtml(const WeeklyReport& r, ExportLang lang) {
  const ReportWords& w = reportWords(lang);
  // A header aligned as its column: left over text (bit i of `textColumns` set), right over
  // numbers.
  auto header = [](std::ostream& o, const auto& names, uint32_t textColumns) {
    o << "<tr>";
    for (size_t i = 0; i < names.size(); ++i)
      o << "<th" << ((textColumns >> i) & 1u ? " class=t" : "") << ">" << htmlEscape(names[i]) << "</th>";
    o << "</tr>";
  };
  const std::string weekTitle = r.week.title(lang);
  std::ostringstream o;
  o << "<!doctype html><html lang=\"" << w.htmlLang << "\"><head><meta charset=\"utf-8\"><title>" << w.printTitle << " "
    << weekTitle << "</title><style>" << kReportHtmlStyle << "</style></head><body>"
    << "<h1>" << w.title << " " << weekTitle << "</h1><p>" << htmlEscape(r.areaName) << "</p>"
    << "<button onclick=\"" << kReportHtmlPrintHandler << "\">" << w.printButton << "</button><table>";
  header(o, w.areaHeader, 0b111);  // code, name, level
  // The areas inside the officer's with no venue in the week are one line after the table, not
  // a row of zeros each (a province on the 2025 map: 168 communes, four pages of zeros).
  std::vector<const AreaStat*> empty;
  for (size_t i = 0; i < r.areas.size(); ++i) {
    const AreaStat& a = r.areas[i];
    if (i > 0 && a.venues == 0) {
      empty.push_back(&a);
      continue;
    }
    o << "<tr><td class=t>" << a.code << "</td><td class=t>" << htmlEscape(a.name) << "</td><td class=t>"
      << levelName(w, a.level) << "</td><td>" << a.venues << "</td><td>" << a.withPoster << "</td><td>" << a.withScan
      << "</td><td>" << a.scans << "</td>"
      << (staffUndeclared(a) ? std::string("<td class=t>") + w.staffNotDeclared : "<td>" + std::to_string(a.staff))
      << "</td><td>" << (a.staff > 0 ? text::twoDecimals(a.scansPerStaff(), lang == ExportLang::Vi) : std::string("—"))
      << "</td><td>" << a.nonComplying << "</td><td>" << a.flagged << "</td><td>" << a.violations << "</td><td>"
      << a.newlyRegistered << "</td></tr>";
  }
  o << "</table>";
  if (!empty.empty()) {
    const bool onlyWards =
        std::all_of(empty.begin(), empty.end(), [](const AreaStat* a) { return a->level == AreaLevel::Ward; });
    o << "<p><b>" << empty.size() << " " << (onlyWards ? w.emptyWards : w.emptyAreas) << ":</b> ";
    for (size_t i = 0; i < empty.size(); ++i) o << (i ? ", " : "") << htmlEscape(empty[i]->name);
    o << "</p>";
  }
  auto venueTable = [&](const char* heading, const std::vector<VenueStat>& venues) {
    o << "<h2>" << heading << "</h2><table>";
    header(o, w.venueHeader, 0b10001001111);  // id, name, kind, commune; state; address
    for (const VenueStat& v : venues)
      o << "<tr><td class=t>" << htmlEscape(v.id) << "</td><td class=t>" << htmlEscape(v.name) << "</td><td class=t>"
        << htmlEscape(venueKindName(v.category, lang)) << "</td><td class=t>" << htmlEscape(communeName(v.ward))
        << "</td>"
        << (v.staff > 0 ? "<td>" + std::to_string(v.staff) : std::string("<td class=t>") + w.staffNotDeclared)
        << "</td><td>" << v.scans << "</td><td class=t>" << stateName(w, v) << "</td><td>" << v.reminders << "</td><td>"
        << v.violationsOpen << "</td><td>" << (v.flagged() ? "✔" : "") << "</td><td class=t>" << htmlEscape(v.address)
        << "</td></tr>";
    o << "</table>";
  };
  venueTable(w.nonComplyingHeading, r.nonComplying);
  if (!r.newlyRegistered.empty()) venueTable(w.newlyHeading, r.newlyRegistered);
  o << "<h2>" << w.trendHeading << "</h2>";
  // Eight weeks without a scan, said before the table's eight zeros.
  if (std::all_of(r.trend.begin(), r.trend.end(), [](const TrendPoint& t) { return t.scans == 0; }))
    o << "<p>" << w.trendNone << "</p>";
  o << "<table>";
  header(o, w.trendHeader, 0b1);  // week
  for (const TrendPoint& t : r.trend)
    o << "<tr><td class=t>" << t.isoWeek.title(lang) << "</td><td>" << t.scans << "</td><td>" << t.venuesWithScan << "</td></tr>";
  o << "</table></body></html>";
  return o.str();
}

}  // namespace diemquet::server::office
