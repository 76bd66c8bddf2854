// The in-memory copy of the areas table: loaded at start, reloaded when an import changed the
// table (areas.generation), searched by the area pickers. Look-ups never touch the database.
#pragma once
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "../data/areas.hpp"
#include "../storage/store.hpp"

namespace diemquet::server::areas {

// The table's rows and successions (storage/area_rows.hpp).
using server::AreaRecord;
using server::Succession;

class Snapshot {
 public:
  Snapshot(std::vector<AreaRecord> records, const std::vector<Succession>& successions, int64_t generation);

  const Area* find(std::string_view code) const;
  // `code` is `area` or lies inside it; a retired area lies where any of its successors lie.
  bool contains(std::string_view area, std::string_view code) const;
  // Codes that were merged into `code` by reorganisations, transitively (not `code` itself).
  std::vector<std::string> predecessors(std::string_view code) const;
  // The current area a (possibly retired) code rolls up into: itself when current, else its
  // first current successor; nullptr when it has none.
  const Area* currentOf(std::string_view code) const;

  struct Hit {
    const Area* area;
    int score;  // 0 best
  };
  // Up to `limit` areas whose name matches `query` (diacritics and case ignored; a code
  // matches too), best first; only current areas inside `within` ("" = anywhere), of `level`
  // when given.
  std::vector<Hit> search(std::string_view query, size_t limit, std::string_view within,
                          std::optional<AreaLevel> level) const;

  std::vector<Area> ordered;  // current areas, each followed by what lies inside it
  int64_t generation = 0;
  size_t size() const { return m_areas.size(); }

 private:
  struct SearchEntry {
    const Area* area;
    std::string core;     // the folded name without its kind: "ben nghe"
    std::string full;     // "phuong ben nghe"
    std::string context;  // " phuong ben nghe quan 1 tp ho chi minh " (spaces around, for word matches)
  };
  std::deque<std::string> m_text;
  std::deque<Area> m_areas;
  std::unordered_map<std::string_view, const Area*> m_byCode;
  std::unordered_map<std::string_view, std::vector<std::string_view>> m_successors, m_predecessors;
  std::vector<SearchEntry> m_search;
};

// The snapshot in use. Snapshots are kept for the life of the process, so an Area* or view
// obtained from one stays valid after a reload.
const Snapshot& current();
void install(std::vector<AreaRecord> records, const std::vector<Succession>& successions, int64_t generation);
// Reads the areas table into a new snapshot.
Status reload(Store& store);
// Reloads when the table's generation moved; checks at most every 5 s (cheap on every request).
void refreshIfChanged(Store& store, int64_t nowMs);

}  // namespace diemquet::server::areas
