// Reads the first sheet of a spreadsheet an office keeps (CSV or XLSX) into rows of text
// cells, for the venue import (venue_import.cpp). XLSX is a zip of XML parts: unzipped with
// libzip from memory and read with expat, with every part's size bounded (a small zip that
// inflates to gigabytes is refused, not inflated).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "result.hpp"

namespace diemquet::server::office {

struct SheetRow {
  int64_t number = 0;              // the row number a person sees in the file (1 = first line)
  std::vector<std::string> cells;  // column A first; text as stored (numbers as their digits)
  std::vector<bool> numeric;       // per cell: XLSX stored it as a number (a phone may have lost its 0)
};

struct SheetLimits {
  size_t maxRows = 20'001;  // header included
  size_t maxColumns = 64;
  size_t maxCellBytes = 2'000;
  size_t maxPartBytes = 64u << 20;  // an XLSX part, uncompressed
};

// "PK\3\4" opens an XLSX; anything else is read as CSV (UTF-8, an optional byte-order mark,
// separated by commas, semicolons or tabs as the first line shows, RFC 4180 quotes). Empty rows
// are left out. Errors (ErrorKind::Malformed / Unsupported) carry an English message and, in
// `field`, a stable code: "not_utf8", "too_many_rows", "bad_xlsx", "cell_too_long", "empty_file".
Result<std::vector<SheetRow>> readSheet(std::string_view bytes, const SheetLimits& limits = {});

// A cell reference's column ("B7" -> 1); -1 when it has no letters.
int columnOfCellRef(std::string_view ref);

}  // namespace diemquet::server::office
