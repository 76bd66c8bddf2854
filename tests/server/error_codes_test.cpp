// The one error vocabulary (server/http/error_codes.hpp): docs/api.md's "Errors" table lists
// exactly the table's codes with their statuses, every code is used by the server, and every
// `errorResponse(status, "code", …)` / `err(status, "code", …)` in server/ sends the status the
// table gives its code. (A code missing from the table does not compile: ErrorCode is consteval.)
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "http/api_types.hpp"

namespace diemquet::server {
namespace {

std::string readFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::set<int> statusesOf(const ErrorCodeInfo& e) {
  std::set<int> out{e.status};
  if (e.otherStatus) out.insert(e.otherStatus);
  return out;
}

// code -> statuses, from the table under "## Errors" in docs/api.md.
std::map<std::string, std::set<int>> documented() {
  const std::string doc = readFile(std::filesystem::path(DQ_SOURCE_DIR) / "docs/api.md");
  const size_t from = doc.find("\n## Errors\n");
  EXPECT_NE(from, std::string::npos) << "docs/api.md has no '## Errors' section";
  const size_t to = doc.find("\n## ", from + 1);
  std::istringstream lines(doc.substr(from, to - from));
  std::map<std::string, std::set<int>> out;
  const std::regex row(R"(^\| *([0-9][0-9, ]*) *\| *(.*?) *\| .*\|$)"), code("`([a-z0-9_]+)`"), status("[0-9]{3}");
  for (std::string line; std::getline(lines, line);) {
    std::smatch m;
    if (!std::regex_match(line, m, row)) continue;
    const std::string statuses = m[1], codes = m[2];
    for (std::sregex_iterator c(codes.begin(), codes.end(), code), end; c != end; ++c)
      for (std::sregex_iterator s(statuses.begin(), statuses.end(), status); s != end; ++s)
        out[(*c)[1]].insert(std::stoi(s->str()));
  }
  return out;
}

TEST(ErrorCodes, DocsListExactlyTheTable) {
  auto docs = documented();
  std::set<std::string> table;
  for (const ErrorCodeInfo& e : kErrorCodes) {
    const std::string code(e.code);
    EXPECT_TRUE(table.insert(code).second) << code << " is twice in kErrorCodes";
    ASSERT_TRUE(docs.count(code)) << "docs/api.md (Errors) does not list " << code;
    EXPECT_EQ(docs[code], statusesOf(e)) << code << ": docs/api.md gives other statuses than error_codes.hpp";
  }
  for (const auto& [code, statuses] : docs)
    EXPECT_TRUE(table.count(code)) << "docs/api.md (Errors) lists " << code << ", which the server never sends";
}

// Every use in server/: a literal status with a literal code (through errorResponse or an err
// wrapper), or a code chosen in code (ErrorCode("…")).
TEST(ErrorCodes, EveryUseSendsItsListedStatusAndEveryCodeIsUsed) {
  std::map<std::string, const ErrorCodeInfo*> table;
  for (const ErrorCodeInfo& e : kErrorCodes) table[std::string(e.code)] = &e;
  const std::regex call(R"re(\b(?:errorResponse|err)\(\s*([0-9]{3})\s*,\s*"([a-z0-9_]+)")re"),
      chosen(R"re(ErrorCode\("([a-z0-9_]+)"\))re");
  std::set<std::string> used;
  int calls = 0;
  for (const auto& f : std::filesystem::recursive_directory_iterator(std::filesystem::path(DQ_SOURCE_DIR) / "server")) {
    if (f.path().extension() != ".cpp" && f.path().extension() != ".hpp") continue;
    if (f.path().filename() == "error_codes.hpp") continue;
    const std::string src = readFile(f.path());
    for (std::sregex_iterator m(src.begin(), src.end(), call), end; m != end; ++m, ++calls) {
      const std::string code = (*m)[2];
      used.insert(code);
      ASSERT_TRUE(table.count(code)) << f.path() << ": " << code << " is not in error_codes.hpp";
      EXPECT_TRUE(statusesOf(*table[code]).count(std::stoi((*m)[1])))
          << f.path() << ": " << code << " sent with " << (*m)[1] << ", listed with " << table[code]->status;
    }
    for (std::sregex_iterator m(src.begin(), src.end(), chosen), end; m != end; ++m) used.insert((*m)[1]);
  }
  EXPECT_GT(calls, 100) << "the scan found too few error answers to be looking at the server";
  for (const auto& [code, e] : table) EXPECT_TRUE(used.count(code)) << code << " is listed but never sent";
}

TEST(ErrorCodes, TheAnswerCarriesTheCode) {
  const ApiResponse r = errorResponse(400, "bad_json", "The request body is not valid JSON.");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body, R"({"error":{"code":"bad_json","message":"The request body is not valid JSON."}})");
}

}  // namespace
}  // namespace diemquet::server
