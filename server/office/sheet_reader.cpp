// CSV and XLSX reading for the venue import (sheet_reader.hpp).
#include "sheet_reader.hpp"

#include <expat.h>
#include <zip.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>

#include "text.hpp"

namespace diemquet::server::office {

namespace {

Error bad(const char* code, std::string message, ErrorKind kind = ErrorKind::Malformed) {
  return makeError(kind, std::move(message), code);
}

bool blank(const std::vector<std::string>& cells) {
  for (const auto& c : cells)
    if (c.find_first_not_of(" \t") != std::string::npos) return false;
  return true;
}

// ---- CSV ----

char guessSeparator(std::string_view s) {
  size_t counts[3] = {0, 0, 0};
  const char seps[3] = {',', ';', '\t'};
  bool quoted = false;
  for (char c : s) {
    if (c == '"') quoted = !quoted;
    if (!quoted && (c == '\n' || c == '\r')) break;
    for (int i = 0; i < 3; ++i)
      if (!quoted && c == seps[i]) ++counts[i];
  }
  int best = 0;
  for (int i = 1; i < 3; ++i)
    if (counts[i] > counts[best]) best = i;
  return seps[best];
}

Result<std::vector<SheetRow>> readCsv(std::string_view s, const SheetLimits& lim) {
  if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  if (!text::isValidUtf8(s))
    return bad("not_utf8", "The CSV file is not UTF-8 text; save it as 'CSV UTF-8' or send the XLSX file.");
  const char sep = guessSeparator(s);
  std::vector<SheetRow> rows;
  SheetRow row;
  std::string cell;
  int64_t line = 1, rowStart = 1;
  bool quoted = false, wasQuoted = false;
  auto endCell = [&]() -> bool {
    if (cell.size() > lim.maxCellBytes || row.cells.size() >= lim.maxColumns) return false;
    row.cells.push_back(std::move(cell));
    row.numeric.push_back(false);
    cell.clear();
    wasQuoted = false;
    return true;
  };
  auto endRow = [&]() -> Status {
    if (!endCell())
      return bad("cell_too_long", "Row " + std::to_string(rowStart) + " has a cell or a column too many.");
    if (!blank(row.cells)) {
      if (rows.size() >= lim.maxRows)
        return bad("too_many_rows", "The file has more than " + std::to_string(lim.maxRows - 1) + " rows.");
      row.number = rowStart;
      rows.push_back(std::move(row));
    }
    row = SheetRow{};
    rowStart = line;
    return Done{};
  };
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (quoted) {
      if (c == '"' && i + 1 < s.size() && s[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        cell += c;
      }
    } else if (c == '"' && cell.empty() && !wasQuoted) {
      quoted = wasQuoted = true;
    } else if (c == sep) {
      if (!endCell())
        return bad("cell_too_long", "Row " + std::to_string(rowStart) + " has a cell or a column too many.");
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
      ++line;
      if (auto st = endRow(); !st) return st.error();
    } else {
      cell += c;
    }
  }
  if (quoted) return bad("bad_csv", "A quote opened in row " + std::to_string(rowStart) + " is never closed.");
  if (auto st = endRow(); !st) return st.error();
  return rows;
}

// ---- XLSX ----

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct ZipFileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

// One part of the archive, at most `limit` bytes once inflated; empty optional-like error when absent.
Result<std::string> readPart(zip_t* z, const std::string& name, size_t limit) {
  const zip_int64_t idx = zip_name_locate(z, name.c_str(), 0);
  if (idx < 0) return makeError(ErrorKind::NotFound, "no " + name, "bad_xlsx");
  std::unique_ptr<zip_file_t, ZipFileCloser> f(zip_fopen_index(z, zip_uint64_t(idx), 0));
  if (!f) return bad("bad_xlsx", "The XLSX file is damaged (" + name + " cannot be read).");
  std::string out;
  char buf[65536];
  for (;;) {
    const zip_int64_t n = zip_fread(f.get(), buf, sizeof buf);
    if (n < 0) return bad("bad_xlsx", "The XLSX file is damaged (" + name + ").");
    if (n == 0) break;
    out.append(buf, size_t(n));
    if (out.size() > limit) return bad("too_large", "The XLSX file holds more data than an import takes.");
  }
  return out;
}

// expat with std::function callbacks; attributes as a map.
class Xml {
 public:
  using Attrs = std::map<std::string, std::string>;
  std::function<void(const std::string&, const Attrs&)> onStart;
  std::function<void(const std::string&)> onEnd;
  std::function<void(const char*, int)> onText;

