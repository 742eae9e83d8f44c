// Facet filtering and disjunctive counts checked against a straightforward reference computation
// (string comparison of FacetValue per resource) over a few hundred generated resources.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "catalog/catalog_search.h"

namespace gongshu::catalog {
namespace {

std::vector<Resource> Generate(size_t n) {
  std::mt19937 rng(20261127);
  auto pick = [&](size_t k) { return static_cast<size_t>(rng() % k); };
  const std::vector<std::string> subjects = {"transport", "geography", "meteorology", "economy", "health"};
  const std::vector<std::string> cycles = {"monthly", "daily", "yearly", ""};
  const std::vector<std::string> formats = {"csv", "json", "parquet"};
  const std::vector<std::string> words = {"航班", "机场", "气象", "flight", "weather", "人口"};
  std::vector<Resource> out;
  for (size_t i = 0; i < n; ++i) {
    Resource r;
    r.id = "gen-" + std::to_string(i);
    r.title_zh = words[pick(words.size())] + "数据" + std::to_string(i % 17);
    r.title_en = words[pick(words.size())] + " data";
    r.provider_id = "bureau-" + std::to_string(pick(7));
    r.subject = subjects[pick(subjects.size())];
    r.update_cycle = cycles[pick(cycles.size())];
    r.open = static_cast<OpenAttribute>(pick(3));
    r.updated_at = static_cast<int64_t>(pick(50));  // many ties: the id breaks them
    if (pick(4) != 0) {
      ResourceVersion v;
      v.source_format = formats[pick(formats.size())];
      v.row_count = static_cast<int64_t>(pick(1000));
      r.current = v;
    }
    size_t nf = pick(3);
    for (size_t k = 0; k < nf; ++k) {
      Field f;
      f.name = "f" + std::to_string(k);
      f.title_zh = words[pick(words.size())];
      f.level = static_cast<ClassificationLevel>(1 + pick(6));
      r.fields.push_back(f);
    }
    out.push_back(std::move(r));
  }
  return out;
}

bool Passes(const Resource& r, Facet f, const std::vector<std::string>& values) {
  return values.empty() || std::find(values.begin(), values.end(), std::string(FacetValue(r, f))) != values.end();
}

struct Expected {
  std::vector<std::string> ids;
  std::map<Facet, std::vector<std::pair<std::string, size_t>>> facets;
};

// `candidates`: the unfiltered hits (all visible documents matching q) in the index's order for
// the query's sort; filtering keeps that order.
Expected Reference(const std::vector<SearchHit>& candidates, const SearchQuery& q) {
  Expected e;
  std::map<Facet, std::map<std::string, size_t>> counts;
  for (const auto& h : candidates) {
    const Resource& r = *h.resource;
    if (!q.visible(r)) continue;
    std::vector<Facet> failed;
    for (const auto& [f, values] : q.filters) {
      if (!Passes(r, f, values)) failed.push_back(f);
    }
    for (Facet f : kAllFacets) {
      bool counts_here = failed.empty() || (failed.size() == 1 && failed[0] == f);
      if (counts_here) ++counts[f][std::string(FacetValue(r, f))];
    }
    if (failed.empty()) e.ids.push_back(r.id);
  }
  for (Facet f : kAllFacets) {
    auto& b = e.facets[f];
    for (const auto& [v, n] : counts[f]) b.emplace_back(v, n);
    std::stable_sort(b.begin(), b.end(), [](const auto& a, const auto& c) { return a.second > c.second; });
  }
  return e;
}

TEST(SearchFacetsTest, MatchesReferenceComputation) {
  const std::vector<Resource> resources = Generate(400);
  const SearchIndex index(resources);
  auto visible = [](const Resource& r) { return r.open != OpenAttribute::kNotOpen || r.id.back() == '7'; };

  const std::vector<std::map<Facet, std::vector<std::string>>> filter_sets = {
      {},
      {{Facet::kSubject, {"transport"}}},
      {{Facet::kSubject, {"transport"}}, {Facet::kProvider, {"bureau-3"}}},
      {{Facet::kSubject, {"transport", "health"}}, {Facet::kProvider, {"bureau-3", "bureau-5", "nobody"}}},
      {{Facet::kProvider, {"nobody"}}},  // unknown value: matches nothing, still counts other providers
      {{Facet::kFormat, {"none"}}, {Facet::kLevel, {std::string(LevelCode(ClassificationLevel::kGeneral1))}}},
      {{Facet::kOpen, {std::string(OpenCode(OpenAttribute::kConditional))}},
       {Facet::kUpdateCycle, {"", "daily"}},
       {Facet::kSubject, {}}},  // an empty value list filters nothing
      {{Facet::kLevel, {std::string(LevelCode(ClassificationLevel::kImportant)),
                        std::string(LevelCode(ClassificationLevel::kCore))}},
       {Facet::kFormat, {"csv", "json"}},
       {Facet::kProvider, {"bureau-0", "bureau-1", "bureau-2"}}},
  };
  size_t nonempty = 0;
  for (const std::string qtext : {"", "航班", "data", "气象 flight"}) {
    for (SearchSort sort : {SearchSort::kRelevance, SearchSort::kTitle, SearchSort::kRows}) {
      SearchQuery all;
      all.q = qtext;
      all.sort = sort;
      all.limit = resources.size();
      all.visible = [](const Resource&) { return true; };
      const SearchResult unfiltered = index.Search(resources, all);

      for (const auto& filters : filter_sets) {
        SearchQuery q = all;
        q.filters = filters;
        q.visible = visible;
        const Expected want = Reference(unfiltered.hits, q);
        const SearchResult got = index.Search(resources, q);
        SCOPED_TRACE("q=" + qtext + " filters=" + std::to_string(filters.size()));

        std::vector<std::string> ids;
        for (const auto& h : got.hits) ids.push_back(h.resource->id);
        EXPECT_EQ(got.total, want.ids.size());
        EXPECT_EQ(ids, want.ids);
        for (Facet f : kAllFacets) {
          std::vector<std::pair<std::string, size_t>> buckets;
          auto it = got.facets.find(f);
          ASSERT_NE(it, got.facets.end());
          for (const auto& b : it->second) buckets.emplace_back(b.value, b.count);
          EXPECT_EQ(buckets, want.facets.at(f)) << FacetName(f);
        }
        if (!want.ids.empty()) ++nonempty;

        // Paging returns the same slice of the same order.
        q.offset = 3;
        q.limit = 5;
        const SearchResult page = index.Search(resources, q);
        EXPECT_EQ(page.total, want.ids.size());
        for (size_t i = 0; i < page.hits.size(); ++i) EXPECT_EQ(page.hits[i].resource->id, want.ids[3 + i]);
        EXPECT_EQ(page.hits.size(), want.ids.size() > 3 ? std::min<size_t>(5, want.ids.size() - 3) : 0);
      }
    }
  }
  EXPECT_GT(nonempty, 40u);  // the generated data actually exercises the filters
}

}  // namespace
}  // namespace gongshu::catalog
