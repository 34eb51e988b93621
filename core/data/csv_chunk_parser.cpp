#include "data/csv_chunk_parser.h"

#include "data/csv_number.h"
#include "data/csv_tokenizer.h"
#include "data/load_error.h"

#include <cmath>
#include <limits>
#include <string_view>

namespace vae::csv {
namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

std::string plural(std::size_t n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::string describe(const ChunkSpec& spec, std::size_t field) {
    return "column '" + spec.field_names[field] + "'";
}

bool has_control_bytes(std::string_view text) {
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 && c != '\t' && c != '\n' && c != '\r')
            return true;
    }
    return false;
}

[[noreturn]] void throw_binary(const ChunkSpec& spec, std::size_t line, std::size_t field) {
    throw DataError({spec.file, line, field + 1},
                    "found control bytes: this is not a text CSV file",
                    "check that the file is a CSV export and not an image, archive or binary file");
}

[[noreturn]] void throw_missing(const ChunkSpec& spec, std::size_t line, std::size_t field,
                                bool label) {
    if (label)
        throw DataError({spec.file, line, field + 1}, "missing label in " + describe(spec, field),
                        "fill it in, or use --missing drop to skip rows with missing values");
    throw DataError({spec.file, line, field + 1}, "missing value in " + describe(spec, field),
                    "fill it in, or use --missing drop to skip such rows or --missing mean to "
                    "use the column's mean");
}

} // namespace

