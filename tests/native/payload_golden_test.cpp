// Golden payload cases: tests/samples/<kind>/<case>.txt (the raw scan, byte for byte) and
// <case>.json (the expected result; every key given must match, keys left out are not checked).
#include "payload/payload_json.hpp"
#include "person_rules.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace diemquet;
using nlohmann::json;

namespace {

std::string readFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// "<kind>/<case>" for every .txt with a .json beside it.
std::vector<std::string> goldenCases() {
  std::vector<std::string> out;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(DQ_SAMPLES_DIR, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    const auto& p = it->path();
    if (p.extension() != ".txt") continue;
    auto expected = p;
    expected.replace_extension(".json");
    if (!std::filesystem::exists(expected)) continue;
    out.push_back(p.parent_path().filename().string() + "/" + p.stem().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Every key of `expected` must be in `actual` with an equal value (recursively for objects).
void expectSubset(const json& expected, const json& actual, const std::string& path) {
  if (expected.is_object()) {
    ASSERT_TRUE(actual.is_object()) << path << " is not an object in " << actual.dump();
    for (auto it = expected.begin(); it != expected.end(); ++it) {
      ASSERT_TRUE(actual.contains(it.key())) << path << "." << it.key() << " missing in " << actual.dump();
      expectSubset(it.value(), actual[it.key()], path + "." + it.key());
    }
  } else {
    EXPECT_EQ(expected, actual) << "at " << path;
  }
}

class Golden : public testing::TestWithParam<std::string> {};

TEST_P(Golden, MatchesExpected) {
  std::filesystem::path base = std::filesystem::path(DQ_SAMPLES_DIR) / GetParam();
  std::string raw = readFile(base.string() + ".txt");
  json expected = json::parse(readFile(base.string() + ".json"), nullptr, false);
  ASSERT_FALSE(expected.is_discarded()) << "bad JSON in " << GetParam() << ".json";
  auto r = parsePayload(raw);
  json actual = r ? toJson(r.value()) : toJson(r.error());
  // A case expecting an error must not pass by producing a value, and vice versa.
  ASSERT_EQ(expected.contains("error"), !r.ok()) << actual.dump();
  expectSubset(expected, actual, "$");
  // What a parser accepts, the server's person rule accepts too (an upload is never refused
  // for a card the station read).
  if (r && r->kind != PayloadKind::Poster) {
    auto st = validatePerson(r->person);
    EXPECT_TRUE(st) << (st ? "" : st.error().message);
  }
}

std::string caseName(const testing::TestParamInfo<std::string>& info) {
  std::string n = info.param;
  for (char& c : n)
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  return n;
}

INSTANTIATE_TEST_SUITE_P(Samples, Golden, testing::ValuesIn(goldenCases()), caseName);

// Guards against the samples folder silently not being found (no cases = no failures).
TEST(GoldenSamples, AreFound) { EXPECT_GE(goldenCases().size(), 40u); }

}  // namespace
