// `admin import-areas`: reads a "diemquet-areas/1" file (tools/areas/normalize.mjs makes one
// from an npm data package; see README.md) into the areas table. Idempotent: importing the
// same file again changes nothing. A reorganisation file retires the current areas it does
// not list and records which old code became which new one; venues keep the codes they were
// registered with, and reports roll old codes up into the new areas through that mapping.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "../storage/store.hpp"

namespace diemquet::server::areas {

struct ImportSummary {
  std::string structure, source;
  std::map<std::string, int64_t> inFile;  // "province", "district", "ward", "ward:phuong"...
  int64_t added = 0, changed = 0, unchanged = 0, retired = 0, successions = 0;
  bool changedAnything() const { return added || changed || retired || successions; }
};

// `mapCsv`: optional extra successions, one "old_code,new_code" per line. Nothing is written
// when the file is refused (a Malformed error naming the first problem).
Result<ImportSummary> importAreas(Store& store, const std::string& fileText, const std::string& mapCsv, int64_t nowMs);

// `diemquet-server admin import-areas|area-stats`; -1 when `cmd` is not one of these.
int adminCommand(const std::string& cmd, const std::function<std::string(const std::string&)>& opt, Store& store,
                 int64_t nowMs);

}  // namespace diemquet::server::areas
