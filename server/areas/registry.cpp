// Building a snapshot: text owned by the snapshot, the hierarchical order (provinces by code,
// each followed by its districts and communes), the successions both ways and the search
// entries (folded once here, so a search only compares ASCII strings).
#include "registry.hpp"

#include <algorithm>
#include <atomic>
#include <map>
#include <memory>
#include <mutex>

#include "search_fold.hpp"

namespace diemquet::server::areas {

namespace {

// The folded words that name a unit's kind, removed to get the name people type.
const char* const kKindWords[] = {"thanh pho ", "thi tran ", "thi xa ", "dac khu ", "phuong ",
                                  "huyen ",     "quan ",     "tinh ",   "xa "};

std::string withoutKind(const std::string& folded) {
  for (const char* k : kKindWords) {
    const std::string_view kv(k);
    if (folded.size() > kv.size() && folded.compare(0, kv.size(), kv) == 0) return folded.substr(kv.size());
  }
  return folded;
}

std::mutex g_installMutex;
std::vector<std::unique_ptr<Snapshot>> g_kept;  // every snapshot ever installed (see current())
std::atomic<const Snapshot*> g_current{nullptr};
std::atomic<int64_t> g_lastCheckMs{0};

}  // namespace

Snapshot::Snapshot(std::vector<AreaRecord> records, const std::vector<Succession>& successions, int64_t gen)
    : generation(gen) {
  auto keep = [this](std::string s) -> std::string_view { return m_text.emplace_back(std::move(s)); };
  for (AreaRecord& r : records) {
    AreaLevel level = AreaLevel::Ward;
    if (!areaLevelFromString(r.level, level)) continue;
    Area a{keep(std::move(r.code)),
           keep(std::move(r.name)),
           level,
           keep(std::move(r.parent)),
           keep(r.shortName.empty() ? std::string() : std::move(r.shortName)),
           keep(std::move(r.kind)),
           {},
           r.retired};
    if (a.shortName.empty()) a.shortName = a.name;
    const Area& stored = m_areas.emplace_back(a);
    m_byCode.emplace(stored.code, &stored);
  }
  for (const Succession& s : successions) {
    const Area* o = find(s.oldCode);
    const Area* n = find(s.newCode);
    if (!o || !n) continue;
    m_successors[o->code].push_back(n->code);
    m_predecessors[n->code].push_back(o->code);
  }
  // Labels: the name, then each ancestor's short name ("Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh").
  for (Area& a : m_areas) {
    std::string label(a.name);
    for (const Area* up = find(a.parent); up; up = up->parent.empty() ? nullptr : find(up->parent))
      label += ", " + std::string(up->shortName);
    a.label = keep(std::move(label));
  }
  // Hierarchical order of the current areas.
  std::map<std::string_view, std::vector<const Area*>> children;
  std::vector<const Area*> roots;
  for (const Area& a : m_areas) {
    if (a.retired) continue;
    if (a.parent.empty() || !find(a.parent))
      roots.push_back(&a);
    else
      children[a.parent].push_back(&a);
  }
  auto byCode = [](const Area* x, const Area* y) { return x->code < y->code; };
  std::sort(roots.begin(), roots.end(), byCode);
  for (auto& [_, list] : children) std::sort(list.begin(), list.end(), byCode);
  ordered.reserve(m_areas.size());
  std::vector<const Area*> stack(roots.rbegin(), roots.rend());
  while (!stack.empty()) {
    const Area* a = stack.back();
    stack.pop_back();
    ordered.push_back(*a);
    if (auto it = children.find(a->code); it != children.end())
      stack.insert(stack.end(), it->second.rbegin(), it->second.rend());
  }
  m_search.reserve(ordered.size());
  for (const Area& a : m_areas) {
    if (a.retired) continue;
    std::string full = foldForSearch(a.name);
    m_search.push_back({&a, withoutKind(full), full, " " + foldForSearch(a.label) + " "});
  }
}

const Area* Snapshot::find(std::string_view code) const {
  auto it = m_byCode.find(code);
  return it == m_byCode.end() ? nullptr : it->second;
}

bool Snapshot::contains(std::string_view area, std::string_view code) const {
  // Depth-bounded: a malformed table (a cycle) cannot loop forever.
  std::vector<std::pair<std::string_view, int>> todo{{code, 0}};
  while (!todo.empty()) {
    auto [c, depth] = todo.back();
    todo.pop_back();
    if (depth > 16) continue;
    for (const Area* a = find(c); a; a = a->parent.empty() ? nullptr : find(a->parent)) {
      if (a->code == area) return true;
      if (a->retired)
        if (auto it = m_successors.find(a->code); it != m_successors.end())
          for (std::string_view n : it->second) todo.push_back({n, depth + 1});
    }
  }
  return false;
}

std::vector<std::string> Snapshot::predecessors(std::string_view code) const {
  std::vector<std::string> out;
  std::vector<std::string_view> todo{code};
  while (!todo.empty() && out.size() < 10000) {
    std::string_view c = todo.back();
    todo.pop_back();
    if (auto it = m_predecessors.find(c); it != m_predecessors.end())
      for (std::string_view p : it->second)
        if (std::find(out.begin(), out.end(), p) == out.end()) {
          out.emplace_back(p);
          todo.push_back(p);
        }
  }
  return out;
}

const Area* Snapshot::currentOf(std::string_view code) const {
  const Area* a = find(code);
  for (int depth = 0; a && a->retired && depth < 16; ++depth) {
    auto it = m_successors.find(a->code);
    a = it == m_successors.end() || it->second.empty() ? nullptr : find(it->second.front());
  }
  return a && !a->retired ? a : nullptr;
}

std::vector<Snapshot::Hit> Snapshot::search(std::string_view query, size_t limit, std::string_view within,
                                            std::optional<AreaLevel> level) const {
  std::vector<Hit> hits;
  const std::string q = foldForSearch(query);
  if (q.empty() || limit == 0) return hits;
  std::vector<std::string> tokens;
  for (size_t p = 0; p < q.size();) {
    size_t e = q.find(' ', p);
    if (e == std::string::npos) e = q.size();
    tokens.push_back(" " + q.substr(p, e - p));
    p = e + 1;
  }
  auto allWordPrefixes = [&](const std::string& hay) {
    return std::all_of(tokens.begin(), tokens.end(),
                       [&](const std::string& t) { return hay.find(t) != std::string::npos; });
  };
  const std::string spacedCore;
  for (const SearchEntry& e : m_search) {
    if (level && e.area->level != *level) continue;
    int score;
    if (e.core == q || e.full == q || e.area->code == query)
      score = 0;
    else if (e.core.compare(0, q.size(), q) == 0)
      score = 1;
    else if (e.full.compare(0, q.size(), q) == 0)
      score = 2;
    else if (allWordPrefixes(" " + e.core + " "))
      score = 3;
    else if (allWordPrefixes(e.context))
      score = 4;
    else if (e.context.find(q) != std::string::npos)
      score = 5;
    else
      continue;
    if (!within.empty() && !contains(within, e.area->code)) continue;
    hits.push_back({e.area, score});
  }
  // Best score first; then the larger unit (a province before its communes), then the name.
  auto rank = [](const Hit& h) {
    return std::make_tuple(h.score, int(h.area->level), h.area->label.size(), h.area->label);
  };
  const size_t n = std::min(limit, hits.size());
  std::partial_sort(hits.begin(), hits.begin() + long(n), hits.end(),
                    [&](const Hit& a, const Hit& b) { return rank(a) < rank(b); });
  hits.resize(n);
  return hits;
}

const Snapshot& current() {
  if (const Snapshot* s = g_current.load()) return *s;
  std::lock_guard lock(g_installMutex);
  if (!g_current.load()) {
    g_kept.push_back(std::make_unique<Snapshot>(std::vector<AreaRecord>{}, std::vector<Succession>{}, -1));
    g_current.store(g_kept.back().get());
  }
  return *g_current.load();
}

void install(std::vector<AreaRecord> records, const std::vector<Succession>& successions, int64_t generation) {
  auto s = std::make_unique<Snapshot>(std::move(records), successions, generation);
  std::lock_guard lock(g_installMutex);
  g_kept.push_back(std::move(s));
  g_current.store(g_kept.back().get());
}

Status reload(Store& store) {
  auto t = store.areaTable();
  if (!t) return t.error();
  AreaTable table = std::move(t).value();
  install(std::move(table.areas), table.successions, table.generation);
  return Done{};
}

void refreshIfChanged(Store& store, int64_t nowMs) {
  int64_t last = g_lastCheckMs.load();
  if (current().generation >= 0 && nowMs - last < 5000 && nowMs >= last) return;
  if (!g_lastCheckMs.compare_exchange_strong(last, nowMs)) return;  // another request checks
  auto gen = store.areaGeneration();
  if (!gen) return;  // tried again in 5 s
  if (gen.value() != current().generation) (void)reload(store);
}

}  // namespace diemquet::server::areas
