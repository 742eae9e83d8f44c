#pragma once
// Catalog search: full-text `q` over titles, descriptions, tags and fields (Chinese and English),
// filters with disjunctive facet counts, sorting and paging. Runs on an immutable in-memory index
// (built once per catalog snapshot) so that a search costs microseconds, not an engine query.
#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "catalog/resource.h"

namespace gongshu::catalog {

// Facets in the order they are shown.
enum class Facet { kProvider, kSubject, kFormat, kOpen, kLevel, kUpdateCycle };
inline constexpr Facet kAllFacets[] = {Facet::kProvider, Facet::kSubject, Facet::kFormat,
                                       Facet::kOpen, Facet::kLevel, Facet::kUpdateCycle};
std::string_view FacetName(Facet f);  // "provider", "subject", "format", "open", "level", "update_cycle"
std::optional<Facet> ParseFacet(std::string_view name);
// The value a resource has for a facet (e.g. its provider id, its level code).
// A view into `r` (or a static code): valid while `r` is.
std::string_view FacetValue(const Resource& r, Facet f);

enum class SearchSort { kRelevance, kTitle, kNewest, kOldest, kRows };
std::optional<SearchSort> ParseSearchSort(std::string_view s);

struct SearchQuery {
  std::string q;
  std::map<Facet, std::vector<std::string>> filters;  // values OR-ed within a facet, AND across facets
  SearchSort sort = SearchSort::kRelevance;
  size_t limit = 20;
  size_t offset = 0;
  std::function<bool(const Resource&)> visible;  // who may see what (required)
};

struct FacetBucket {
  std::string value;
  size_t count = 0;
};

struct SearchHit {
  const Resource* resource = nullptr;
  double score = 0;
};

struct SearchResult {
  size_t total = 0;
  std::vector<SearchHit> hits;
  std::map<Facet, std::vector<FacetBucket>> facets;  // counts ignore the facet's own filter
};

class SearchIndex {
 public:
  SearchIndex() = default;
  explicit SearchIndex(const std::vector<Resource>& resources);
  // `resources` must be the vector the index was built from.
  SearchResult Search(const std::vector<Resource>& resources, const SearchQuery& query) const;

 private:
  // Documents containing every term, with their scores (each scored once).
  std::vector<std::pair<uint32_t, double>> Candidates(const std::vector<std::string>& terms) const;
  double Score(uint32_t doc, const std::vector<std::string>& terms) const;

  struct Doc {
    std::string title;        // folded zh + en titles
    std::string tags;
    std::string description;
    std::string fields;
  };
  std::vector<Doc> docs_;
  std::unordered_map<uint64_t, std::vector<uint32_t>> postings_;  // n-gram key -> sorted doc ids

  // Facet values, interned at build time so that filtering and counting compare small integers.
  static constexpr size_t kFacetCount = std::size(kAllFacets);
  std::array<std::vector<std::string>, kFacetCount> facet_values_;                         // id -> value
  std::array<std::map<std::string, uint32_t, std::less<>>, kFacetCount> facet_ids_;        // value -> id
  std::vector<std::array<uint32_t, kFacetCount>> doc_facets_;                              // doc -> value ids
};

// Splits a query into folded terms (whitespace separated; CJK runs kept whole).
std::vector<std::string> SearchTerms(std::string_view q);

}  // namespace gongshu::catalog
