#include "data/load_error.h"

#include <utility>

namespace vae {
namespace {

std::string compose(const SourceLocation& where, const std::string& found,
                    const std::string& hint) {
    std::string text = where.file;
    // Appended piece by piece: g++ 12 warns falsely (-Wrestrict) on `":" + std::to_string()`.
    if (where.line > 0) {
        text += ':';
        text += std::to_string(where.line);
    }
    if (where.column > 0) {
        text += ':';
        text += std::to_string(where.column);
    }
    if (!text.empty())
        text += ": ";
    text += found;
    if (!hint.empty()) {
        text += " (";
        text += hint;
        text += ')';
    }
    return text;
}

} // namespace

std::string error_excerpt(std::string_view text) {
    constexpr std::size_t kMax = 40;
    std::string s(text.substr(0, kMax));
    if (text.size() > kMax)
        s += "...";
    return s;
}

DataError::DataError(SourceLocation where, std::string found, std::string hint)
    : std::runtime_error(compose(where, found, hint)), where_(std::move(where)),
      found_(std::move(found)), hint_(std::move(hint)) {}

} // namespace vae
