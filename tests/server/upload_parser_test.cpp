// The streaming upload parser must accept and refuse exactly what the JSON-tree path
// (json::parse + checkInFromJson) accepts and refuses, with the same messages: it replaced that
// path in Api::upload for speed only.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "check_in_json.hpp"
#include "sync/upload_parser.hpp"

using namespace diemquet;
using namespace diemquet::server;
using nlohmann::json;

namespace {

// What the tree path makes of a body, in the same shape as UploadBody.
struct TreeView {
  bool badJson = false, notObject = false, checkInsIsArray = false;
  std::vector<Result<CheckIn>> items;
};

TreeView viaTree(const std::string& body) {
  TreeView v;
  json j = json::parse(body, nullptr, false);
  if (j.is_discarded()) return v.badJson = true, v;
  if (!j.is_object()) return v.notObject = true, v;
  auto list = j.find("checkIns");
  v.checkInsIsArray = list != j.end() && list->is_array();
  if (v.checkInsIsArray)
    for (const json& item : *list) v.items.push_back(checkInFromJson(item));
  return v;
}

void expectSame(const std::string& body) {
  SCOPED_TRACE(body);
  TreeView tree = viaTree(body);
  UploadBody sax = parseUploadBody(body);
  EXPECT_EQ(tree.badJson, sax.problem == UploadBody::Problem::BadJson);
  EXPECT_EQ(tree.notObject, sax.problem == UploadBody::Problem::NotObject);
  if (tree.badJson || tree.notObject) return;
  ASSERT_EQ(tree.checkInsIsArray, sax.checkInsIsArray);
  ASSERT_EQ(tree.items.size(), sax.items.size());
  for (size_t i = 0; i < tree.items.size(); ++i) {
    auto mine = sax.items[i].isObject ? checkInFromFields(sax.items[i].fields)
                                      : Result<CheckIn>(makeError(ErrorKind::Malformed, "a check-in must be a JSON object"));
    ASSERT_EQ(tree.items[i].ok(), mine.ok()) << "item " << i;
    if (mine.ok()) {
      EXPECT_TRUE(tree.items[i].value() == mine.value()) << "item " << i;
    } else {
      EXPECT_EQ(tree.items[i].error().message, mine.error().message) << "item " << i;
      EXPECT_EQ(tree.items[i].error().field, mine.error().field) << "item " << i;
    }
  }
}

std::string good(int seq) {
  return R"({"device":"st-a","seq":)" + std::to_string(seq) +
         R"(,"venue":"v1","scanPoint":"gate","kind":"cccd","personKey":"001099012345","name":"Nguyễn Văn An",)"
         R"("phone":"0901234567","birthYear":1990,"dir":"in","ts":1709280000000,"tz":420,"voided":false})";
}

}  // namespace

TEST(UploadParser, AgreesWithTheJsonTreeOnWellFormedBatches) {
  expectSame(R"({"device":"st-a","checkIns":[)" + good(1) + "," + good(2) + "]}");
  expectSame(R"({"checkIns":[)" + good(7) + R"(],"device":"st-a","extra":{"a":[1,{"b":2}]}})");
  expectSame(R"({"device":"st-a","checkIns":[]})");
}

TEST(UploadParser, AgreesOnEveryKindOfBadInput) {
  std::vector<std::string> bodies = {
      "", "{not json", "[1,2]", "42", "\"text\"", "null", "{}", R"({"device":"st-a"})",
      R"({"device":"st-a","checkIns":{}})", R"({"device":"st-a","checkIns":null})",
      R"({"device":7,"checkIns":[]})", R"({"device":["st-a"],"checkIns":[]})",
      R"({"device":"st-a","checkIns":[42, "x", null, [1,2], {}]})",
      R"({"device":"st-a","checkIns":[{"seq":"1"}]})",
      R"({"device":"st-a","checkIns":[{"seq":1.5}]})",
      R"({"device":"st-a","checkIns":[{"seq":18446744073709551615}]})",
      R"({"device":"st-a","checkIns":[)" + good(1) + "]",  // truncated
      R"({"device":"st-a","checkIns":[)" + good(1) + "]}{}",  // trailing garbage
      // A repeated key: the last one wins in both.
      R"({"device":"st-a","checkIns":[1],"checkIns":[)" + good(3) + "]}",
      R"({"device":"st-a","checkIns":[)" + good(3) + R"(],"checkIns":"no"})",
      R"({"device":"st-a","checkIns":[{"seq":1,"seq":"x"}]})",
  };
  for (const std::string repeat : {R"(,"seq":"x")", R"(,"seq":9)", R"(,"name":"B")", R"(,"voided":true)"}) {
    std::string c = good(1);
    c.insert(c.size() - 1, repeat);  // a repeated field inside a check-in: the last one wins
    bodies.push_back(R"({"device":"st-a","checkIns":[)" + c + "]}");
  }
  for (const auto& b : bodies) expectSame(b);
  // Every field of a good check-in replaced by values of the wrong kinds, nested ones included.
  json base = json::parse(good(1));
  for (const auto& [key, _] : base.items()) {
    for (const json& bad : {json(nullptr), json(1.5), json("x"), json(-3), json(true), json::array({1}),
                            json::object({{"a", 1}}), json(""), json(std::string(500, 'a'))}) {
      json c = base;
      c[key] = bad;
      expectSame(json{{"device", "st-a"}, {"checkIns", {c}}}.dump());
    }
    json c = base;
    c.erase(key);
    expectSame(json{{"device", "st-a"}, {"checkIns", {c}}}.dump());
  }
}
