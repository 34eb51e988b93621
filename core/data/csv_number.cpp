#include "data/csv_number.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <system_error>

namespace vae::csv {
namespace {

// Powers of ten that float represents exactly (5^10 < 2^24), for the exact fast path.
constexpr float kPow10f[] = {1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f};

template <typename T> bool parse_general(std::string_view text, T& out) {
    const char* b = text.data();
    const char* e = b + text.size();
    if (b != e && *b == '+') {
        ++b;
        if (b == e || *b == '-' || *b == '+')
            return false;
    }
    T value{};
    const auto r = std::from_chars(b, e, value, std::chars_format::general);
    if (r.ptr != e)
        return false;
    if (r.ec == std::errc::result_out_of_range) {
        // Underflow is a legitimate tiny value; strtod rounds it to a denormal or zero, and
        // overflow comes back infinite, which is rejected below.
        const std::string copy(b, e);
        if constexpr (sizeof(T) == sizeof(float))
            value = std::strtof(copy.c_str(), nullptr);
        else
            value = std::strtod(copy.c_str(), nullptr);
    } else if (r.ec != std::errc()) {
        return false;
    }
    if (!std::isfinite(value))
        return false;
    out = value;
    return true;
}

} // namespace

bool is_missing_token(std::string_view t) {
    if (t.size() > 4)
        return false;
    return t.empty() || t == "?" || t == "NA" || t == "N/A" || t == "n/a" || t == "#N/A" ||
           t == "NaN" || t == "nan" || t == "NAN" || t == "-nan" || t == "null" || t == "NULL" ||
           t == "None" || t == "<NA>";
}

bool parse_float(std::string_view text, float& out) {
    const char* p = text.data();
    const char* const e = p + text.size();
    if (p == e)
        return false;
    const bool negative = *p == '-';
    if (*p == '-' || *p == '+')
        ++p;
    // Fast path for plain decimals: exact integer mantissa and one correctly rounded float
    // operation on exact operands gives the correctly rounded result (Clinger's fast path).
    std::uint64_t mantissa = 0;
    int digits = 0;
    int fraction = 0;
    while (p != e && static_cast<unsigned>(*p - '0') < 10) {
        mantissa = mantissa * 10 + static_cast<unsigned>(*p - '0');
        ++digits;
        ++p;
    }
    if (p != e && *p == '.') {
        ++p;
        while (p != e && static_cast<unsigned>(*p - '0') < 10) {
            mantissa = mantissa * 10 + static_cast<unsigned>(*p - '0');
            ++digits;
            ++fraction;
            ++p;
        }
    }
    if (p == e && digits > 0 && digits <= 19) {
        if (fraction == 0) {
            // uint64 -> float conversion rounds correctly (to nearest even).
            const float v = static_cast<float>(mantissa);
            out = negative ? -v : v;
            return true;
        }
        if (mantissa <= (1u << 24) && fraction <= 10) {
            const float v = static_cast<float>(mantissa) / kPow10f[fraction];
            out = negative ? -v : v;
            return true;
        }
    }
    return parse_general(text, out);
}

bool parse_double(std::string_view text, double& out) {
    return parse_general(text, out);
}

std::string_view format_float(float value, char (&buffer)[32]) {
    const auto r = std::to_chars(buffer, buffer + sizeof buffer, value);
    return {buffer, static_cast<std::size_t>(r.ptr - buffer)};
}

std::string_view format_double(double value, char (&buffer)[32]) {
    const auto r = std::to_chars(buffer, buffer + sizeof buffer, value);
    return {buffer, static_cast<std::size_t>(r.ptr - buffer)};
}

std::string_view trim_field(std::string_view text, char delimiter) {
    const auto is_space = [delimiter](char c) {
        return c == ' ' || (c == '\t' && delimiter != '\t');
    };
    std::size_t b = 0;
    std::size_t e = text.size();
    while (b < e && is_space(text[b]))
        ++b;
    while (e > b && is_space(text[e - 1]))
        --e;
    return text.substr(b, e - b);
}

std::string_view with_decimal_point(std::string_view text, char (&buffer)[64]) {
    const auto comma = text.find(',');
    if (comma == std::string_view::npos || text.size() > sizeof buffer ||
        text.find(',', comma + 1) != std::string_view::npos ||
        text.find('.') != std::string_view::npos)
        return text;
    std::copy(text.begin(), text.end(), buffer);
    buffer[comma] = '.';
    return {buffer, text.size()};
}

bool is_decimal_comma_number(std::string_view text) {
    char buffer[64];
    const std::string_view swapped = with_decimal_point(text, buffer);
    float v = 0;
    return swapped.data() == buffer && parse_float(swapped, v);
}

} // namespace vae::csv
