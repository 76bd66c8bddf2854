// The office's spreadsheet cells: text that could start a formula is neutralised, CSV quoting.
#include <gtest/gtest.h>

#include "office/export_cells.hpp"

using namespace diemquet::server::office;

TEST(ExportCells, FormulaStartsAreNeutralised) {
  for (const char* s : {"=HYPERLINK(\"http://x\",\"bấm\")", "+84901234567", "-1+1", "@SUM(A1)", "\tx", "\rx"})
    EXPECT_EQ(spreadsheetText(s), std::string("'") + s) << s;
  for (const char* s : {"", "Nguyễn Văn An", "0901234567", "a=b", "Quán 1+1"}) EXPECT_EQ(spreadsheetText(s), s) << s;
}

TEST(ExportCells, CsvQuotesAfterNeutralising) {
  EXPECT_EQ(csvField("Nguyễn Văn An"), "Nguyễn Văn An");
  EXPECT_EQ(csvField("Phở, bún"), "\"Phở, bún\"");
  EXPECT_EQ(csvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csvField("=HYPERLINK(\"http://x\",\"bấm\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"bấm\"\")\"");
  EXPECT_EQ(csvField("=1+1"), "'=1+1");
  EXPECT_EQ(csvField("\r\n=1"), "\"'\r\n=1\"");
}
