// Bulk import of venues by an officer from the lists offices keep (issue 14, item 6): a CSV or
// XLSX file, checked row by row (commune inside the officer's area, by code or by a name
// search that ignores marks; category, staff, phone, scan points; the same name twice in a
// commune, in the file or already registered), then written all at once or not at all. The
// check ("kiểm tra") and the import ("nhập") read the same file the same way, so what the
// check showed is what the import writes. See docs/api.md.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "../http/router.hpp"
#include "office_db.hpp"
#include "sheet_reader.hpp"

namespace diemquet::server::office {

constexpr size_t kMaxImportRows = 20'000;  // venues per file; the file itself is bounded by kMaxBodyBytes

// One refused row: `code` is stable (the page words it in Vietnamese), `message` English.
struct ImportRowError {
  int64_t row = 0;     // as the file numbers it; 0 = the file as a whole (a missing column)
  std::string column;  // "name", "address", "commune", "category", "staffCount", "phone", "scanPoints"
  std::string code;    // "name_missing", "commune_outside_area", "duplicate_in_file", ...
  std::string message;
  nlohmann::json detail = nlohmann::json::object();  // {"sameAsRow": 4}, {"venueId": ...}, {"candidates": [...]}
};

struct ImportPlan {
  std::vector<ImportedVenue> venues;  // ids not yet assigned
  std::vector<int64_t> rowOf;         // the file row of each venue
  std::vector<ImportRowError> errors;
  int64_t rows = 0;  // data rows read (header left out)
};

// Checks a file's rows for an officer of `officerArea`. The venues already in the database are
// read through `existing` (by commune) for the duplicate check. A storage failure is an error.
Result<ImportPlan> planVenueImport(const std::vector<SheetRow>& sheet, const std::string& officerArea, Store& store);

// POST /api/v1/office/venue-imports/check (nothing written), POST /api/v1/office/venue-imports
// (all or nothing, audited), GET /api/v1/office/venue-imports/template?format=csv|xlsx.
void addVenueImportRoutes(Router& router, Store& store, const std::function<int64_t()>& clock,
                          const std::function<void(const std::string&)>& log);

}  // namespace diemquet::server::office
