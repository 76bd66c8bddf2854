// The server's command line, parsed by Boost.Program_options against one table of commands
// and the options each one takes (command_line.cpp). An unknown command, an unknown or
// misspelled option, a missing value or a stray argument is a usage error (exit 2), so a
// typo such as `--venu` never silently falls back to a default.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace diemquet::server::cli {

struct Args {
  std::vector<std::string> positional;  // "serve" | "migrate" | "admin" SUBCOMMAND | "help"
  std::map<std::string, std::string> opts;
  bool has(const std::string& k) const { return opts.count(k) > 0; }
  std::string get(const std::string& k, const std::string& def = {}) const {
    auto it = opts.find(k);
    return it == opts.end() ? def : it->second;
  }
};

struct ParseResult {
  Args args;
  std::string error;  // empty when the command line is valid
  bool helpAsked = false;
};

ParseResult parse(int argc, const char* const* argv);

// The options one command takes ("serve", "migrate", "admin issue-code", ...), for tests and
// for "did you mean" in errors; empty when the command is unknown.
std::vector<std::string> optionsOf(const std::string& command);

}  // namespace diemquet::server::cli
