#include "ingest/text_staging.h"

#include <gtest/gtest.h>

#include "core/crypto.h"
#include "support/temp_dir.h"

namespace gongshu::ingest {
namespace {

namespace fs = std::filesystem;

struct Staged {
  Result<StagedText> result;
  std::string output;
};

Staged Stage(const testing::TempDir& dir, const std::string& content, TextStagingOptions o = {}) {
  auto src = dir.Write("src.txt", content);
  auto dest = dir.path() / "out.txt";
  fs::remove(dest);
  auto r = StageText(src, dest, o);
  std::string out = fs::exists(dest) ? testing::ReadFile(dest) : "";
  return {std::move(r), std::move(out)};
}

TEST(TextStaging, Utf8IsCopiedAndHashed) {
  testing::TempDir dir;
  auto s = Stage(dir, "a,b\n中,文\n");
  ASSERT_TRUE(s.result.ok()) << s.result.error().message;
  EXPECT_EQ(s.result->encoding, TextEncoding::kUtf8);
  EXPECT_FALSE(s.result->had_bom);
  EXPECT_EQ(s.output, "a,b\n中,文\n");
  EXPECT_EQ(s.result->checksum, Sha256Hex("a,b\n中,文\n"));
  EXPECT_EQ(s.result->source_bytes, 12);
  EXPECT_EQ(s.result->first_char, 'a');
  EXPECT_EQ(static_cast<unsigned char>(s.result->last_char), 0x87);  // last byte of 文 (E6 96 87)
}

TEST(TextStaging, BomIsStripped) {
  testing::TempDir dir;
  auto s = Stage(dir, "\xEF\xBB\xBFx\n1\n");
  ASSERT_TRUE(s.result.ok());
  EXPECT_TRUE(s.result->had_bom);
  EXPECT_EQ(s.output, "x\n1\n");
  EXPECT_EQ(s.result->checksum, Sha256Hex("x\n1\n"));
  EXPECT_EQ(s.result->source_bytes, 7);
  EXPECT_EQ(s.result->utf8_bytes, 4);
}

TEST(TextStaging, GbkIsDetectedAndConverted) {
  testing::TempDir dir;
  auto s = Stage(dir, "\xC3\xFB\xB3\xC6,\xCA\xFD\xC1\xBF\n\xB1\xB1\xBE\xA9,1\n");
  ASSERT_TRUE(s.result.ok()) << s.result.error().message;
  EXPECT_EQ(s.result->encoding, TextEncoding::kGb18030);
  EXPECT_EQ(s.output, "名称,数量\n北京,1\n");
  EXPECT_EQ(s.result->checksum, Sha256Hex("名称,数量\n北京,1\n"));
  // GB18030 four-byte sequences (U+20000) and the euro sign.
  auto four = Stage(dir, "x\n\x95\x32\x82\x36,\xA2\xE3\n",
                    TextStagingOptions{.declared = TextEncoding::kGb18030});
  ASSERT_TRUE(four.result.ok());
  EXPECT_EQ(four.output, "x\n𠀀,€\n");
}

TEST(TextStaging, CharactersAcrossBlockBoundaries) {
  testing::TempDir dir;
  // 1 MiB blocks: put multi-byte characters across the first boundary at every alignment.
  for (size_t shift = 0; shift < 3; ++shift) {
    std::string utf8(kHeadBytes - shift - 1, 'a');
    for (int i = 0; i < 10; ++i) utf8 += "公数";
    auto s = Stage(dir, utf8);
    ASSERT_TRUE(s.result.ok()) << s.result.error().message;
    EXPECT_EQ(s.output, utf8);
    EXPECT_EQ(s.result->encoding, TextEncoding::kUtf8);
    std::string gbk(kHeadBytes - shift, 'a');
    std::string expect = gbk;
    for (int i = 0; i < 10; ++i) {
      gbk += "\xB1\xB1\xBE\xA9";
      expect += "北京";
    }
    auto g = Stage(dir, gbk);
    ASSERT_TRUE(g.result.ok()) << g.result.error().message;
    EXPECT_EQ(g.result->encoding,
              TextEncoding::kGb18030);  // ASCII head, GBK later: re-read as GB18030
    EXPECT_EQ(g.output, expect);
  }
}

TEST(TextStaging, InvalidBytesReportOffsetAndLine) {
  testing::TempDir dir;
  auto s =
      Stage(dir, "a\nb\n\xC3\xA9\nc\xFF\n", TextStagingOptions{.declared = TextEncoding::kUtf8});
  ASSERT_FALSE(s.result.ok());
  EXPECT_EQ(s.result.error().code, "ingest.invalid_encoding");
  EXPECT_EQ(s.result.error().kind, ErrorKind::kUnprocessable);
  EXPECT_NE(s.result.error().message.find("offset 8"), std::string::npos)
      << s.result.error().message;
  EXPECT_NE(s.result.error().message.find("line 4"), std::string::npos);
  // A damaged UTF-8 file is reported, not decoded as GB18030 mojibake.
  auto damaged = Stage(dir, "名称,数量\n北京,1\n上海\xFF,2\n");
  ASSERT_FALSE(damaged.result.ok());
  EXPECT_EQ(damaged.result.error().code, "ingest.invalid_encoding");
  EXPECT_NE(damaged.result.error().message.find("line 3"), std::string::npos)
      << damaged.result.error().message;
  // Invalid GB18030 (0xFF is never a lead byte).
  auto gb =
      Stage(dir, "x\n\xB1\xB1\n\xFF\xFF\n", TextStagingOptions{.declared = TextEncoding::kGb18030});
  ASSERT_FALSE(gb.result.ok());
  EXPECT_NE(gb.result.error().message.find("line 3"), std::string::npos)
      << gb.result.error().message;
  EXPECT_NE(gb.result.error().message.find("offset 5"), std::string::npos);
  // Neither encoding.
  auto junk = Stage(dir, std::string("\x80\x80\xFF\xFE\x00\x01", 6) + "abc");
  ASSERT_FALSE(junk.result.ok());
  EXPECT_EQ(junk.result.error().code, "ingest.unknown_encoding_content");
}

TEST(TextStaging, Utf16WithBom) {
  testing::TempDir dir;
  std::string le(
      "\xFF\xFE"
      "a\0,\0\x6C\x51\n\0",
      10);  // "a,公\n"
  auto s = Stage(dir, le);
  ASSERT_TRUE(s.result.ok()) << s.result.error().message;
  EXPECT_EQ(s.result->encoding, TextEncoding::kUtf16);
  EXPECT_EQ(s.output, "a,公\n");
}

TEST(TextStaging, InPlaceWhenAllowed) {
  testing::TempDir dir;
  auto src = dir.Write("in.csv", "a\n1\n");
  auto dest = dir.path() / "never.csv";
  auto r = StageText(src, dest, TextStagingOptions{.allow_in_place = true});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->in_place);
  EXPECT_FALSE(fs::exists(dest));
  EXPECT_EQ(r->checksum, Sha256Hex("a\n1\n"));
  // A BOM needs a rewrite even in place.
  auto bom = dir.Write("bom.csv",
                       "\xEF\xBB\xBF"
                       "a\n");
  auto r2 = StageText(bom, dest, TextStagingOptions{.allow_in_place = true});
  ASSERT_TRUE(r2.ok());
  EXPECT_FALSE(r2->in_place);
  EXPECT_EQ(testing::ReadFile(dest), "a\n");
}

TEST(TextStaging, CancelledAndMissing) {
  testing::TempDir dir;
  auto s = Stage(dir, "a\n", TextStagingOptions{.cancelled = [] { return true; }});
  ASSERT_FALSE(s.result.ok());
  EXPECT_EQ(s.result.error().code, "ingest.cancelled");
  auto m = StageText(dir.path() / "missing", dir.path() / "o", {});
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().code, "ingest.source_not_found");
}

TEST(TextStaging, EncodingNames) {
  EXPECT_EQ(ParseEncoding("").value(), std::nullopt);
  EXPECT_EQ(ParseEncoding("UTF-8").value(), TextEncoding::kUtf8);
  EXPECT_EQ(ParseEncoding("gbk").value(), TextEncoding::kGb18030);
  EXPECT_EQ(ParseEncoding("GB2312").value(), TextEncoding::kGb18030);
  EXPECT_EQ(ParseEncoding("cp936").value(), TextEncoding::kGb18030);
  EXPECT_EQ(ParseEncoding("utf-16le").value(), TextEncoding::kUtf16Le);
  EXPECT_FALSE(ParseEncoding("big5").ok());
}

}  // namespace
}  // namespace gongshu::ingest
