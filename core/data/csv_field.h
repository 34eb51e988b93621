#pragma once

#include <charconv>
#include <cmath>
#include <string>
#include <string_view>

namespace vae {

/// Appends `text` as one CSV field, quoted per RFC 4180 when it holds a delimiter, a quote, a
/// line break, or leading/trailing blanks (which readers would otherwise trim).
inline void append_csv_field(std::string& out, std::string_view text) {
    const bool needs_quotes = text.find_first_of(",\"\r\n") != std::string_view::npos ||
                              (!text.empty() && (text.front() == ' ' || text.front() == '\t' ||
                                                 text.back() == ' ' || text.back() == '\t'));
    if (!needs_quotes) {
        out.append(text);
        return;
    }
    out += '"';
    for (const char c : text) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

/// Appends the shortest text that reads back as exactly `v`; NaN becomes an empty (missing)
/// field.
inline void append_csv_number(std::string& out, float v) {
    if (std::isnan(v))
        return;
    char buffer[32];
    const auto r = std::to_chars(buffer, buffer + sizeof buffer, v);
    out.append(buffer, r.ptr);
}

} // namespace vae
