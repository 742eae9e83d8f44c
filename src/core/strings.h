#pragma once
// Small string helpers used across modules.
#include <string>
#include <string_view>
#include <vector>

namespace gongshu {

std::string_view Trim(std::string_view s);
std::vector<std::string_view> Split(std::string_view s, char sep);
std::string AsciiLower(std::string_view s);
bool StartsWith(std::string_view s, std::string_view prefix);
bool EndsWith(std::string_view s, std::string_view suffix);
// Lowercases ASCII and full-width Latin letters; other code points unchanged. For search folding.
std::string FoldForSearch(std::string_view s);
// Joins with a separator.
std::string Join(const std::vector<std::string>& parts, std::string_view sep);

}  // namespace gongshu