  bool parse(const std::string& doc) {
    std::unique_ptr<XML_ParserStruct, decltype(&XML_ParserFree)> p(XML_ParserCreate("UTF-8"), XML_ParserFree);
    if (!p) return false;
    XML_SetUserData(p.get(), this);
    XML_SetElementHandler(
        p.get(),
        [](void* self, const XML_Char* name, const XML_Char** atts) {
          auto* x = static_cast<Xml*>(self);
          if (!x->onStart) return;
          Attrs a;
          for (int i = 0; atts[i]; i += 2) a[atts[i]] = atts[i + 1];
          x->onStart(localName(name), a);
        },
        [](void* self, const XML_Char* name) {
          auto* x = static_cast<Xml*>(self);
          if (x->onEnd) x->onEnd(localName(name));
        });
    XML_SetCharacterDataHandler(p.get(), [](void* self, const XML_Char* s, int len) {
      auto* x = static_cast<Xml*>(self);
      if (x->onText) x->onText(s, len);
    });
    // A document type declaration is refused outright: no entity expansion ("billion laughs").
    XML_SetStartDoctypeDeclHandler(p.get(), [](void* self, const XML_Char*, const XML_Char*, const XML_Char*, int) {
      static_cast<Xml*>(self)->m_doctype = true;
    });
    const bool ok = XML_Parse(p.get(), doc.data(), int(doc.size()), 1) == XML_STATUS_OK;
    return ok && !m_doctype;
  }

 private:
  static std::string localName(const char* n) {
    std::string s(n);
    const size_t colon = s.rfind(':');
    return colon == std::string::npos ? s : s.substr(colon + 1);
  }
  bool m_doctype = false;
};

// The worksheet part of the workbook's first sheet ("xl/worksheets/sheet1.xml").
std::string firstSheetPart(zip_t* z, const SheetLimits& lim) {
  const std::string fallback = "xl/worksheets/sheet1.xml";
  auto wb = readPart(z, "xl/workbook.xml", lim.maxPartBytes);
  auto rels = readPart(z, "xl/_rels/workbook.xml.rels", lim.maxPartBytes);
  if (!wb || !rels) return fallback;
  std::string relId;
  Xml x;
  x.onStart = [&](const std::string& n, const Xml::Attrs& a) {
    if (n != "sheet" || !relId.empty()) return;
    for (const auto& [k, v] : a)
      if (k == "r:id" || (k.size() > 3 && k.compare(k.size() - 3, 3, ":id") == 0)) relId = v;
  };
  if (!x.parse(wb.value()) || relId.empty()) return fallback;
  std::string target;
  Xml r;
  r.onStart = [&](const std::string& n, const Xml::Attrs& a) {
    auto id = a.find("Id"), t = a.find("Target");
    if (n == "Relationship" && id != a.end() && t != a.end() && id->second == relId) target = t->second;
  };
  if (!r.parse(rels.value()) || target.empty()) return fallback;
  if (target[0] == '/') return target.substr(1);
  return "xl/" + target;
}

Result<std::vector<std::string>> sharedStrings(zip_t* z, const SheetLimits& lim) {
  std::vector<std::string> out;
  auto part = readPart(z, "xl/sharedStrings.xml", lim.maxPartBytes);
  if (!part) {
    if (part.error().kind == ErrorKind::NotFound) return out;  // every cell inline or a number
    return part.error();
  }
  std::string cur;
  int inT = 0, inPhonetic = 0;
  Xml x;
  x.onStart = [&](const std::string& n, const Xml::Attrs&) {
    if (n == "si") cur.clear();
    if (n == "rPh") ++inPhonetic;
    if (n == "t") ++inT;
  };
  x.onEnd = [&](const std::string& n) {
    if (n == "si") out.push_back(cur);
    if (n == "rPh") --inPhonetic;
    if (n == "t") --inT;
  };
  x.onText = [&](const char* s, int len) {
    if (inT > 0 && inPhonetic == 0 && cur.size() < lim.maxCellBytes + 1) cur.append(s, size_t(len));
  };
  if (!x.parse(part.value())) return bad("bad_xlsx", "The XLSX file is damaged (shared strings).");
  return out;
}

Result<std::vector<SheetRow>> readXlsx(std::string_view bytes, const SheetLimits& lim) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &ze);
  if (!src) return bad("bad_xlsx", "The file cannot be read as XLSX.");
  std::unique_ptr<zip_t, ZipCloser> z(zip_open_from_source(src, ZIP_RDONLY, &ze));
  zip_error_fini(&ze);
  if (!z) {
    zip_source_free(src);
    return bad("bad_xlsx", "The file starts like a zip but is not a readable XLSX file.");
  }
  auto strings = sharedStrings(z.get(), lim);
  if (!strings) return strings.error();
  auto sheet = readPart(z.get(), firstSheetPart(z.get(), lim), lim.maxPartBytes);
  if (!sheet) {
    if (sheet.error().kind == ErrorKind::NotFound) return bad("bad_xlsx", "The XLSX file has no worksheet.");
    return sheet.error();
  }

