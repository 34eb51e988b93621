#pragma once

#include <string_view>

namespace vae::csv {

/// True for the spellings of a missing value (already trimmed): empty, "?", "NA", "N/A",
/// "n/a", "#N/A", "NaN", "nan", "NAN", "-nan", "null", "NULL", "None", "<NA>".
[[nodiscard]] bool is_missing_token(std::string_view text);

/// Parses the whole of `text` (already trimmed) as a finite number, correctly rounded to float:
/// an optional sign, digits, an optional fraction and exponent. Infinity, hex, "1,5" and
/// trailing junk are not numbers. Thread-safe.
[[nodiscard]] bool parse_float(std::string_view text, float& out);

/// As parse_float, to double (labels are parsed in double so that large integer class ids stay
/// distinct).
[[nodiscard]] bool parse_double(std::string_view text, double& out);

/// Shortest text that parses back to exactly `value` ("0.1", "255", "1e-07").
[[nodiscard]] std::string_view format_float(float value, char (&buffer)[32]);
[[nodiscard]] std::string_view format_double(double value, char (&buffer)[32]);

/// `text` with its decimal comma made a point ("1,5" -> "1.5"), in `buffer`, for files written
/// with decimal commas; `text` itself when it holds no comma, more than one, a point, or is
/// longer than the buffer (such text is not a number in either convention).
[[nodiscard]] std::string_view with_decimal_point(std::string_view text, char (&buffer)[64]);

/// True for a number written with a decimal comma ("1,5", "-0,25", "3,0e-2"): it parses once
/// the comma is a point. Plain numbers ("15") are false: they say nothing about the convention.
[[nodiscard]] bool is_decimal_comma_number(std::string_view text);

/// Removes spaces (and tabs unless the tab is the delimiter) around a field.
[[nodiscard]] std::string_view trim_field(std::string_view text, char delimiter);

} // namespace vae::csv
