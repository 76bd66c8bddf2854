// An officer's venue list, checked row by row and imported all at once (venue_import.hpp).
#include "venue_import.hpp"

#include <map>
#include <set>
#include <unordered_map>

#include "../areas/registry.hpp"
#include "../areas/search_fold.hpp"
#include "common/secrets.hpp"
#include "office_api.hpp"
#include "payload/normalize.hpp"
#include "self_registration.hpp"
#include "text.hpp"
#include "venue_kinds.hpp"
#include "xlsx_file.hpp"

namespace diemquet::server::office {

namespace {

using nlohmann::json;

constexpr size_t kMaxPointsPerVenue = 20;
constexpr size_t kPreviewVenues = 500;  // venues listed back by a check; the count covers all

// The columns of the list, in the template's order; a header cell matches by its folded text.
struct Column {
  const char* key;
  const char* header;              // the template's header (Vietnamese)
  std::vector<const char*> names;  // folded header texts that mean this column
};
const std::vector<Column>& columns() {
  static const std::vector<Column> c = {
      {"name", "Tên cơ sở", {"ten co so", "ten dia diem", "ten", "name", "venue name", "venue"}},
      {"address", "Địa chỉ", {"dia chi", "address"}},
      {"commune", "Phường/xã (tên hoặc mã)", {"phuong xa", "xa phuong", "ma phuong xa", "ma xa", "commune", "ward"}},
      {"category", "Loại hình", {"loai hinh", "loai", "category", "kind"}},
      {"staffCount", "Số nhân viên", {"so nhan vien", "nhan vien", "so lao dong", "staff", "staff count"}},
      {"phone", "Số điện thoại", {"so dien thoai", "dien thoai", "sdt", "phone"}},
      {"scanPoints", "Điểm quét (cách nhau bởi dấu ;)", {"diem quet", "cac diem quet", "scan points", "scan point"}},
  };
  return c;
}

// "Nhà hàng", "nha hang, quan an", "restaurant" -> "restaurant"; "" when none matches.
std::string categoryOf(const std::string& cell) {
  if (isVenueCategory(cell)) return cell;
  const std::string f = areas::foldForSearch(cell);
  for (const VenueKind& kind : venueKinds()) {
    const std::string l = areas::foldForSearch(kind.vi);
    if (f == l) return kind.id;
    // Each part of "Nhà hàng, quán ăn" on its own ("quán ăn").
    std::string part;
    for (const char* p = kind.vi;; ++p) {
      if (*p == ',' || *p == '\0') {
        if (areas::foldForSearch(part) == f) return kind.id;
        part.clear();
        if (*p == '\0') break;
      } else {
        part += *p;
      }
    }
  }
  return {};
}

std::string clean(const std::string& cell) {
  return text::squeezeSpaces(payload::toNfc(cell));
}

json areaJson(const Area& a) {
  return {{"code", std::string(a.code)}, {"label", std::string(a.label)}};
}

// Where a commune cell points: a commune inside the officer's area, or why not.
struct CommuneAnswer {
  const Area* area = nullptr;
  std::string code, message;  // the error when `area` is null
  json detail = json::object();
};

CommuneAnswer findCommune(const std::string& cell, const std::string& officerArea) {
  const auto& snap = areas::current();
  CommuneAnswer a;
  if (text::isAllDigits(cell)) {
    const Area* x = snap.find(cell);
    if (!x || x->level != AreaLevel::Ward) return {nullptr, "commune_unknown", "No commune has this code.", {}};
    if (x->retired) {
      a = {nullptr, "commune_retired", "This commune was merged into another; use the current one.", {}};
      if (const Area* now = snap.currentOf(cell)) a.detail["candidates"] = json::array({areaJson(*now)});
      return a;
    }
    if (!snap.contains(officerArea, x->code))
      return {nullptr, "commune_outside_area", "This commune is outside your area.", {{"commune", areaJson(*x)}}};
    return {x, "", "", {}};
  }
  auto hits = snap.search(cell, 8, officerArea, AreaLevel::Ward);
  std::vector<const Area*> exact;
  for (const auto& h : hits)
    if (h.score == 0) exact.push_back(h.area);
  if (exact.size() == 1) return {exact[0], "", "", {}};
  json candidates = json::array();
  if (exact.size() > 1) {
    for (const Area* x : exact) candidates.push_back(areaJson(*x));
    return {nullptr,
            "commune_ambiguous",
            "Several communes of your area have this name; write its code.",
            {{"candidates", candidates}}};
  }
  auto elsewhere = snap.search(cell, 1, "", AreaLevel::Ward);
  if (!elsewhere.empty() && elsewhere[0].score == 0)
    return {nullptr,
            "commune_outside_area",
            "This commune is outside your area.",
            {{"commune", areaJson(*elsewhere[0].area)}}};
  for (size_t i = 0; i < hits.size() && i < 3; ++i) candidates.push_back(areaJson(*hits[i].area));
  return {nullptr, "commune_unknown", "No commune of your area has this name.", {{"candidates", candidates}}};
}

// A number cell of a spreadsheet: "5", "5.0" and "5,0" read as 5; false for anything else.
bool wholeNumber(std::string s, int64_t lo, int64_t hi, int64_t& out) {
  for (const char* tail : {".0", ",0"})
    if (s.size() > 2 && s.compare(s.size() - 2, 2, tail) == 0) s.resize(s.size() - 2);
  if (s.empty() || s.size() > 9 || !text::isAllDigits(s)) return false;
  out = std::strtoll(s.c_str(), nullptr, 10);
  return out >= lo && out <= hi;
}

// The column each header cell names; the file-level errors for what is missing or doubled.
std::map<std::string, size_t> headerColumns(const SheetRow& header, std::vector<ImportRowError>& errors) {
  std::map<std::string, size_t> at;
  for (size_t i = 0; i < header.cells.size(); ++i) {
    const std::string f = areas::foldForSearch(header.cells[i]);
    if (f.empty()) continue;
    for (const Column& c : columns()) {
      bool match = false;
      for (const char* n : c.names) {
        const size_t len = std::char_traits<char>::length(n);
        // "Tên cơ sở (Name)" and "Tên cơ sở" alike: the name, then nothing or another word.
        if (f.compare(0, len, n) == 0 && (f.size() == len || f[len] == ' ')) match = true;
      }
      if (!match || at.count(c.key)) continue;
      at[c.key] = i;
      break;
    }
  }
  for (const char* required : {"name", "commune"})
    if (!at.count(required))
      errors.push_back({header.number, required, "missing_column",
                        std::string("The header row has no '") + required + "' column.", json::object()});
  return at;
}

}  // namespace

Result<ImportPlan> planVenueImport(const std::vector<SheetRow>& sheet, const std::string& officerArea, Store& store) {
  ImportPlan plan;
  if (sheet.empty()) return plan;
  const auto at = headerColumns(sheet[0], plan.errors);
  plan.rows = int64_t(sheet.size()) - 1;
  if (!plan.errors.empty()) return plan;
  auto cell = [&](const SheetRow& r, const char* key) -> std::string {
    auto it = at.find(key);
    return it != at.end() && it->second < r.cells.size() ? clean(r.cells[it->second]) : std::string();
  };
  auto numericCell = [&](const SheetRow& r, const char* key) {
    auto it = at.find(key);
    return it != at.end() && it->second < r.numeric.size() && r.numeric[it->second];
  };

  std::unordered_map<std::string, CommuneAnswer> communes;          // one search per distinct commune text
  std::map<std::pair<std::string, std::string>, int64_t> firstRow;  // (commune, folded name) -> row
  for (size_t i = 1; i < sheet.size(); ++i) {
    const SheetRow& r = sheet[i];
    const size_t errorsBefore = plan.errors.size();
    auto fail = [&](const char* column, const char* code, std::string message, json detail = json::object()) {
      // The cell as written, so the officer finds it (cut short on a character boundary).
      std::string value = *column ? cell(r, column) : std::string();
      if (value.size() > 80) {
        size_t cut = 80;
        while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
        value = value.substr(0, cut) + "…";
      }
      if (!value.empty()) detail["value"] = value;
      plan.errors.push_back({r.number, column, code, std::move(message), std::move(detail)});
    };
    bool textOk = true;
    for (const std::string& c : r.cells)
      if (!text::isValidUtf8(c) || text::hasControlChars(c)) textOk = false;
    if (!textOk) {
      fail("", "bad_text", "The row holds characters that are not text.");
      continue;
    }
    ImportedVenue v;
    v.venue.name = cell(r, "name");
    if (v.venue.name.empty())
      fail("name", "name_missing", "The venue has no name.");
    else if (v.venue.name.size() > 200)
      fail("name", "name_too_long", "The name is over 200 bytes.");
    v.venue.address = cell(r, "address");
    if (v.venue.address.size() > 300) fail("address", "address_too_long", "The address is over 300 bytes.");

    const std::string communeText = cell(r, "commune");
    const Area* commune = nullptr;
    if (communeText.empty()) {
      fail("commune", "commune_missing", "The row names no commune.");
    } else {
      auto found = communes.find(communeText);
      if (found == communes.end()) found = communes.emplace(communeText, findCommune(communeText, officerArea)).first;
      if (found->second.area)
        commune = found->second.area;
      else
        fail("commune", found->second.code.c_str(), found->second.message, found->second.detail);
    }

    const std::string category = cell(r, "category");
    v.venue.category = category.empty() ? "other" : categoryOf(category);
    if (v.venue.category.empty())
      fail("category", "category_unknown", "The kind of venue is none of decision 2666/QĐ-BYT's.");

    int64_t staff = 0;
    const std::string staffText = cell(r, "staffCount");
    if (!staffText.empty() && !wholeNumber(staffText, 0, 100000, staff))
      fail("staffCount", "staff_bad", "The staff count must be a whole number from 0 to 100000.");
    v.venue.staffCount = int(staff);

    std::string phone = cell(r, "phone");
    // A phone typed into a number cell lost its leading 0 ("903123456").
    if (numericCell(r, "phone") && text::isAllDigits(phone) && (phone.size() == 9 || phone.size() == 10) &&
        phone[0] != '0')
      phone = "0" + phone;
    if (!phone.empty()) {
      v.phone = phoneKey(phone);
      if (v.phone.empty())
        fail("phone", "phone_bad", "The phone number is not a Vietnamese number (10 or 11 digits from 0).");
    }

    std::vector<std::string> points;
    {
      std::string raw = cell(r, "scanPoints"), cur;
      for (size_t k = 0; k <= raw.size(); ++k) {
        if (k == raw.size() || raw[k] == ';' || raw[k] == '\n') {
          std::string p = text::squeezeSpaces(cur);
          if (!p.empty()) points.push_back(p);
          cur.clear();
        } else {
          cur += raw[k];
        }
      }
    }
    if (points.size() > kMaxPointsPerVenue)
      fail("scanPoints", "scan_points_too_many", "A venue has at most 20 scan points.");
    for (const std::string& p : points)
      if (p.size() > 100) {
        fail("scanPoints", "scan_point_too_long", "A scan point's name is over 100 bytes.");
        break;
      }
    if (points.empty()) points.push_back("Cổng chính");

    v.nameKey = areas::foldForSearch(v.venue.name);
    v.addressKey = areas::foldForSearch(v.venue.address);
    if (commune && !v.nameKey.empty()) {
      auto [it, fresh] = firstRow.emplace(std::make_pair(std::string(commune->code), v.nameKey), r.number);
      if (!fresh)
        fail("name", "duplicate_in_file", "The same name in the same commune is on an earlier row.",
             {{"sameAsRow", it->second}});
    }
    if (plan.errors.size() != errorsBefore) continue;

    WardPath path;
    if (!wardPath(commune->code, path)) {
      fail("commune", "commune_unknown", "No commune has this code.");
      continue;
    }
    v.province = path.province;
    v.district = path.district;
    v.ward = path.ward;
    for (size_t k = 0; k < points.size(); ++k) v.points.push_back({"p" + std::to_string(k + 1), "", points[k]});
    plan.venues.push_back(std::move(v));
    plan.rowOf.push_back(r.number);
  }

  // Venues already in the database with the same folded name in the same commune.
  std::set<std::string> wards;
  for (const auto& [key, row] : firstRow) wards.insert(key.first);
  auto existing = store.venueNamesInWards(std::vector<std::string>(wards.begin(), wards.end()));
  if (!existing) return existing.error();
  std::map<std::pair<std::string, std::string>, std::string> known;
  for (const VenueNameInWard& x : existing.value())
    known.emplace(std::make_pair(x.ward, areas::foldForSearch(x.name)), x.venueId);
  std::vector<ImportedVenue> kept;
  std::vector<int64_t> keptRows;
  for (size_t i = 0; i < plan.venues.size(); ++i) {
    auto it = known.find({plan.venues[i].ward, plan.venues[i].nameKey});
    if (it != known.end()) {
      plan.errors.push_back({plan.rowOf[i],
                             "name",
                             "duplicate_in_db",
                             "A venue with this name is already registered in this commune.",
                             {{"venueId", it->second}}});
      continue;
    }
    kept.push_back(std::move(plan.venues[i]));
    keptRows.push_back(plan.rowOf[i]);
  }
  plan.venues = std::move(kept);
  plan.rowOf = std::move(keptRows);
  std::stable_sort(plan.errors.begin(), plan.errors.end(),
                   [](const ImportRowError& a, const ImportRowError& b) { return a.row < b.row; });
  return plan;
}

namespace {

ApiResponse err(int status, ErrorCode code, const std::string& message) {
  return errorResponse(status, code, message);
}

json errorsJson(const std::vector<ImportRowError>& errors) {
  json out = json::array();
  for (const ImportRowError& e : errors) {
    json j = {{"row", e.row}, {"column", e.column}, {"code", e.code}, {"message", e.message}};
    for (const auto& [k, v] : e.detail.items()) j[k] = v;
    out.push_back(std::move(j));
  }
  return out;
}

json venueJson(const ImportedVenue& v, int64_t row) {
  json points = json::array();
  for (const ScanPoint& p : v.points) points.push_back(p.name);
  const Area* a = findArea(v.ward);
  json j = {{"row", row},
            {"name", v.venue.name},
            {"address", v.venue.address},
            {"ward", a ? areaJson(*a) : json{{"code", v.ward}, {"label", v.ward}}},
            {"category", v.venue.category},
            {"staffCount", v.venue.staffCount},
            {"phone", v.phone},
            {"scanPoints", points}};
  if (!v.venue.id.empty()) j["id"] = v.venue.id;
  return j;
}

// Reads and checks the request's file: the answer to send when it cannot be read at all.
struct Checked {
  std::optional<ApiResponse> refused;
  ImportPlan plan;
};
Checked check(const ApiRequest& req, Store& store, const Officer& me, const Logger& log) {
  if (req.body.empty()) return {err(400, "empty_file", "Send the CSV or XLSX file as the request body."), {}};
  auto sheet = readSheet(req.body, SheetLimits{kMaxImportRows + 1});
  if (!sheet) {
    // The reader names its failure; each name is a code of the error vocabulary.
    const std::string& why = sheet.error().field;
    const std::string& msg = sheet.error().message;
    if (why == "too_many_rows") return {err(413, "too_many_rows", msg), {}};
    if (why == "too_large") return {err(413, "too_large", msg), {}};
    if (why == "not_utf8") return {err(400, "not_utf8", msg), {}};
    if (why == "bad_csv") return {err(400, "bad_csv", msg), {}};
    if (why == "bad_xlsx") return {err(400, "bad_xlsx", msg), {}};
    if (why == "cell_too_long") return {err(400, "cell_too_long", msg), {}};
    if (why == "empty_file") return {err(400, "empty_file", msg), {}};
    return {err(400, "bad_file", msg), {}};
  }
  auto plan = planVenueImport(sheet.value(), me.area, store);
  if (!plan) {
    if (log) log("venue import: storage error: " + plan.error().message);
    return {err(503, "storage_unavailable", "The database is unavailable; nothing was imported. Retry later."), {}};
  }
  return {std::nullopt, std::move(plan).value()};
}

json summary(const ImportPlan& p) {
  return {{"rows", p.rows}, {"valid", int64_t(p.venues.size())}, {"errors", errorsJson(p.errors)}};
}

ApiResponse checkFile(const ApiRequest& req, Store& store, const Officer& me, const Logger& log) {
  auto c = check(req, store, me, log);
  if (c.refused) return *c.refused;
  json out = summary(c.plan);
  json venues = json::array();
  for (size_t i = 0; i < c.plan.venues.size() && i < kPreviewVenues; ++i)
    venues.push_back(venueJson(c.plan.venues[i], c.plan.rowOf[i]));
  out["venues"] = venues;
  out["ready"] = c.plan.errors.empty() && !c.plan.venues.empty();
  return jsonOk(out);
}

ApiResponse importFile(const ApiRequest& req, Store& store, const Officer& me, int64_t now, const Logger& log) {
  auto c = check(req, store, me, log);
  if (c.refused) return *c.refused;
  if (!c.plan.errors.empty()) {
    json out = summary(c.plan);
    out["error"] = {{"code", std::string(ErrorCode("rows_invalid").code())},  // the vocabulary's code, with the rows
                    {"message", "Some rows are wrong; nothing was imported. Fix them and send the file again."}};
    return jsonOk(out, 422);
  }
  if (c.plan.venues.empty()) return err(400, "empty_file", "The file has no venue rows.");
  for (ImportedVenue& v : c.plan.venues) {
    v.venue.id = newVenueId(v.ward);
    if (v.venue.id.empty()) return err(500, "internal", "Could not make a venue id for commune " + v.ward + ".");
    for (ScanPoint& p : v.points) p.venueId = v.venue.id;
  }
  const std::string detail =
      std::to_string(c.plan.venues.size()) + " venues; file sha256 " + sha256Hex(req.body).substr(0, 16);
  auto st = store.importVenues(c.plan.venues, me.username, now, me.area, detail);
  if (!st) {
    if (st.error().kind == ErrorKind::Conflict)
      return err(409, "conflict", "A venue id was taken meanwhile; nothing was imported. Send the file again.");
    if (log) log("venue import: storage error: " + st.error().message);
    return err(503, "storage_unavailable", "The database is unavailable; nothing was imported. Retry later.");
  }
  json venues = json::array();
  for (size_t i = 0; i < c.plan.venues.size() && i < kPreviewVenues; ++i)
    venues.push_back(venueJson(c.plan.venues[i], c.plan.rowOf[i]));
  return jsonOk({{"imported", int64_t(c.plan.venues.size())}, {"rows", c.plan.rows}, {"venues", venues}}, 201);
}

// The template: the header row in Vietnamese, as the import reads it. The XLSX has a second
// sheet that explains each column, with the kinds of venue an office may write.
ApiResponse templateFile(const ApiRequest& req) {
  const std::string format = queryParam(req.query, "format");
  if (format == "csv" || format.empty()) {
    std::string csv = "\xEF\xBB\xBF";  // a byte-order mark: Excel then opens it as UTF-8
    for (size_t i = 0; i < columns().size(); ++i) csv += (i ? "," : "") + std::string(columns()[i].header);
    csv += "\r\n";
    return ApiResponse{200, csv, "text/csv; charset=utf-8", "attachment; filename=\"mau-nhap-co-so.csv\"", ""};
  }
  if (format != "xlsx") return err(400, "bad_format", "'format' must be csv or xlsx.");
  auto bytes = xlsxBytes("diemquet-template", [](lxw_workbook* wb) {
    lxw_format* bold = workbook_add_format(wb);
    format_set_bold(bold);
    lxw_format* textCell = workbook_add_format(wb);
    format_set_num_format(textCell, "@");  // phones keep their leading 0
    lxw_worksheet* ws = workbook_add_worksheet(wb, "Co so");
    for (size_t i = 0; i < columns().size(); ++i) {
      worksheet_write_string(ws, 0, lxw_col_t(i), columns()[i].header, bold);
      worksheet_set_column(ws, lxw_col_t(i), lxw_col_t(i), i == 0 || i == 2 ? 30 : 20, i == 5 ? textCell : nullptr);
    }
    lxw_worksheet* guide = workbook_add_worksheet(wb, "Huong dan");
    const char* lines[] = {
        "Mỗi dòng một cơ sở. Dòng đầu của trang 'Co so' là tiêu đề, giữ nguyên.",
        "Tên cơ sở, Phường/xã: bắt buộc. Phường/xã: ghi tên (ví dụ: Phường Bến Nghé) hoặc mã (26740).",
        "Loại hình: một trong các loại dưới đây; để trống là 'Khác'.",
        "Số nhân viên: số nguyên. Số điện thoại: 10 hoặc 11 chữ số, bắt đầu bằng 0.",
        "Điểm quét: tên các cổng, cách nhau bởi dấu ; (để trống: Cổng chính).",
        "Loại hình:"};
    lxw_row_t row = 0;
    for (const char* l : lines) worksheet_write_string(guide, row++, 0, l, nullptr);
    for (const VenueKind& kind : venueKinds()) worksheet_write_string(guide, row++, 0, kind.vi, nullptr);
  });
  if (!bytes) return err(500, "internal", "Could not make the template.");
  return ApiResponse{200, std::move(bytes).value(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     "attachment; filename=\"mau-nhap-co-so.xlsx\"", ""};
}

}  // namespace

void addVenueImportRoutes(Router& router, Store& store, const std::function<int64_t()>& clock,
                          const std::function<void(const std::string&)>& log) {
  router.on("POST", "/api/v1/office/venue-imports/check",
            withOfficer(store, clock, log,
                        [&store, log](const ApiRequest& req, const PathParams&, const Officer& me, int64_t) {
                          return checkFile(req, store, me, log);
                        }));
  router.on("POST", "/api/v1/office/venue-imports",
            withOfficer(store, clock, log,
                        [&store, log](const ApiRequest& req, const PathParams&, const Officer& me, int64_t now) {
                          return importFile(req, store, me, now, log);
                        }));
  router.on("GET", "/api/v1/office/venue-imports/template",
            withOfficer(store, clock, log, [](const ApiRequest& req, const PathParams&, const Officer&, int64_t) {
              return templateFile(req);
            }));
}

}  // namespace diemquet::server::office
