#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace vae {

/// Where in a source a problem was found. Zero means "does not apply" for line and column.
struct SourceLocation {
    std::string file;
    std::size_t line = 0;   ///< 1-based line in the file as a text editor counts it
    std::size_t column = 0; ///< 1-based field (CSV) or byte offset (binary), 0 = not applicable
};

/// A problem with the user's input. what() reads
/// "<file>:<line>:<column>: <what was found> (<what to do>)", parts that do not apply left out.
class DataError : public std::runtime_error {
public:
    DataError(SourceLocation where, std::string found, std::string hint = {});

    [[nodiscard]] const SourceLocation& where() const { return where_; }
    [[nodiscard]] const std::string& found() const { return found_; }
    [[nodiscard]] const std::string& hint() const { return hint_; }

private:
    SourceLocation where_;
    std::string found_;
    std::string hint_;
};

/// `text` as quoted in an error message: at most 40 characters, "..." when cut, so that a
/// stray megabyte-long field cannot flood the user's terminal.
std::string error_excerpt(std::string_view text);

/// Thrown when the progress callback asked the load to stop.
class LoadCancelled : public std::runtime_error {
public:
    LoadCancelled() : std::runtime_error("load cancelled") {}
};

} // namespace vae
