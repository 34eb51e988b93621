#include "data/csv_head.h"

#include "data/csv_number.h"
#include "data/load_error.h"

#include <charconv>
#include <cstring>
#include <optional>
#include <string_view>

namespace vae::csv {
namespace {

constexpr std::size_t kBinaryCheckBytes = 64 << 10;

void check_text(const CsvHead& head) {
    const std::size_t n = std::min(head.buffer.size(), kBinaryCheckBytes);
    for (std::size_t i = 0; i < n; ++i) {
        const auto c = static_cast<unsigned char>(head.buffer[i]);
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') {
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02x", c);
            throw DataError({head.in->path()},
                            "this is not a text CSV file (found byte " + std::string(hex) +
                                " at offset " + std::to_string(i) + ")",
                            "choose a CSV text file; images, archives and binary files cannot "
                            "be read as CSV");
        }
    }
}

void skip_lines(CsvHead& head, std::size_t count) {
    for (std::size_t skipped = 0; skipped < count;) {
        const char* begin = head.buffer.data() + head.pos;
        const char* nl =
            static_cast<const char*>(std::memchr(begin, '\n', head.buffer.size() - head.pos));
        if (nl) {
            head.pos = static_cast<std::size_t>(nl - head.buffer.data()) + 1;
            ++head.line;
            ++skipped;
            continue;
        }
        if (head.eof) {
            head.pos = head.buffer.size();
            return;
        }
        read_more(head, 1 << 20);
    }
}

/// Whether the first record is a title line (sklearn's "569,30,malignant,benign" over 31
/// columns, a spreadsheet's caption): its field count differs from the next records', which
/// all agree. True when at least two records agree after it, so skipping it is safe; false
/// when only one does (too little to be sure: the user is asked); unset when no title.
std::optional<bool> title_line(const std::vector<TextRecord>& records) {
    if (records.size() < 2 || records[0].fields.size() == records[1].fields.size())
        return std::nullopt;
    for (std::size_t i = 2; i < records.size(); ++i)
        if (records[i].fields.size() != records[1].fields.size())
            return std::nullopt;
    return records.size() >= 3;
}

bool is_count(const std::string& text) {
    std::size_t n = 0;
    const auto r = std::from_chars(text.data(), text.data() + text.size(), n);
    return !text.empty() && r.ec == std::errc() && r.ptr == text.data() + text.size();
}

/// scikit-learn's bundled CSVs start with "rows,features[,class names...]" (padded with empty
/// fields to the width in boston_house_prices.csv): the class names of the last column, which
/// holds the target. Unset for any other first record.
std::optional<std::vector<std::string>> sklearn_title(const std::vector<TextRecord>& records) {
    if (records.size() < 2)
        return std::nullopt;
    const auto& f = records[0].fields;
    if (f.size() < 2 || !is_count(f[0]) || !is_count(f[1]))
        return std::nullopt;
    const std::size_t features = std::stoul(f[1]);
    if (features == 0 || features + 1 != records[1].fields.size())
        return std::nullopt;
    std::vector<std::string> classes;
    for (std::size_t i = 2; i < f.size(); ++i) {
        float number = 0;
        if (f[i].empty())
            continue;
        if (parse_float(f[i], number))
            return std::nullopt;
        classes.push_back(f[i]);
    }
    // A first data record such as "3,2,5" has the shape too; class names or padding tell.
    if (classes.empty() && f.size() == 2)
        return std::nullopt;
    return classes;
}

/// Counted from 1, as a spreadsheet counts and as --label-column takes positions.
std::string column_name(std::size_t i) {
    return "column " + std::to_string(i + 1);
}

} // namespace

void read_more(CsvHead& head, std::size_t bytes) {
    if (head.eof)
        return;
    const std::size_t old = head.buffer.size();
    head.buffer.resize(old + bytes);
    std::size_t got = 0;
    while (got < bytes) {
        const std::size_t n = head.in->read(head.buffer.data() + old + got, bytes - got);
        if (n == 0) {
            head.eof = true;
            break;
        }
        got += n;
    }
    head.buffer.resize(old + got);
}

