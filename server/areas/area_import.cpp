// Validation first (every row, every parent, every succession), then the difference with the
// table, then one transaction with only the rows that differ.
#include "area_import.hpp"

#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "payload/normalize.hpp"
#include "registry.hpp"
#include "text.hpp"

namespace diemquet::server::areas {

namespace {

using nlohmann::json;

constexpr size_t kMaxAreas = 200'000;

Error bad(const std::string& m) {
  return makeError(ErrorKind::Malformed, m);
}

bool validCode(const std::string& c) {
  if (c.empty() || c.size() > 16) return false;
  for (char ch : c)
    if (!std::isalnum(static_cast<unsigned char>(ch))) return false;
  return true;
}

std::string str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool validText(const std::string& s, size_t maxBytes, bool required) {
  if (required && s.empty()) return false;
  return s.size() <= maxBytes && text::isValidUtf8(s) && !text::hasControlChars(s);
}

}  // namespace

Result<ImportSummary> importAreas(Store& store, const std::string& fileText, const std::string& mapCsv, int64_t nowMs) {
  if (!text::isValidUtf8(fileText)) return bad("the file is not valid UTF-8");
  json doc = json::parse(fileText, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return bad("the file is not a JSON object");
  if (str(doc, "format") != "diemquet-areas/1")
    return bad("the file's \"format\" must be \"diemquet-areas/1\" (made by tools/areas/normalize.mjs)");
  auto list = doc.find("areas");
  if (list == doc.end() || !list->is_array() || list->empty() || list->size() > kMaxAreas)
    return bad("\"areas\" must be a list of 1 to 200000 areas");
  ImportSummary sum;
  sum.structure = str(doc, "structure");
  sum.source = str(doc, "source");
  if (!validText(sum.source, 500, false) || !validText(sum.structure, 50, false))
    return bad("bad \"source\" or \"structure\"");
  const bool reorganisation = doc.value("reorganisation", false);

  // Every row on its own.
  std::vector<AreaRecord> rows;
  std::unordered_map<std::string, size_t> index;
  for (size_t i = 0; i < list->size(); ++i) {
    const json& a = (*list)[i];
    const std::string where = "area #" + std::to_string(i + 1);
    if (!a.is_object()) return bad(where + " is not an object");
    AreaRecord r{str(a, "code"), str(a, "name"), str(a, "short"), str(a, "level"), str(a, "parent"), str(a, "kind")};
    // Names stored NFC, like every text: a package's decomposed mark ("Đỏ" as o + U+0309, ten
    // communes of the 2025 list) was drawn as a box and missed by searches typed composed.
    if (text::isValidUtf8(r.name)) r.name = payload::toNfc(r.name);
    if (text::isValidUtf8(r.shortName)) r.shortName = payload::toNfc(r.shortName);
    AreaLevel level;
    if (!validCode(r.code)) return bad(where + ": \"code\" must be 1 to 16 letters or digits");
    if (!validText(r.name, 200, true)) return bad(where + " (" + r.code + "): \"name\" must be 1 to 200 bytes of text");
    if (!validText(r.shortName, 200, false) || !validText(r.kind, 32, false))
      return bad(where + " (" + r.code + "): \"short\" or \"kind\" is not short text");
    if (!areaLevelFromString(r.level, level))
      return bad(where + " (" + r.code + "): \"level\" must be province, district or ward");
    if ((level == AreaLevel::Province) != r.parent.empty())
      return bad(where + " (" + r.code + "): a province has no parent, every other area has one");
    if (!index.emplace(r.code, rows.size()).second) return bad("code " + r.code + " appears twice in the file");
    rows.push_back(std::move(r));
  }

  // The table as it is.
  auto cur = store.areaTable();
  if (!cur) return cur.error();
  std::unordered_map<std::string, AreaRecord> existing;
  for (const AreaRecord& a : cur->areas) existing.emplace(a.code, a);
  std::set<std::pair<std::string, std::string>> knownSuccessions;
  for (const Succession& x : cur->successions) knownSuccessions.insert({x.oldCode, x.newCode});

  // Parents: in the file, or (an additive import) current in the table; levels nest.
  auto levelOf = [&](const std::string& code) -> std::string {
    if (auto it = index.find(code); it != index.end()) return rows[it->second].level;
    if (!reorganisation)
      if (auto it = existing.find(code); it != existing.end() && !it->second.retired) return it->second.level;
    return {};
  };
  for (const AreaRecord& r : rows) {
    if (r.parent.empty()) continue;
    const std::string pl = levelOf(r.parent);
    if (pl.empty()) return bad("area " + r.code + " (" + r.name + "): its parent " + r.parent + " is not in the file");
    const bool ok =
        (r.level == "district" && pl == "province") || (r.level == "ward" && (pl == "province" || pl == "district"));
    if (!ok) return bad("area " + r.code + " (" + r.name + ") is a " + r.level + " inside a " + pl);
  }
  for (const AreaRecord& r : rows) {
    ++sum.inFile[r.level];
    if (!r.kind.empty()) ++sum.inFile[r.level + ":" + r.kind];
  }

  // Successions: in the file and in --map.
  std::vector<Succession> successions;
  if (auto s = doc.find("successors"); s != doc.end()) {
    if (!s->is_array()) return bad("\"successors\" must be a list of {\"old\": CODE, \"new\": CODE}");
    for (const json& m : *s) {
      if (!m.is_object()) return bad("\"successors\" must be a list of {\"old\": CODE, \"new\": CODE}");
      successions.push_back({str(m, "old"), str(m, "new")});
    }
  }
  std::istringstream csv(mapCsv);
  for (std::string line; std::getline(csv, line);) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.empty() || line[0] == '#' || line.rfind("old", 0) == 0) continue;
    const size_t comma = line.find(',');
    if (comma == std::string::npos)
      return bad("--map: each line must be old_code,new_code (got \"" + line.substr(0, 40) + "\")");
    successions.push_back({line.substr(0, comma), line.substr(comma + 1)});
  }
  for (const Succession& s : successions) {
    if (!validCode(s.oldCode) || !validCode(s.newCode)) return bad("a succession has a malformed code");
    if (!index.count(s.newCode))
      return bad("succession " + s.oldCode + " -> " + s.newCode + ": " + s.newCode + " is not in the file");
    if (!existing.count(s.oldCode) && !index.count(s.oldCode))
      return bad("succession " + s.oldCode + " -> " + s.newCode + ": " + s.oldCode + " was never imported");
    if (s.oldCode == s.newCode) return bad("succession " + s.oldCode + " -> itself");
  }

