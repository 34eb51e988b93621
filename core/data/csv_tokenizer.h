#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace vae::csv {

/// RFC 4180 tokenizing shared by the sniffer, the preview and the chunk parser.
/// A quote opens a quoted field only at the start of a field (after optional spaces); inside,
/// "" is a literal quote. A quote in the middle of an unquoted field is an ordinary character.

/// A quoted field unescaped in place: [begin, end) is its content.
struct QuotedField {
    char* begin = nullptr;
    char* end = nullptr;
    char* next = nullptr;     ///< just after the closing quote
    std::size_t newlines = 0; ///< '\n' inside the quotes (physical lines spanned - 1)
    bool closed = false;      ///< false: [p, limit) ended inside the quotes
};

/// `p` points at the opening quote. Writes the unescaped content over the field's own bytes.
QuotedField parse_quoted_in_place(char* p, char* limit);

/// One record read by next_record.
struct TextRecord {
    std::vector<std::string> fields; ///< unquoted and (for unquoted fields) trimmed
    std::size_t first_line = 0;      ///< physical line number where the record starts
};

/// Reads the next non-blank record of `text` from `pos` (a record start). Returns false when
/// no complete record remains (end of text, or a record cut off by the end while `at_end` is
/// false, or an unterminated quote). `line` is the physical line number at `pos` and is
/// advanced past every line consumed. Not for the hot path: copies every field.
bool next_record(std::string_view text, std::size_t& pos, std::size_t& line, char delimiter,
                 bool at_end, TextRecord& record);

/// Where the last complete record of [begin, end) ends, scanning from a record start.
struct RecordBoundary {
    const char* last_record_end = nullptr; ///< after the last '\n' outside quotes; null if none
    bool in_quotes = false;                ///< the text ends inside a quoted field
    const char* quote_open = nullptr;      ///< where that quoted field opened
};
RecordBoundary find_record_boundary(const char* begin, const char* end, char delimiter);

} // namespace vae::csv