  std::vector<SheetRow> rows;
  SheetRow row;
  int64_t nextRow = 1;
  int col = -1, nextCol = 0;
  std::string type, value;
  bool inValue = false, inCell = false;
  std::optional<Error> failure;
  auto fail = [&](Error e) {
    if (!failure) failure = std::move(e);
  };
  Xml x;
  x.onStart = [&](const std::string& n, const Xml::Attrs& a) {
    if (n == "row") {
      row = SheetRow{};
      auto r = a.find("r");
      row.number = r != a.end() ? std::strtoll(r->second.c_str(), nullptr, 10) : nextRow;
      nextRow = row.number + 1;
      nextCol = 0;
    } else if (n == "c") {
      auto r = a.find("r"), t = a.find("t");
      col = r != a.end() ? columnOfCellRef(r->second) : nextCol;
      if (col < 0) col = nextCol;
      nextCol = col + 1;
      type = t != a.end() ? t->second : "n";
      value.clear();
      inCell = true;
    } else if (inCell && (n == "v" || n == "t")) {
      inValue = true;
    }
  };
  x.onEnd = [&](const std::string& n) {
    if (n == "v" || n == "t") {
      inValue = false;
    } else if (n == "c") {
      inCell = false;
      if (size_t(col) >= lim.maxColumns)
        return fail(bad("cell_too_long", "Row " + std::to_string(row.number) + " has too many columns."));
      std::string cellText = value;
      if (type == "s") {
        const size_t i = size_t(std::strtoull(value.c_str(), nullptr, 10));
        if (value.empty() || i >= strings.value().size())
          return fail(bad("bad_xlsx", "The XLSX file is damaged (a text cell)."));
        cellText = strings.value()[i];
      }
      if (cellText.size() > lim.maxCellBytes)
        return fail(bad("cell_too_long", "Row " + std::to_string(row.number) + " has a cell over " +
                                             std::to_string(lim.maxCellBytes) + " bytes."));
      if (row.cells.size() <= size_t(col)) {
        row.cells.resize(size_t(col) + 1);
        row.numeric.resize(size_t(col) + 1);
      }
      row.cells[size_t(col)] = std::move(cellText);
      row.numeric[size_t(col)] = type == "n";
    } else if (n == "row") {
      if (blank(row.cells)) return;
      if (rows.size() >= lim.maxRows)
        return fail(bad("too_many_rows", "The file has more than " + std::to_string(lim.maxRows - 1) + " rows."));
      rows.push_back(std::move(row));
    }
  };
  x.onText = [&](const char* s, int len) {
    if (inValue && value.size() <= lim.maxCellBytes) value.append(s, size_t(len));
  };
  if (!x.parse(sheet.value())) return bad("bad_xlsx", "The XLSX file is damaged (the worksheet).");
  if (failure) return *failure;
  return rows;
}

}  // namespace

int columnOfCellRef(std::string_view ref) {
  int col = 0;
  size_t i = 0;
  for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z' && i < 4; ++i) col = col * 26 + (ref[i] - 'A' + 1);
  return i == 0 ? -1 : col - 1;
}

Result<std::vector<SheetRow>> readSheet(std::string_view bytes, const SheetLimits& limits) {
  auto rows =
      bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4) ? readXlsx(bytes, limits) : readCsv(bytes, limits);
  if (rows && rows->empty()) return bad("empty_file", "The file has no rows.");
  return rows;
}

}  // namespace diemquet::server::office
