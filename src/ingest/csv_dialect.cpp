#include "ingest/csv_dialect.h"

#include <boost/json.hpp>

namespace gongshu::ingest {

using storage::Value;

namespace {

constexpr std::string_view kCandidates = ",;\t|";

// sniff_csv reports "no quote/escape" as the text "(empty)".
std::string SniffedChar(const Value& v) {
  if (!v.is_text() || v.as_text() == "(empty)") return "";
  return v.as_text();
}

std::string TextOr(const Value& v) { return v.is_text() ? v.as_text() : ""; }

// The first physical line of the head (up to 64 KiB).
std::string_view FirstLine(std::string_view head) {
  size_t end = head.find('\n');
  std::string_view line =
      head.substr(0, std::min<size_t>(end == std::string_view::npos ? head.size() : end, 65536));
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// The candidate delimiter occurring most often outside quotes in the line; 0 when none occurs.
char MostFrequentDelimiter(std::string_view line) {
  size_t counts[4] = {0, 0, 0, 0};
  bool quoted = false;
  for (char c : line) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    size_t k = kCandidates.find(c);
    if (k != std::string_view::npos) ++counts[k];
  }
  size_t best = 0;
  for (size_t k = 1; k < 4; ++k) {
    if (counts[k] > counts[best]) best = k;
  }
  return counts[best] > 0 ? kCandidates[best] : 0;
}

struct SniffRow {
  CsvDialect dialect;
  std::vector<std::string> types;
};

Result<SniffRow> RunSniffer(storage::Session& session, const std::filesystem::path& staged,
                            std::optional<char> delimiter, std::optional<bool> header) {
  // null_padding lets the sniffer see through ragged rows: the real read (strict) then reports
  // them with their line instead of the sniffer settling on a one-column dialect.
  std::string sql =
      "SELECT Delimiter, Quote, Escape, SkipRows, HasHeader, CAST(to_json(Columns) AS VARCHAR), "
      "DateFormat, "
      "TimestampFormat FROM sniff_csv($1, null_padding = true";
  storage::Params params = {Value::Text(staged.string())};
  if (delimiter) {
    params.push_back(Value::Text(std::string(1, *delimiter)));
    sql += ", delim = $" + std::to_string(params.size());
  }
  if (header) {
    params.push_back(Value::Bool(*header));
    sql += ", header = $" + std::to_string(params.size());
  }
  sql += ")";
  GS_ASSIGN_OR_RETURN(storage::Table t, session.Query(sql, params));
  if (t.rows.empty()) {
    return MakeError(ErrorKind::kUnprocessable, "ingest.csv_malformed",
                     "The CSV dialect could not be detected.", "无法识别CSV文件格式。");
  }
  const storage::Row& r = t.rows[0];
  SniffRow out;
  std::string delim = TextOr(r[0]);
  out.dialect.delimiter = delim.size() == 1 ? delim[0] : ',';
  out.dialect.quote = SniffedChar(r[1]);
  out.dialect.escape = SniffedChar(r[2]);
  out.dialect.skip_rows = r[3].is_int() ? r[3].as_int() : 0;
  out.dialect.header = r[4].is_bool() && r[4].as_bool();
  out.dialect.date_format = TextOr(r[6]);
  out.dialect.timestamp_format = TextOr(r[7]);
  boost::system::error_code ec;
  auto cols = boost::json::parse(TextOr(r[5]), ec);
  if (ec || !cols.is_array()) {
    return MakeError(ErrorKind::kInternal, "ingest.sniff", "Unexpected sniffer output.",
                     "格式识别结果异常。");
  }
  for (const auto& c : cols.as_array()) {
    const auto* type = c.is_object() ? c.as_object().if_contains("type") : nullptr;
    out.types.emplace_back(type != nullptr && type->is_string() ? std::string(type->as_string())
                                                                : "VARCHAR");
  }
  return out;
}

}  // namespace

bool IsSupportedDelimiter(char c) {
  return kCandidates.find(c) != std::string_view::npos && c != 0;
}

Result<CsvSniff> SniffCsv(storage::Session& session, const std::filesystem::path& staged,
                          std::string_view head, bool head_is_whole_file,
                          std::optional<char> delimiter, std::optional<bool> header) {
  GS_ASSIGN_OR_RETURN(SniffRow sniff, RunSniffer(session, staged, delimiter, header));
  if (!delimiter && (sniff.types.size() <= 1 || !IsSupportedDelimiter(sniff.dialect.delimiter))) {
    // The sniffer found one column (or an exotic delimiter); when the header line clearly has a
    // candidate delimiter, use it so that the read reports what is wrong with the file.
    char d = MostFrequentDelimiter(FirstLine(head));
    if (d != 0 && d != sniff.dialect.delimiter) {
      GS_ASSIGN_OR_RETURN(sniff, RunSniffer(session, staged, d, header));
    }
  }
  if (!IsSupportedDelimiter(sniff.dialect.delimiter))
    sniff.dialect.delimiter = delimiter.value_or(',');
  // RFC 4180 quoting whenever the sniffer saw no (other) quote character: a quoted value further
  // down the file is then read right, an unterminated one is an error (the sniffer settles on "no
  // quoting" when a sampled quote never closes, which would silently import a truncated file),
  // and a stray '"' inside an unquoted value is still read as text by the engine.
  if (sniff.dialect.quote.size() != 1) sniff.dialect.quote = "\"";
  // A doubled quote inside a quoted value is the RFC 4180 escape.
  if (sniff.dialect.escape.empty() && !sniff.dialect.quote.empty())
    sniff.dialect.escape = sniff.dialect.quote;
  if (sniff.dialect.escape.size() > 1) sniff.dialect.escape = sniff.dialect.quote;

  CsvSniff out;
  out.dialect = sniff.dialect;
  out.types = std::move(sniff.types);
  const size_t ncols = out.types.size();
  // Skip the sniffed preamble lines, then parse the header and the sample.
  std::string_view body = head;
  for (int64_t i = 0; i < out.dialect.skip_rows && !body.empty(); ++i) {
    size_t nl = body.find('\n');
    body = nl == std::string_view::npos ? std::string_view() : body.substr(nl + 1);
  }
  auto records = ParseCsvRecords(body, out.dialect, kSampleRows + 1, head_is_whole_file);
  size_t first_data = 0;
  out.header.assign(ncols, "");
  if (out.dialect.header && !records.empty()) {
    for (size_t c = 0; c < ncols && c < records[0].size(); ++c) out.header[c] = records[0][c];
    first_data = 1;
  }
  out.samples.assign(ncols, {});
  for (size_t r = first_data; r < records.size(); ++r) {
    for (size_t c = 0; c < ncols && c < records[r].size(); ++c) {
      if (!records[r][c].empty()) out.samples[c].push_back(std::move(records[r][c]));
    }
  }
  return out;
}

std::vector<std::vector<std::string>> ParseCsvRecords(std::string_view text,
                                                      const CsvDialect& dialect, size_t max_rows,
                                                      bool complete) {
  std::vector<std::vector<std::string>> rows;
  const char q = dialect.quote.empty() ? '\0' : dialect.quote[0];
  const char e = dialect.escape.empty() ? '\0' : dialect.escape[0];
  const bool quoting = !dialect.quote.empty();
  std::vector<std::string> row;
  std::string cell;
  bool in_quotes = false;
  bool row_has_content = false;
  size_t i = 0;
  auto end_cell = [&] {
    row.push_back(std::move(cell));
    cell.clear();
  };
  auto end_row = [&] {
    end_cell();
    if (row_has_content || row.size() > 1 || !row[0].empty()) rows.push_back(std::move(row));
    row.clear();
    row_has_content = false;
  };
  while (i < text.size() && rows.size() < max_rows) {
    char c = text[i];
    if (in_quotes) {
      if (c == e && e != q && i + 1 < text.size() && (text[i + 1] == q || text[i + 1] == e)) {
        cell.push_back(text[i + 1]);
        i += 2;
        continue;
      }
      if (c == q) {
        if (e == q && i + 1 < text.size() && text[i + 1] == q) {
          cell.push_back(q);
          i += 2;
          continue;
        }
        in_quotes = false;
        ++i;
        continue;
      }
      cell.push_back(c);
      ++i;
      continue;
    }
    if (quoting && c == q) {
      in_quotes = true;
      row_has_content = true;
      ++i;
      continue;
    }
    if (c == dialect.delimiter) {
      end_cell();
      row_has_content = true;
      ++i;
      continue;
    }
    if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      ++i;
      continue;
    }
    if (c == '\n' || c == '\r') {
      end_row();
      ++i;
      continue;
    }
    cell.push_back(c);
    ++i;
  }
  // A last record without a newline is complete only at the real end of the file.
  if (complete && rows.size() < max_rows && (!cell.empty() || !row.empty())) end_row();
  return rows;
}

}  // namespace gongshu::ingest
