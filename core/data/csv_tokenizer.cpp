#include "data/csv_tokenizer.h"

#include "data/csv_number.h"

namespace vae::csv {
namespace {

bool is_pad(char c, char delimiter) {
    return c == ' ' || (c == '\t' && delimiter != '\t');
}

} // namespace

QuotedField parse_quoted_in_place(char* p, char* limit) {
    QuotedField f;
    char* out = p;
    f.begin = p;
    ++p; // opening quote
    while (p < limit) {
        const char c = *p;
        if (c == '"') {
            if (p + 1 < limit && p[1] == '"') {
                *out++ = '"';
                p += 2;
                continue;
            }
            f.closed = true;
            f.end = out;
            f.next = p + 1;
            return f;
        }
        if (c == '\n')
            ++f.newlines;
        *out++ = c;
        ++p;
    }
    f.end = out;
    f.next = limit;
    return f;
}

bool next_record(std::string_view text, std::size_t& pos, std::size_t& line, char delimiter,
                 bool at_end, TextRecord& record) {
    for (;;) {
        if (pos >= text.size())
            return false;
        std::size_t p = pos;
        std::size_t lines = 0;
        record.fields.clear();
        record.first_line = line;
        bool any_quoted = false;
        for (;;) {
            while (p < text.size() && is_pad(text[p], delimiter))
                ++p;
            std::string field;
            if (p < text.size() && text[p] == '"') {
                any_quoted = true;
                ++p;
                bool closed = false;
                while (p < text.size()) {
                    if (text[p] == '"') {
                        if (p + 1 < text.size() && text[p + 1] == '"') {
                            field += '"';
                            p += 2;
                            continue;
                        }
                        closed = true;
                        ++p;
                        break;
                    }
                    if (text[p] == '\n')
                        ++lines;
                    field += text[p++];
                }
                if (!closed)
                    return false;
                // Lenient: text between the closing quote and the delimiter is kept.
                const std::size_t start = p;
                while (p < text.size() && text[p] != delimiter && text[p] != '\n')
                    ++p;
                std::string_view rest = text.substr(start, p - start);
                if (!rest.empty() && rest.back() == '\r')
                    rest.remove_suffix(1);
                field += trim_field(rest, delimiter);
            } else {
                const std::size_t start = p;
                while (p < text.size() && text[p] != delimiter && text[p] != '\n')
                    ++p;
                std::string_view raw = text.substr(start, p - start);
                if (!raw.empty() && raw.back() == '\r' && (p == text.size() || text[p] == '\n'))
                    raw.remove_suffix(1);
                field = std::string(trim_field(raw, delimiter));
            }
            record.fields.push_back(std::move(field));
            if (p >= text.size()) {
                if (!at_end)
                    return false;
                break;
            }
            if (text[p] == '\n') {
                ++p;
                ++lines;
                break;
            }
            ++p; // delimiter
        }
        pos = p;
        line += lines;
        const bool blank = record.fields.size() == 1 && record.fields[0].empty() && !any_quoted;
        if (!blank)
            return true;
    }
}

RecordBoundary find_record_boundary(const char* begin, const char* end, char delimiter) {
    RecordBoundary b;
    bool field_start = true;
    bool in_quotes = false;
    for (const char* p = begin; p < end; ++p) {
        const char c = *p;
        if (in_quotes) {
            if (c == '"') {
                if (p + 1 < end && p[1] == '"')
                    ++p;
                else
                    in_quotes = false;
            }
            continue;
        }
        if (c == '\n') {
            b.last_record_end = p + 1;
            field_start = true;
        } else if (c == delimiter) {
            field_start = true;
        } else if (c == '"' && field_start) {
            in_quotes = true;
            b.quote_open = p;
            field_start = false;
        } else if (!is_pad(c, delimiter)) {
            field_start = false;
        }
    }
    b.in_quotes = in_quotes;
    return b;
}

} // namespace vae::csv
