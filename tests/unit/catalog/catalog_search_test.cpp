#include "catalog/catalog_search.h"

#include <gtest/gtest.h>

namespace gongshu::catalog {
namespace {

Resource Make(std::string id, std::string zh, std::string en, std::string provider, std::string subject,
              OpenAttribute open, int64_t updated, std::vector<std::string> tags = {}) {
  Resource r;
  r.id = std::move(id);
  r.title_zh = std::move(zh);
  r.title_en = std::move(en);
  r.provider_id = std::move(provider);
  r.subject = std::move(subject);
  r.update_cycle = "monthly";
  r.open = open;
  r.updated_at = updated;
  r.tags = std::move(tags);
  r.fields = {Field{"origin", "始发机场", "Origin airport", "string", "", "", "", ClassificationLevel::kGeneral1, ""}};
  return r;
}

class SearchTest : public ::testing::Test {
 protected:
  SearchTest()
      : resources_{Make("flights", "航班运行记录", "Flight records", "caac", "transport", OpenAttribute::kUnconditional, 5, {"民航", "延误"}),
                   Make("airports", "机场基础信息", "Airports", "caac", "transport", OpenAttribute::kUnconditional, 4),
                   Make("divisions", "县级行政区划", "County-level divisions", "mca", "geography", OpenAttribute::kUnconditional, 3),
                   Make("weather", "气象观测数据", "Weather observations", "cma", "meteorology", OpenAttribute::kConditional, 2),
                   Make("secret", "航班旅客名单", "Passenger lists", "caac", "transport", OpenAttribute::kNotOpen, 1)},
        index_(resources_) {}

  SearchResult Run(SearchQuery q) {
    if (!q.visible) q.visible = [](const Resource& r) { return r.open != OpenAttribute::kNotOpen; };
    return index_.Search(resources_, q);
  }
  static std::vector<std::string> Ids(const SearchResult& r) {
    std::vector<std::string> ids;
    for (const auto& h : r.hits) ids.push_back(h.resource->id);
    return ids;
  }

  std::vector<Resource> resources_;
  SearchIndex index_;
};

TEST_F(SearchTest, FindsChineseAndEnglishSubstrings) {
  SearchQuery q;
  q.q = "航班";
  EXPECT_EQ(Ids(Run(q)), std::vector<std::string>{"flights"});  // the not-open one stays invisible
  q.q = "行政区划";
  EXPECT_EQ(Ids(Run(q)), std::vector<std::string>{"divisions"});
  q.q = "FLIGHT";
  EXPECT_EQ(Ids(Run(q)), std::vector<std::string>{"flights"});
  q.q = "ｆｌｉｇｈｔ";  // full-width Latin folds to ASCII
  EXPECT_EQ(Ids(Run(q)), std::vector<std::string>{"flights"});
  q.q = "延误";  // tag
  EXPECT_EQ(Ids(Run(q)), std::vector<std::string>{"flights"});
  q.q = "始发机场";  // field title: all five have it, four visible
  EXPECT_EQ(Run(q).total, 4u);
}

TEST_F(SearchTest, AllTermsMustMatchAndOrderMatters) {
  SearchQuery q;
  q.q = "航班 机场";
  EXPECT_EQ(Ids(Run(q)), std::vector<std::string>{"flights"});  // 机场 via the field title
  q.q = "班航";  // bigram of the reversed text must not match
  EXPECT_TRUE(Run(q).hits.empty());
  q.q = "不存在的词";
  EXPECT_EQ(Run(q).total, 0u);
}

TEST_F(SearchTest, TitleMatchesRankAboveFieldMatches) {
  SearchQuery q;
  q.q = "机场";
  auto ids = Ids(Run(q));
  ASSERT_FALSE(ids.empty());
  EXPECT_EQ(ids[0], "airports");
}

TEST_F(SearchTest, FacetsAreDisjunctive) {
  SearchQuery q;
  q.filters[Facet::kProvider] = {"caac"};
  auto r = Run(q);
  EXPECT_EQ(r.total, 2u);
  // Provider counts ignore the provider filter; subject counts respect it.
  std::map<std::string, size_t> providers, subjects;
  for (const auto& b : r.facets[Facet::kProvider]) providers[b.value] = b.count;
  for (const auto& b : r.facets[Facet::kSubject]) subjects[b.value] = b.count;
  EXPECT_EQ(providers["caac"], 2u);
  EXPECT_EQ(providers["mca"], 1u);
  EXPECT_EQ(providers["cma"], 1u);
  EXPECT_EQ(subjects.size(), 1u);
  EXPECT_EQ(subjects["transport"], 2u);
  q.filters[Facet::kProvider] = {"caac", "mca"};
  EXPECT_EQ(Run(q).total, 3u);
}

TEST_F(SearchTest, SortsAndPages) {
  SearchQuery q;
  q.sort = SearchSort::kNewest;
  q.limit = 2;
  auto r = Run(q);
  EXPECT_EQ(r.total, 4u);
  EXPECT_EQ(Ids(r), (std::vector<std::string>{"flights", "airports"}));
  q.offset = 2;
  EXPECT_EQ(Ids(Run(q)), (std::vector<std::string>{"divisions", "weather"}));
  q.offset = 100;
  EXPECT_TRUE(Run(q).hits.empty());
  q.offset = 0;
  q.sort = SearchSort::kOldest;
  EXPECT_EQ(Ids(Run(q))[0], "weather");
}

TEST_F(SearchTest, TermsAreBoundedAndNormalized) {
  auto terms = SearchTerms("  航班\u3000Flight  航班 a b c d e f g h i ");
  EXPECT_LE(terms.size(), 8u);
  EXPECT_NE(std::find(terms.begin(), terms.end(), "flight"), terms.end());
}

}  // namespace
}  // namespace gongshu::catalog
