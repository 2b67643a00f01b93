#include "base/text.h"

#include <gtest/gtest.h>

#include "base/error.h"

namespace xinzhi::text {

TEST(Utf8, AcceptsChineseAndRejectsBrokenSequences) {
  EXPECT_TRUE(is_valid_utf8("天津市滨海新区"));
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_FALSE(is_valid_utf8("\xE5\xA4"));          // truncated 天
  EXPECT_FALSE(is_valid_utf8("abc\xFF"));           // never valid in UTF-8
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // UTF-16 surrogate
  EXPECT_TRUE(is_valid_utf8("\xEF\xBF\xBD"));       // U+FFFD itself is fine
}

TEST(NameKey, FoldsWidthSpacesAndCase) {
  EXPECT_EQ(name_key("Claude 4"), name_key("Claude4"));
  EXPECT_EQ(name_key("Labubu"), name_key("LABUBU"));
  EXPECT_EQ(name_key("互联网+医疗"), name_key("互联网＋医疗"));
  EXPECT_NE(name_key("华为"), name_key("华帝"));
  EXPECT_EQ(fold_width("（上海）"), "(上海)");
}

TEST(SearchText, KeepsOneSpaceBetweenWordsAndFoldsWidthAndCase) {
  EXPECT_EQ(search_text("  Lithium \t BATTERY "), "lithium battery");
  EXPECT_EQ(search_text("Ｅｘａｍｐｌｅ　Ｃｏｒｐ"), "example corp");  // full width, ideographic space
  EXPECT_EQ(search_text("锂电池"), "锂电池");
  EXPECT_EQ(search_text(" \n "), "");
}

TEST(Text, TrimSplitAndCount) {
  EXPECT_EQ(trim("  a b\t\r\n"), "a b");
  EXPECT_EQ(trim("   "), "");
  auto parts = split("a\tb\t", '\t');
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[2], "");
  EXPECT_EQ(codepoints("天津ab"), 4u);
}

TEST(Errors, MapToStatusesAndExitCodes) {
  EXPECT_EQ(http_status(ErrorCode::InvalidInput), 400);
  EXPECT_EQ(http_status(ErrorCode::NotFound), 404);
  EXPECT_EQ(http_status(ErrorCode::Conflict), 409);
  EXPECT_EQ(http_status(ErrorCode::Unavailable), 503);
  EXPECT_EQ(exit_code(ErrorCode::InvalidInput), 2);
  EXPECT_EQ(exit_code(ErrorCode::Internal), 1);
  EXPECT_EQ(error_code_name(ErrorCode::InvalidInput), "invalid_input");
}

// A client's text in a log line: it can neither start a forged line nor reach the terminal
// as an escape sequence; Chinese and ordinary punctuation stay as they are.
TEST(Text, PrintableEscapesControlsAndBrokenUtf8) {
  EXPECT_EQ(printable("/x\n2026 warning account admin locked"), "/x\\n2026 warning account admin locked");
  EXPECT_EQ(printable("\x1b[31m红\x7f"), "\\x1b[31m红\\x7f");
  EXPECT_EQ(printable("a\\b\tc\r"), "a\\\\b\\tc\\r");
  EXPECT_EQ(printable(std::string("\xc2\x9b", 2)), "\\xc2\\x9b");  // C1 CSI
  EXPECT_EQ(printable(std::string("\xff\xe5\xa4", 3)), "\\xff\\xe5\\xa4");  // not UTF-8
  EXPECT_EQ(printable("天津市（示例）"), "天津市（示例）");
  EXPECT_EQ(printable(std::string("nul\0x", 5)), "nul\\x00x");
}

}
