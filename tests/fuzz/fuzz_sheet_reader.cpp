// Fuzzes the venue-import reader (server/office/sheet_reader.hpp) on CSV and XLSX bytes with
// the limits the import uses: never crashes, and what it accepts keeps the limits and is text
// a person can read; what it refuses says why with a stable code.
#include <set>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "office/sheet_reader.hpp"
#include "text.hpp"

namespace off = diemquet::server::office;

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const bool xlsx = bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4);
  const off::SheetLimits lim;
  auto r = off::readSheet(bytes, lim);
  if (!r) {
    static const std::set<std::string> kCodes = {"not_utf8",   "too_many_rows", "bad_xlsx", "cell_too_long",
                                                 "empty_file", "bad_csv",       "too_large"};
    DQ_FUZZ_CHECK(!r.error().message.empty(), "errors carry a message");
    DQ_FUZZ_CHECK(kCodes.count(r.error().field) == 1, "errors carry a known code");
    return 0;
  }
  DQ_FUZZ_CHECK(!r->empty(), "an accepted file has rows");
  DQ_FUZZ_CHECK(r->size() <= lim.maxRows, "at most maxRows rows");
  int64_t previous = 0;
  for (const off::SheetRow& row : r.value()) {
    DQ_FUZZ_CHECK(row.cells.size() == row.numeric.size(), "one numeric flag per cell");
    DQ_FUZZ_CHECK(!row.cells.empty() && row.cells.size() <= lim.maxColumns, "1 to maxColumns cells");
    bool blank = true;
    for (const std::string& c : row.cells) {
      DQ_FUZZ_CHECK(c.size() <= lim.maxCellBytes, "cells within maxCellBytes");
      DQ_FUZZ_CHECK(diemquet::text::isValidUtf8(c), "cells are UTF-8");
      if (c.find_first_not_of(" \t") != std::string::npos) blank = false;
    }
    DQ_FUZZ_CHECK(!blank, "blank rows are left out");
    if (!xlsx) {  // a CSV row's number is the line it starts on
      DQ_FUZZ_CHECK(row.number > previous, "CSV row numbers increase from 1");
      for (bool n : row.numeric) DQ_FUZZ_CHECK(!n, "CSV cells are text");
    }
    previous = row.number;
  }
  return 0;
}