CsvHead open_csv(const std::string& path, const LoadOptions& options, std::size_t sniff_bytes) {
    CsvHead head;
    head.in = std::make_unique<InputStream>(path);
    read_more(head, sniff_bytes);
    if (head.buffer.empty())
        throw DataError({path}, "the file is empty", "choose a CSV file with data rows");
    check_text(head);
    if (head.buffer.size() >= 3 && std::memcmp(head.buffer.data(), "\xEF\xBB\xBF", 3) == 0)
        head.pos = 3;
    {
        const char* b = head.buffer.data();
        const std::size_t n = head.buffer.size();
        if (!std::memchr(b, '\n', n) && std::memchr(b, '\r', n))
            throw DataError({path}, "the lines end with a bare carriage return (old Mac style)",
                            "convert the file to LF or CRLF line endings");
    }
    skip_lines(head, options.skip_rows);
    // Sniff on complete records: extend the sample a little if it ends inside a long record.
    auto sniff = [&] {
        for (;;) {
            const std::string_view sample(head.buffer.data() + head.pos,
                                          head.buffer.size() - head.pos);
            head.dialect = sniff_dialect(sample, head.eof, head.line, options);
            if (!head.dialect.records.empty() || head.eof || head.buffer.size() > (64u << 20))
                break;
            read_more(head, head.buffer.size());
        }
    };
    sniff();
    if (head.dialect.records.empty()) {
        if (options.skip_rows > 0)
            throw DataError({path},
                            "no data left after skipping " + std::to_string(options.skip_rows) +
                                " lines",
                            "lower --skip-rows");
        throw DataError({path}, "the file is empty (only blank lines)",
                        "choose a CSV file with data rows");
    }
    if (auto classes = sklearn_title(head.dialect.records)) {
        const auto& records = head.dialect.records;
        head.notes.push_back("skipped line " + std::to_string(records[0].first_line) +
                             ", scikit-learn's title (" + records[0].fields[0] + " rows, " +
                             records[0].fields[1] + " features and a target)");
        head.sklearn_title = true;
        head.title_classes = std::move(*classes);
        skip_lines(head, records[1].first_line - head.line);
        sniff();
    } else if (const auto title = title_line(head.dialect.records)) {
        const auto& records = head.dialect.records;
        const std::size_t lines = records[1].first_line - records[0].first_line;
        const std::size_t skipped = records[1].first_line - head.line; // with blank lines
        const auto n0 = records[0].fields.size();
        const auto n1 = records[1].fields.size();
        if (!*title)
            throw DataError({path, records[0].first_line},
                            "found " + std::to_string(n0) + (n0 == 1 ? " field" : " fields") +
                                " but the line after it has " + std::to_string(n1),
                            "if this is a title or comment line, skip it with --skip-rows " +
                                std::to_string(options.skip_rows + lines));
        head.notes.push_back("skipped line " + std::to_string(records[0].first_line) + " (" +
                             std::to_string(n0) + (n0 == 1 ? " field" : " fields") +
                             " where the lines after it have " + std::to_string(n1) +
                             ": a title or comment line)");
        skip_lines(head, skipped);
        sniff();
    }
    auto& records = head.dialect.records;
    head.first_record_line = records[0].first_line;
    {
        std::size_t pos = head.pos;
        std::size_t line = head.line;
        TextRecord record;
        const std::string_view all(head.buffer.data(), head.buffer.size());
        std::size_t n = 0;
        while (n < records.size() &&
               next_record(all, pos, line, head.dialect.delimiter, head.eof, record))
            ++n;
        head.bytes_per_record =
            n ? static_cast<double>(pos - head.pos) / static_cast<double>(n) : 0.0;
    }
    const auto& first = records[0].fields;
    if (head.dialect.header) {
        for (std::size_t i = 0; i < first.size(); ++i)
            head.names.push_back(first[i].empty() ? column_name(i) : first[i]);
        // Consume the header record from the buffer.
        std::size_t pos = head.pos;
        std::size_t line = head.line;
        TextRecord record;
        const std::string_view rest(head.buffer.data(), head.buffer.size());
        next_record(rest, pos, line, head.dialect.delimiter, head.eof, record);
        head.pos = pos;
        head.line = line;
    } else {
        for (std::size_t i = 0; i < first.size(); ++i)
            head.names.push_back(column_name(i));
        if (head.sklearn_title)
            head.names.back() = "target"; // scikit-learn's name for it
    }
    return head;
}

} // namespace vae::csv