  // What changes.
  AreaImportWrite write;
  write.source = sum.source;
  write.structure = sum.structure;
  write.nowMs = nowMs;
  for (const AreaRecord& r : rows) {
    auto it = existing.find(r.code);
    if (it == existing.end()) {
      ++sum.added;
      write.upserts.push_back(r);
    } else {
      const AreaRecord& e = it->second;
      if (e.retired || e.name != r.name || e.shortName != r.shortName || e.level != r.level || e.parent != r.parent ||
          e.kind != r.kind) {
        ++sum.changed;
        write.upserts.push_back(r);
      } else {
        ++sum.unchanged;
      }
    }
  }
  if (reorganisation)
    for (const auto& [code, e] : existing)
      if (!e.retired && !index.count(code)) write.retire.push_back(code);
  sum.retired = int64_t(write.retire.size());
  for (const Succession& s : successions) {
    if (knownSuccessions.insert({s.oldCode, s.newCode}).second) write.successions.push_back(s);
  }
  sum.successions = int64_t(write.successions.size());

  // A commune that holds venues is never retired without saying where it went.
  if (!write.retire.empty()) {
    auto wards = store.wardsWithVenues();
    if (!wards) return wards.error();
    std::vector<std::string> orphaned;
    std::set<std::string> retiring(write.retire.begin(), write.retire.end()), hasSuccessor;
    for (const auto& [o, n] : knownSuccessions) hasSuccessor.insert(o);  // the new ones are in it too
    for (const std::string& ward : wards.value())
      if (retiring.count(ward) && !hasSuccessor.count(ward)) orphaned.push_back(ward);
    if (!orphaned.empty())
      return bad(std::to_string(orphaned.size()) +
                 " commune(s) holding venues would be retired without a successor (e.g. " + orphaned.front() +
                 "): add them to \"successors\" or --map");
  }
  if (!sum.changedAnything()) return sum;

  std::ostringstream detail;
  detail << "added " << sum.added << ", changed " << sum.changed << ", retired " << sum.retired << ", successions "
         << sum.successions;
  write.auditDetail = detail.str();
  if (auto w = store.writeAreaImport(write); !w) return w.error();
  return sum;
}

namespace {

bool readFile(const std::string& path, std::string& out) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return false;
  std::ostringstream s;
  s << f.rdbuf();
  out = s.str();
  return true;
}

}  // namespace

int adminCommand(const std::string& cmd, const std::function<std::string(const std::string&)>& opt, Store& store,
                 int64_t nowMs) {
  if (cmd == "import-areas") {
    std::string file, map;
    if (opt("file").empty()) {
      std::cerr << "error: import-areas needs --file AREAS.json [--map OLD_NEW.csv]\n";
      return 2;
    }
    if (!readFile(opt("file"), file)) {
      std::cerr << "error: cannot read " << opt("file") << "\n";
      return 2;
    }
    if (!opt("map").empty() && !readFile(opt("map"), map)) {
      std::cerr << "error: cannot read " << opt("map") << "\n";
      return 2;
    }
    auto r = importAreas(store, file, map, nowMs);
    if (!r) {
      std::cerr << "error: " << r.error().message << " (nothing was imported)\n";
      return r.error().kind == ErrorKind::Malformed ? 2 : 1;
    }
    const ImportSummary& s = r.value();
    json in = json::object();
    for (const auto& [k, n] : s.inFile) in[k] = n;
    std::cout << json{{"structure", s.structure}, {"source", s.source},          {"inFile", in},
                      {"added", s.added},         {"changed", s.changed},        {"unchanged", s.unchanged},
                      {"retired", s.retired},     {"successions", s.successions}}
                     .dump()
              << "\n";
    return 0;
  }
  if (cmd == "area-stats") {
    auto r = store.areaStats();
    if (!r) {
      std::cerr << "error: " << r.error().message << "\n";
      return 1;
    }
    json levels = json::object(), kinds = json::object();
    for (const AreaStats::Count& c : r->current) {
      levels[c.level] = levels.value(c.level, int64_t(0)) + c.areas;
      kinds[c.level + ":" + c.kind] = c.areas;
    }
    std::cout
        << json{{"current", levels}, {"kinds", kinds}, {"retired", r->retired}, {"successions", r->successions}}.dump()
        << "\n";
    return 0;
  }
  return -1;
}

}  // namespace diemquet::server::areas
