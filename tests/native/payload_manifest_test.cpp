// Every card payload of the shared test set (data/vn-cards/manifest.tsv) parses with the right
// kind and fields; read at test time so a new row is tested without a code change.
#include "payload/payload_json.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>

#include "payload/normalize.hpp"
#include "text.hpp"

using namespace diemquet;

namespace {

// Undoes the manifest's escaping of tab, newline and backslash (and CR, seen in qr-photos).
std::string unescape(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      char n = s[++i];
      out.push_back(n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n);
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

struct Row {
  std::string file;
  std::string text;
};

// One row per distinct payload (the 9 pictures of a card share one text).
std::vector<Row> manifestPayloads() {
  std::ifstream in(std::string(DQ_SHARED_DIR) + "/data/vn-cards/manifest.tsv");
  std::vector<Row> rows;
  std::set<std::string> seen;
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (header) { header = false; continue; }
    size_t t1 = line.find('\t'), t2 = line.find('\t', t1 + 1), t3 = line.find('\t', t2 + 1);
    if (t3 == std::string::npos) continue;
    std::string text = unescape(line.substr(t2 + 1, t3 - t2 - 1));
    if (seen.insert(text).second) rows.push_back({line.substr(0, t1), text});
  }
  return rows;
}

// A name as cards print it: NFC, letters and spaces, at least two words, some diacritics
// somewhere in the set (checked by the caller).
void expectVietnameseName(const std::string& name, const std::string& file) {
  EXPECT_TRUE(text::isValidUtf8(name)) << file;
  EXPECT_EQ(payload::toNfc(name), name) << file;
  EXPECT_NE(name.find(' '), std::string::npos) << file;
  for (unsigned char c : name) EXPECT_TRUE(c >= 0x80 || c == ' ' || isalpha(c)) << file;
}

TEST(VnCardsManifest, HasBothKinds) {
  auto rows = manifestPayloads();
  ASSERT_EQ(rows.size(), 120u) << "manifest not found or changed: " << DQ_SHARED_DIR;
}

TEST(VnCardsManifest, EveryCccdParses) {
  int count = 0;
  for (const auto& row : manifestPayloads()) {
    if (row.file.rfind("cccd_", 0) != 0) continue;
    ++count;
    auto r = parsePayload(row.text);
    ASSERT_TRUE(r.ok()) << row.file << ": " << r.error().message;
    ASSERT_EQ(r->kind, PayloadKind::Cccd) << row.file;
    const auto& card = std::get<CccdCard>(r->details);
    auto f = payload::splitFields(row.text);
    EXPECT_EQ(card.id, f[0]) << row.file;
    EXPECT_EQ(card.name, f[2]) << row.file;
    EXPECT_EQ(card.address, f[5]) << row.file;
    EXPECT_EQ(r->person.key, card.id);
    EXPECT_EQ(r->person.displayName, card.name);
    EXPECT_EQ(r->person.birthYear, card.birthDate.year);
    EXPECT_EQ(card.birthDate.iso().substr(0, 4), std::string(f[3].substr(4, 4))) << row.file;
    EXPECT_EQ(toString(card.sex), f[4]) << row.file;
    EXPECT_TRUE(card.warnings.empty()) << row.file << ": " << card.warnings[0];
    expectVietnameseName(card.name, row.file);
  }
  EXPECT_EQ(count, 60);
}

TEST(VnCardsManifest, EveryBhytParsesAndNamesDecode) {
  int count = 0, withDiacritics = 0;
  for (const auto& row : manifestPayloads()) {
    if (row.file.rfind("bhyt_", 0) != 0) continue;
    ++count;
    auto r = parsePayload(row.text);
    ASSERT_TRUE(r.ok()) << row.file << ": " << r.error().message;
    ASSERT_EQ(r->kind, PayloadKind::Bhyt) << row.file;
    const auto& card = std::get<BhytCard>(r->details);
    auto f = payload::splitFields(row.text);
    EXPECT_EQ(card.layout, 'A');
    EXPECT_EQ(card.cardNumber, f[0]);
    EXPECT_EQ(r->person.key, card.cardNumber);
    // The decoded name re-encodes to the hex on the card: nothing lost, nothing invented.
    EXPECT_EQ(payload::encodeHexText(card.name), f[1]) << row.file;
    expectVietnameseName(card.name, row.file);
    EXPECT_FALSE(card.address.empty()) << row.file;
    EXPECT_NE(card.address.find(','), std::string::npos) << row.file;
    // Numeric fields stay as printed: never hex-decoded.
    EXPECT_EQ(card.managementCode, f[9]);
    EXPECT_EQ(card.checkString, f[13]);
    EXPECT_EQ(card.validFrom.iso(), std::string(f[6].substr(6, 4)) + "-" + std::string(f[6].substr(3, 2)) + "-" +
                                        std::string(f[6].substr(0, 2)));
    for (unsigned char c : card.name) withDiacritics += c >= 0x80;
  }
  EXPECT_EQ(count, 60);
  EXPECT_GT(withDiacritics, 60);  // names really decoded to Vietnamese, not left as ASCII hex
}

// The same person on both cards (formats.md's examples) gets the same name from both.
TEST(VnCards, BhytNameEqualsCccdNameForTheSamePerson) {
  auto cccd = parsePayload(
      "001099012345|012345678|Nguyễn Văn An|15081999|Nam|Số 1 Phố Giả, Phường Hàng Bạc, Quận Hoàn Kiếm, Hà "
      "Nội|20042021");
  auto bhyt = parsePayload(
      "GD4797900000001|4e677579e1bb856e2056c4836e20416e|15/08/1999|1|"
      "53e1bb912031205068e1bb91204769e1baa32c2048c3a0204ee1bb9969|01 - 001|01/01/2021|31/12/2021|01/01/2021|"
      "01001000000001|-|4|01/01/2026|0000000000000000-0000|$");
  ASSERT_TRUE(cccd.ok() && bhyt.ok());
  EXPECT_EQ(cccd->person.displayName, bhyt->person.displayName);
  EXPECT_EQ(cccd->person.birthYear, bhyt->person.birthYear);
  EXPECT_EQ(std::get<CccdCard>(cccd->details).birthDate, std::get<BhytCard>(bhyt->details).birthDate);
}

// Within the shared set, people who share a birth date and sex on both kinds of card must
// share a name too (the set has no such pairs today; the check guards future rows).
TEST(VnCardsManifest, SamePersonSameNameAcrossKinds) {
  std::map<std::string, std::string> cccdByBirth;
  for (const auto& row : manifestPayloads()) {
    auto r = parsePayload(row.text);
    if (r && r->kind == PayloadKind::Cccd) {
      const auto& c = std::get<CccdCard>(r->details);
      cccdByBirth[c.birthDate.iso() + std::string(toString(c.sex))] = c.name;
    }
  }
  for (const auto& row : manifestPayloads()) {
    auto r = parsePayload(row.text);
    if (!r || r->kind != PayloadKind::Bhyt) continue;
    const auto& b = std::get<BhytCard>(r->details);
    auto it = cccdByBirth.find(b.birthDate.iso() + std::string(toString(b.sex)));
    if (it != cccdByBirth.end() && it->second.substr(0, it->second.find(' ')) == b.name.substr(0, b.name.find(' ')))
      EXPECT_EQ(it->second, b.name) << row.file;
  }
}

}  // namespace
