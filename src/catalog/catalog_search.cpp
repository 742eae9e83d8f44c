#include "catalog/catalog_search.h"

#include <algorithm>
#include <array>
#include <unordered_map>

#include "core/strings.h"
#include "core/utf8.h"

namespace gongshu::catalog {

namespace {

constexpr uint64_t kBigramFlag = uint64_t{1} << 62;

// Decodes valid UTF-8 into code points (invalid bytes are skipped).
std::vector<uint32_t> CodePoints(std::string_view s) {
  std::vector<uint32_t> out;
  out.reserve(s.size());
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t i = 0;
  while (i < s.size()) {
    size_t n = Utf8SequenceLength(p + i, s.size() - i);
    if (n == 0) {
      ++i;
      continue;
    }
    uint32_t cp = n == 1 ? p[i] : n == 2 ? (p[i] & 0x1F) : n == 3 ? (p[i] & 0x0F) : (p[i] & 0x07);
    for (size_t k = 1; k < n; ++k) cp = cp << 6 | (p[i + k] & 0x3F);
    out.push_back(cp);
    i += n;
  }
  return out;
}

uint64_t BigramKey(uint32_t a, uint32_t b) { return kBigramFlag | uint64_t{a} << 21 | b; }

bool IsSpace(uint32_t cp) { return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x3000; }

// Keys of a term: its unigram when one code point long, otherwise its bigrams.
std::vector<uint64_t> TermKeys(std::string_view term) {
  auto cps = CodePoints(term);
  std::vector<uint64_t> keys;
  if (cps.size() == 1) keys.push_back(cps[0]);
  for (size_t i = 1; i < cps.size(); ++i) keys.push_back(BigramKey(cps[i - 1], cps[i]));
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

void Intersect(std::vector<uint32_t>& acc, const std::vector<uint32_t>& list) {
  std::vector<uint32_t> out;
  out.reserve(std::min(acc.size(), list.size()));
  std::set_intersection(acc.begin(), acc.end(), list.begin(), list.end(), std::back_inserter(out));
  acc.swap(out);
}

}  // namespace

std::string_view FacetName(Facet f) {
  switch (f) {
    case Facet::kProvider: return "provider";
    case Facet::kSubject: return "subject";
    case Facet::kFormat: return "format";
    case Facet::kOpen: return "open";
    case Facet::kLevel: return "level";
    case Facet::kUpdateCycle: return "update_cycle";
  }
  return "";
}

std::optional<Facet> ParseFacet(std::string_view name) {
  for (Facet f : kAllFacets) {
    if (FacetName(f) == name) return f;
  }
  return std::nullopt;
}

std::string_view FacetValue(const Resource& r, Facet f) {
  switch (f) {
    case Facet::kProvider: return r.provider_id;
    case Facet::kSubject: return r.subject;
    case Facet::kFormat: return r.current ? std::string_view(r.current->source_format) : std::string_view("none");
    case Facet::kOpen: return OpenCode(r.open);
    case Facet::kLevel: return LevelCode(r.Level());
    case Facet::kUpdateCycle: return r.update_cycle;
  }
  return "";
}

std::optional<SearchSort> ParseSearchSort(std::string_view s) {
  if (s.empty() || s == "relevance") return SearchSort::kRelevance;
  if (s == "title") return SearchSort::kTitle;
  if (s == "newest" || s == "-updated") return SearchSort::kNewest;
  if (s == "oldest" || s == "updated") return SearchSort::kOldest;
  if (s == "rows" || s == "-rows") return SearchSort::kRows;
  return std::nullopt;
}

std::vector<std::string> SearchTerms(std::string_view q) {
  std::string folded = FoldForSearch(q);
  std::vector<std::string> terms;
  std::string cur;
  auto cps = CodePoints(folded);
  size_t byte = 0;
  // Re-walk the folded bytes, cutting at whitespace code points.
  for (uint32_t cp : cps) {
    size_t n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (IsSpace(cp)) {
      if (!cur.empty()) terms.push_back(std::move(cur));
      cur.clear();
    } else {
      cur.append(folded, byte, n);
    }
    byte += n;
  }
  if (!cur.empty()) terms.push_back(std::move(cur));
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  if (terms.size() > 8) terms.resize(8);  // bounded work per query
  return terms;
}

SearchIndex::SearchIndex(const std::vector<Resource>& resources) {
  docs_.reserve(resources.size());
  doc_facets_.reserve(resources.size());
  for (uint32_t id = 0; id < resources.size(); ++id) {
    const Resource& r = resources[id];
    std::array<uint32_t, kFacetCount> ids{};
    for (size_t i = 0; i < kFacetCount; ++i) {
      std::string_view v = FacetValue(r, kAllFacets[i]);
      auto& by_value = facet_ids_[i];
      auto it = by_value.find(v);
      if (it == by_value.end()) {
        it = by_value.emplace(std::string(v), static_cast<uint32_t>(facet_values_[i].size())).first;
        facet_values_[i].emplace_back(v);
      }
      ids[i] = it->second;
    }
    doc_facets_.push_back(ids);
    Doc d;
    d.title = FoldForSearch(r.title_zh + "\n" + r.title_en + "\n" + r.id);
    std::string tags;
    for (const auto& t : r.tags) tags += t + "\n";
    d.tags = FoldForSearch(tags);
    d.description = FoldForSearch(r.description_zh + "\n" + r.description_en);
    std::string fields;
    for (const auto& f : r.fields) fields += f.name + "\n" + f.title_zh + "\n" + f.title_en + "\n" + f.description_zh + "\n";
    d.fields = FoldForSearch(fields);
    std::vector<uint64_t> keys;
    for (const std::string* text : {&d.title, &d.tags, &d.description, &d.fields}) {
      auto cps = CodePoints(*text);
      for (size_t i = 0; i < cps.size(); ++i) {
        keys.push_back(cps[i]);
        if (i > 0) keys.push_back(BigramKey(cps[i - 1], cps[i]));
      }
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    for (uint64_t k : keys) postings_[k].push_back(id);  // ids ascend: lists stay sorted
    docs_.push_back(std::move(d));
  }
}

std::vector<std::pair<uint32_t, double>> SearchIndex::Candidates(const std::vector<std::string>& terms) const {
  std::vector<uint32_t> acc;
  bool first = true;
  for (const auto& term : terms) {
    for (uint64_t key : TermKeys(term)) {
      auto it = postings_.find(key);
      if (it == postings_.end()) return {};
      if (first) {
        acc = it->second;
        first = false;
      } else {
        Intersect(acc, it->second);
      }
      if (acc.empty()) return {};
    }
  }
  // Bigrams can match out of order: keep documents where each term occurs as a whole.
  std::vector<std::pair<uint32_t, double>> scored;
  scored.reserve(acc.size());
  for (uint32_t doc : acc) {
    if (double score = Score(doc, terms); score > 0) scored.emplace_back(doc, score);
  }
  return scored;
}

double SearchIndex::Score(uint32_t doc, const std::vector<std::string>& terms) const {
  const Doc& d = docs_[doc];
  double score = 0;
  for (const auto& t : terms) {
    double s = 0;
    if (d.title.find(t) != std::string::npos) s += StartsWith(d.title, t) ? 12 : 10;
    if (d.tags.find(t) != std::string::npos) s += 5;
    if (d.description.find(t) != std::string::npos) s += 2;
    if (d.fields.find(t) != std::string::npos) s += 1;
    if (s == 0) return 0;  // every term must match somewhere
    score += s;
  }
  return score;
}

SearchResult SearchIndex::Search(const std::vector<Resource>& resources, const SearchQuery& query) const {
  // Document i of the index is resources[i]; a vector the index was not built from would
  // silently mismatch, so (defensively) search a fresh index of it instead.
  if (resources.size() != doc_facets_.size()) return SearchIndex(resources).Search(resources, query);
  SearchResult result;
  std::vector<std::string> terms = SearchTerms(query.q);
  std::vector<std::pair<uint32_t, double>> docs;
  if (terms.empty()) {
    docs.reserve(resources.size());
    for (uint32_t i = 0; i < resources.size(); ++i) docs.emplace_back(i, 0.0);
  } else {
    docs = Candidates(terms);
  }

  // Disjunctive faceting: a document counts in facet F when it passes every filter but F's.
  // Filter values are mapped to the index's value ids once; an unknown value matches nothing.
  struct ActiveFilter {
    size_t facet;                // index into kAllFacets
    std::vector<char> allowed;   // value id -> passes
  };
  std::vector<ActiveFilter> filters;
  for (const auto& [facet, values] : query.filters) {
    if (values.empty()) continue;
    size_t fi = static_cast<size_t>(facet);
    ActiveFilter af{fi, std::vector<char>(facet_values_[fi].size(), 0)};
    for (const auto& v : values) {
      auto it = facet_ids_[fi].find(std::string_view(v));
      if (it != facet_ids_[fi].end()) af.allowed[it->second] = 1;
    }
    filters.push_back(std::move(af));
  }
  std::array<std::vector<size_t>, kFacetCount> counts;
  for (size_t i = 0; i < kFacetCount; ++i) counts[i].assign(facet_values_[i].size(), 0);
  std::vector<SearchHit> hits;
  for (const auto& [doc, score] : docs) {
    const Resource& r = resources[doc];
    if (!query.visible || !query.visible(r)) continue;
    const auto& ids = doc_facets_[doc];
    int failures = 0;
    size_t failed = 0;
    for (const auto& f : filters) {
      if (!f.allowed[ids[f.facet]]) {
        ++failures;
        failed = f.facet;
        if (failures > 1) break;
      }
    }
    if (failures > 1) continue;
    if (failures == 1) {
      ++counts[failed][ids[failed]];
      continue;
    }
    for (size_t i = 0; i < kFacetCount; ++i) ++counts[i][ids[i]];
    hits.push_back(SearchHit{&r, score});
  }

  auto newer = [](const SearchHit& a, const SearchHit& b) {
    if (a.resource->updated_at != b.resource->updated_at) return a.resource->updated_at > b.resource->updated_at;
    return a.resource->id < b.resource->id;
  };
  switch (query.sort) {
    case SearchSort::kRelevance:
      std::stable_sort(hits.begin(), hits.end(), [&](const SearchHit& a, const SearchHit& b) {
        if (a.score != b.score) return a.score > b.score;
        return newer(a, b);
      });
      break;
    case SearchSort::kTitle:
      std::stable_sort(hits.begin(), hits.end(), [](const SearchHit& a, const SearchHit& b) {
        if (a.resource->title_zh != b.resource->title_zh) return a.resource->title_zh < b.resource->title_zh;
        return a.resource->id < b.resource->id;
      });
      break;
    case SearchSort::kNewest:
      std::stable_sort(hits.begin(), hits.end(), newer);
      break;
    case SearchSort::kOldest:
      std::stable_sort(hits.begin(), hits.end(), [&](const SearchHit& a, const SearchHit& b) { return newer(b, a); });
      break;
    case SearchSort::kRows:
      std::stable_sort(hits.begin(), hits.end(), [&](const SearchHit& a, const SearchHit& b) {
        int64_t ra = a.resource->current ? a.resource->current->row_count : 0;
        int64_t rb = b.resource->current ? b.resource->current->row_count : 0;
        if (ra != rb) return ra > rb;
        return newer(a, b);
      });
      break;
  }

  result.total = hits.size();
  size_t begin = std::min(query.offset, hits.size());
  size_t end = std::min(hits.size(), begin + query.limit);
  result.hits.assign(hits.begin() + static_cast<std::ptrdiff_t>(begin), hits.begin() + static_cast<std::ptrdiff_t>(end));
  for (Facet f : kAllFacets) {
    auto& buckets = result.facets[f];
    const size_t fi = static_cast<size_t>(f);
    for (size_t id = 0; id < counts[fi].size(); ++id) {
      if (counts[fi][id] > 0) buckets.push_back(FacetBucket{facet_values_[fi][id], counts[fi][id]});
    }
    std::sort(buckets.begin(), buckets.end(), [](const FacetBucket& a, const FacetBucket& b) {
      return a.count != b.count ? a.count > b.count : a.value < b.value;  // most first, then by value
    });
  }
  return result;
}

}  // namespace gongshu::catalog
