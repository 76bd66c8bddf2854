// The administrative areas as their typed store methods (store.hpp, storage/areas_store.cpp)
// take and return them (migration 120: areas, area_successors, area_generation). The import's
// checks and the in-memory registry live in server/areas/; no SQL leaves storage/.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace diemquet::server {

// One row of the areas table.
struct AreaRecord {
  std::string code, name, shortName, level, parent, kind;
  bool retired = false;
};

// A reorganisation's mapping: the area `oldCode` became (part of) `newCode`.
struct Succession {
  std::string oldCode, newCode;
};

// The whole table as one snapshot read: what the registry loads and an import compares with.
struct AreaTable {
  int64_t generation = 0;  // area_generation: moves with every import that changed something
  std::vector<AreaRecord> areas;
  std::vector<Succession> successions;  // by old code, then new code
};

// What an import writes, in one transaction with one audit row; the generation moves with it.
struct AreaImportWrite {
  std::vector<AreaRecord> upserts;      // added or changed areas, written current (not retired)
  std::vector<std::string> retire;      // codes of current areas the reorganisation retires
  std::vector<Succession> successions;  // the successions not recorded yet
  std::string source, structure;        // the file's, kept with each row and in the audit row
  std::string auditDetail;              // "added 3, changed 0, ..."
  int64_t nowMs = 0;
};

// `admin area-stats`: current areas per level and kind, retired areas, successions.
struct AreaStats {
  struct Count {
    std::string level, kind;
    int64_t areas = 0;
  };
  std::vector<Count> current;  // by level, then kind
  int64_t retired = 0, successions = 0;
};

}  // namespace diemquet::server
