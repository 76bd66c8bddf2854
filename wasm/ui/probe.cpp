#include "probe.hpp"

#include <cstdio>

namespace diemquet::ui::probe {

namespace {
std::string g_building, g_last = "{\"frame\":0,\"items\":[]}";
std::string g_spokenBuilding, g_spoken;
unsigned long g_frame = 0;
bool g_first = true;

void appendEscaped(std::string& o, const std::string& s) {
  for (char c : s) {
    if (c == '"' || c == '\\') {
      o += '\\';
      o += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char b[8];
      std::snprintf(b, sizeof b, "\\u%04x", c);
      o += b;
    } else
      o += c;
  }
}
bool endsWith(const std::string& s, const char* tail) {
  const std::string t(tail);
  return s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0;
}

bool spoken(const std::string& id) {
  return endsWith(id, ".title") || id.rfind("status.", 0) == 0 || endsWith(id, ".error") || id == "top.offline";
}
}  // namespace

void beginFrame() {
  g_spokenBuilding.clear();
  g_building = "{\"items\":[";
  g_first = true;
}

void add(const char* kind, const std::string& id, const std::string& text, float x, float y, float w, float h) {
  if (!text.empty() && spoken(id) && g_spokenBuilding.find(text) == std::string::npos) {
    if (!g_spokenBuilding.empty()) g_spokenBuilding += ". ";
    g_spokenBuilding += text;
  }
  if (!g_first) g_building += ',';
  g_first = false;
  g_building += "{\"kind\":\"";
  g_building += kind;
  g_building += "\",\"id\":\"";
  appendEscaped(g_building, id);
  g_building += "\",\"text\":\"";
  appendEscaped(g_building, text);
  char geom[96];
  std::snprintf(geom, sizeof geom, "\",\"x\":%.1f,\"y\":%.1f,\"w\":%.1f,\"h\":%.1f}", x, y, w, h);
  g_building += geom;
}

void endFrame() {
  char tail[48];
  std::snprintf(tail, sizeof tail, "],\"frame\":%lu}", ++g_frame);
  g_building += tail;
  g_last.swap(g_building);
  g_spoken.swap(g_spokenBuilding);
}

const std::string& lastFrameSpoken() {
  return g_spoken;
}

const std::string& lastFrameJson() {
  return g_last;
}

}  // namespace diemquet::ui::probe