void parse_chunk(char* begin, char* end, std::size_t first_line, const ChunkSpec& spec,
                 ChunkResult& out) {
    out.rows = 0;
    out.text.clear();
    out.arena.clear();
    out.labels.clear();
    out.missing = 0;
    out.dropped = 0;
    out.capped = false;
    out.lines = 0;

    const char delim = spec.delimiter;
    const std::size_t nfields = spec.slots.size();
    const std::size_t width = spec.features;
    const int* const slots = spec.slots.data();
    const bool has_label = [&] {
        for (const int s : spec.slots)
            if (s == kLabelSlot)
                return true;
        return false;
    }();
    const auto is_pad = [delim](char c) { return c == ' ' || (c == '\t' && delim != '\t'); };

    if (out.values.size() < width * 64)
        out.values.resize(width * 64);
    double label_value = 0;

    char* p = begin;
    std::size_t line = first_line;
    while (p < end) {
        if (*p == '\n') {
            ++p;
            ++line;
            continue;
        }
        if (*p == '\r' && p + 1 < end && p[1] == '\n') {
            p += 2;
            ++line;
            continue;
        }
        const std::size_t record_line = line;
        if ((out.rows + 1) * width > out.values.size())
            out.values.resize(out.values.size() * 2 + width);
        float* const row = out.values.data() + out.rows * width;
        const std::size_t text_mark = out.text.size();
        const std::size_t arena_mark = out.arena.size();
        bool row_missing = false;
        bool label_missing = false;
        bool only_empty = true; // a record of one unquoted empty field is a blank line
        std::size_t f = 0;
        for (;;) {
            const int slot = f < nfields ? slots[f] : kDroppedSlot;
            if (slot >= 0) {
                // Fast path: a plain unsigned integer ending at the delimiter or line end.
                const char* s = p;
                std::uint64_t v = 0;
                unsigned d;
                while ((d = static_cast<unsigned>(static_cast<unsigned char>(*s)) - '0') < 10) {
                    v = v * 10 + d;
                    ++s;
                }
                if (s != p && s - p <= 19 && (*s == delim || *s == '\n')) {
                    row[slot] = static_cast<float>(v);
                    p = const_cast<char*>(s);
                    only_empty = false;
                    goto next_field;
                }
            }
            {
                const std::size_t field_line = line;
                while (is_pad(*p))
                    ++p;
                std::string_view text;
                bool quoted = false;
                if (*p == '"') {
                    quoted = true;
                    const QuotedField q = parse_quoted_in_place(p, end);
                    if (!q.closed)
                        throw DataError({spec.file, field_line, f + 1}, "unterminated quoted field",
                                        "a quoted value needs its closing quote");
                    line += q.newlines;
                    text = std::string_view(q.begin, static_cast<std::size_t>(q.end - q.begin));
                    p = q.next;
                    while (p < end && is_pad(*p))
                        ++p;
                    if (p < end && *p == '\r' && p + 1 < end && p[1] == '\n')
                        ++p;
                    if (p < end && *p != delim && *p != '\n')
                        throw DataError({spec.file, line, f + 1},
                                        "found '" + error_excerpt(std::string_view(p, 1)) +
                                            "' after the closing quote of a quoted field",
                                        "a quote inside a quoted value must be doubled (\"\")");
                } else {
                    char* b = p;
                    while (*p != delim && *p != '\n')
                        ++p;
                    char* e = p;
                    if (e > b && e[-1] == '\r' && *p == '\n')
                        --e;
                    while (e > b && is_pad(e[-1]))
                        --e;
                    text = std::string_view(b, static_cast<std::size_t>(e - b));
                }
                if (!text.empty() || quoted)
                    only_empty = false;
                if (slot == kDroppedSlot) {
                    // Ignored entirely: neither parsed nor counted as missing.
                } else if (is_missing_token(text)) {
                    ++out.missing;
                    if (slot == kLabelSlot) {
                        label_missing = true;
                        label_value = std::numeric_limits<double>::quiet_NaN();
                    } else {
                        row_missing = true;
                        row[slot] = kNaN;
                    }
                    // A lone empty field may be a blank line: decided after the record.
                    if (spec.missing == MissingPolicy::Error &&
                        !(text.empty() && !quoted && f == 0))
                        throw_missing(spec, field_line, f, slot == kLabelSlot);
                } else {
                    bool numeric;
                    char swapped[64];
                    const std::string_view number =
                        spec.decimal == ',' ? with_decimal_point(text, swapped) : text;
                    if (slot == kLabelSlot) {
                        numeric = parse_double(number, label_value);
                        if (!numeric)
                            label_value = std::numeric_limits<double>::quiet_NaN();
                    } else {
                        numeric = parse_float(number, row[slot]);
                        if (!numeric)
                            row[slot] = kNaN;
                    }
                    if (!numeric) {
                        if (has_control_bytes(text))
                            throw_binary(spec, field_line, f);
                        TextCell cell;
                        cell.row = out.rows;
                        cell.line = field_line;
                        cell.offset = out.arena.size();
                        cell.length = static_cast<std::uint32_t>(text.size());
                        cell.field = static_cast<std::uint32_t>(f);
                        cell.slot = slot;
                        out.text.push_back(cell);
                        out.arena.append(text);
                    }
                }
            }
        next_field:
            ++f;
            if (*p == '\n') {
                ++p;
                ++line;
                break;
            }
            ++p; // delimiter
        }
        if (f == 1 && only_empty) {
            // Blank (or white-space only) line: not a record. Undo its missing count.
            if (nfields > 0 && slots[0] != kDroppedSlot)
                --out.missing;
            continue;
        }
        if (f != nfields)
            throw DataError({spec.file, record_line},
                            "found " + plural(f, "field") + ", expected " +
                                std::to_string(nfields) + " as on line " +
                                std::to_string(spec.first_record_line),
                            "every row needs the same number of fields; a value that contains "
                            "the delimiter must be quoted");
        if (spec.missing == MissingPolicy::Error && (row_missing || label_missing)) {
            // Only a lone empty first field can get here (see above): report it now.
            throw_missing(spec, record_line, 0, slots[0] == kLabelSlot);
        }
        if (label_missing || (row_missing && spec.missing == MissingPolicy::Drop)) {
            ++out.dropped;
            out.text.resize(text_mark);
            out.arena.resize(arena_mark);
            continue;
        }
        if (has_label)
            out.labels.push_back(label_value);
        ++out.rows;
        if (spec.max_rows != 0 && out.rows >= spec.max_rows) {
            out.capped = true;
            break;
        }
    }
    out.lines = line - first_line;
}

} // namespace vae::csv
