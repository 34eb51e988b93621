#include "data/csv_sniffer.h"

#include "data/csv_number.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

namespace vae::csv {
namespace {

std::vector<TextRecord> sample_records(std::string_view sample, bool at_end, std::size_t first_line,
                                       char delimiter, std::size_t max_records) {
    std::vector<TextRecord> records;
    std::size_t pos = 0;
    std::size_t line = first_line;
    TextRecord record;
    while (records.size() < max_records &&
           next_record(sample, pos, line, delimiter, at_end, record))
        records.push_back(record);
    return records;
}

struct Score {
    int consistent = 0;       ///< 2: all records agree, 1: all but the first agree, 0: neither
    double numeric = 0;       ///< fraction of the fields after the first record that are numbers
    std::size_t fields = 0;   ///< field count of the agreeing records
    std::size_t agreeing = 0; ///< records with that count (for the no-agreement fallback)
};

bool is_number(const std::string& text, char decimal = '.');

Score score(const std::vector<TextRecord>& records, char delimiter) {
    Score s;
    if (records.empty())
        return s;
    std::size_t fields = 0, numbers = 0;
    for (std::size_t i = 1; i < records.size(); ++i)
        for (const auto& f : records[i].fields) {
            ++fields;
            numbers += is_number(f, delimiter == ',' ? '.' : ',') ? 1 : 0;
        }
    s.numeric = fields ? static_cast<double>(numbers) / static_cast<double>(fields) : 0.0;
    std::map<std::size_t, std::size_t> counts;
    for (std::size_t i = 1; i < records.size(); ++i)
        ++counts[records[i].fields.size()];
    if (counts.empty()) {
        s.fields = records[0].fields.size();
        s.agreeing = 1;
        s.consistent = s.fields > 1 ? 2 : 0;
        return s;
    }
    const auto mode = std::max_element(counts.begin(), counts.end(),
                                       [](auto& a, auto& b) { return a.second < b.second; });
    s.fields = mode->first;
    s.agreeing = mode->second;
    if (s.fields > 1 && counts.size() == 1)
        s.consistent = records[0].fields.size() == s.fields ? 2 : 1;
    return s;
}

bool is_number(const std::string& text, char decimal) {
    float v;
    return parse_float(text, v) || (decimal == ',' && is_decimal_comma_number(text));
}

/// Column numbers 0..n-1 or 1..n, maybe after an empty corner cell: what pandas' to_csv
/// writes for a frame without column names (the corner is its index column).
bool numbered_columns(const std::vector<std::string>& fields) {
    const std::size_t start = !fields.empty() && fields[0].empty() ? 1 : 0;
    if (fields.size() < start + 3)
        return false;
    long long base = -1;
    for (std::size_t i = start; i < fields.size(); ++i) {
        long long n = 0;
        const auto& f = fields[i];
        const auto r = std::from_chars(f.data(), f.data() + f.size(), n);
        if (r.ec != std::errc() || r.ptr != f.data() + f.size())
            return false;
        if (i == start)
            base = n;
        if ((base != 0 && base != 1) || n != base + static_cast<long long>(i - start))
            return false;
    }
    return true;
}

bool detect_header(const std::vector<TextRecord>& records, char decimal) {
    if (records.empty())
        return false;
    const auto& first = records[0].fields;
    if (numbered_columns(first) &&
        std::none_of(records.begin() + 1, records.end(),
                     [](const TextRecord& r) { return numbered_columns(r.fields); }))
        return true;
    bool any_numeric_column = false;
    for (std::size_t c = 0; c < first.size(); ++c) {
        std::size_t numbers = 0;
        std::size_t texts = 0;
        for (std::size_t r = 1; r < records.size(); ++r) {
            if (c >= records[r].fields.size())
                continue;
            const auto& v = records[r].fields[c];
            if (is_number(v, decimal))
                ++numbers;
            else if (!is_missing_token(v))
                ++texts;
        }
        if (numbers > 0 && numbers >= texts) {
            any_numeric_column = true;
            if (!is_number(first[c], decimal) && !is_missing_token(first[c]))
                return true;
        }
    }
    if (any_numeric_column)
        return false;
    // All text: a header if its names are distinct text that does not recur as a value.
    std::vector<std::string> names;
    for (std::size_t c = 0; c < first.size(); ++c) {
        const auto& name = first[c];
        if (name.empty() || is_number(name, decimal) || is_missing_token(name))
            return false;
        if (std::find(names.begin(), names.end(), name) != names.end())
            return false;
        names.push_back(name);
        for (std::size_t r = 1; r < records.size(); ++r)
            if (c < records[r].fields.size() && records[r].fields[c] == name)
                return false;
    }
    return true;
}

char detect_decimal(const CsvDialect& d) {
    if (d.delimiter == ',')
        return '.';
    std::size_t commas = 0, points = 0;
    for (const auto& record : d.records)
        for (const auto& f : record.fields) {
            if (is_decimal_comma_number(f))
                ++commas;
            else if (f.find('.') != std::string::npos && is_number(f))
                ++points;
        }
    return commas > points ? ',' : '.';
}

} // namespace

CsvDialect sniff_dialect(std::string_view sample, bool at_end, std::size_t first_line,
                         const LoadOptions& options, std::size_t max_records) {
    CsvDialect d;
    if (options.delimiter) {
        d.delimiter = *options.delimiter;
        d.records = sample_records(sample, at_end, first_line, d.delimiter, max_records);
    } else {
        Score best;
        bool have_best = false;
        for (const char candidate : {',', ';', '\t', '|'}) {
            if (candidate == ',' && options.decimal == ',')
                continue;
            auto records = sample_records(sample, at_end, first_line, candidate, max_records);
            const Score s = score(records, candidate);
            // Between two consistent splits, the one that leaves numbers whole wins: "1,5;2,5"
            // is two decimal-comma numbers, not three fields of which one is "5;2".
            const bool same = s.consistent == best.consistent && s.consistent > 0;
            const bool more_numeric = same && s.numeric > best.numeric + 0.05;
            const bool as_numeric = same && std::abs(s.numeric - best.numeric) <= 0.05;
            const bool better = !have_best || s.consistent > best.consistent || more_numeric ||
                                (as_numeric && s.fields > best.fields) ||
                                (s.consistent == 0 && best.consistent == 0 && s.fields > 1 &&
                                 (best.fields <= 1 || s.agreeing > best.agreeing));
            if (better) {
                best = s;
                have_best = true;
                d.delimiter = candidate;
                d.records = std::move(records);
            }
        }
    }
    d.decimal = options.decimal ? *options.decimal : detect_decimal(d);
    switch (options.header) {
    case HeaderMode::Present:
        d.header = true;
        break;
    case HeaderMode::Absent:
        d.header = false;
        break;
    case HeaderMode::Auto:
        d.header = detect_header(d.records, d.decimal);
        break;
    }
    return d;
}

} // namespace vae::csv
