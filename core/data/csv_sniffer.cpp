#include "data/csv_sniffer.h"

#include "data/csv_number.h"

#include <algorithm>
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
    std::size_t fields = 0;   ///< field count of the agreeing records
    std::size_t agreeing = 0; ///< records with that count (for the no-agreement fallback)
};

Score score(const std::vector<TextRecord>& records) {
    Score s;
    if (records.empty())
        return s;
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

bool is_number(const std::string& text) {
    float v;
    return parse_float(text, v);
}

bool detect_header(const std::vector<TextRecord>& records) {
    if (records.empty())
        return false;
    const auto& first = records[0].fields;
    bool any_numeric_column = false;
    for (std::size_t c = 0; c < first.size(); ++c) {
        std::size_t numbers = 0;
        std::size_t texts = 0;
        for (std::size_t r = 1; r < records.size(); ++r) {
            if (c >= records[r].fields.size())
                continue;
            const auto& v = records[r].fields[c];
            if (is_number(v))
                ++numbers;
            else if (!is_missing_token(v))
                ++texts;
        }
        if (numbers > 0 && numbers >= texts) {
            any_numeric_column = true;
            if (!is_number(first[c]) && !is_missing_token(first[c]))
                return true;
        }
    }
    if (any_numeric_column)
        return false;
    // All text: a header if its names are distinct text that does not recur as a value.
    std::vector<std::string> names;
    for (std::size_t c = 0; c < first.size(); ++c) {
        const auto& name = first[c];
        if (name.empty() || is_number(name) || is_missing_token(name))
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
            auto records = sample_records(sample, at_end, first_line, candidate, max_records);
            const Score s = score(records);
            const bool better =
                !have_best || s.consistent > best.consistent ||
                (s.consistent == best.consistent && s.consistent > 0 && s.fields > best.fields) ||
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
    switch (options.header) {
    case HeaderMode::Present:
        d.header = true;
        break;
    case HeaderMode::Absent:
        d.header = false;
        break;
    case HeaderMode::Auto:
        d.header = detect_header(d.records);
        break;
    }
    return d;
}

} // namespace vae::csv
