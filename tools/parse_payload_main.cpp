// dq-parse-payload: reads one scan per line on stdin (escaped as in the test manifests: \t \n
// \\, and \r) and prints one JSON line per scan, exactly what the core's parsePayload returns.
#include <iostream>
#include <string>

#include "payload/payload_json.hpp"

namespace {

// Undoes the manifests' escaping; any other backslash pair is kept as it is.
std::string unescape(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    char n = i + 1 < s.size() ? s[i + 1] : 0;
    if (s[i] == '\\' && (n == 't' || n == 'n' || n == 'r' || n == '\\')) {
      ++i;
      out.push_back(n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : '\\');
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1) {
    std::cerr << "usage: dq-parse-payload < scans.txt   (one scan per line; \\t \\n \\\\ escaped)\n";
    return 2;
  }
  std::ios::sync_with_stdio(false);
  std::string line;
  while (std::getline(std::cin, line)) std::cout << diemquet::toJsonLine(diemquet::parsePayload(unescape(line))) << '\n';
  return 0;
}
