#pragma once

#include "data/csv_buffer.h"
#include "data/load_options.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace vae::csv {

/// Where a field of the file goes.
constexpr int kLabelSlot = -1;   ///< the label column
constexpr int kDroppedSlot = -2; ///< ignored (--drop-columns)

/// How to parse the records of a file; shared read-only by the parsing threads.
struct ChunkSpec {
    std::string file; ///< for messages
    char delimiter = ',';
    char decimal = '.';                   ///< ',' for numbers written "1,5"
    std::vector<int> slots;               ///< per field: feature index, kLabelSlot or kDroppedSlot
    std::vector<std::string> field_names; ///< per field, for messages
    std::size_t features = 0;
    MissingPolicy missing = MissingPolicy::Error;
    std::size_t max_rows = 0;          ///< stop after this many kept rows; 0 = no cap
    std::size_t first_record_line = 0; ///< where the field count was taken from (messages)
};

/// A non-numeric, non-missing field, kept for the column typing done after the whole file.
struct TextCell {
    std::uint64_t row = 0;    ///< row index among the kept rows (chunk-local until merged)
    std::uint64_t line = 0;   ///< physical line
    std::uint64_t offset = 0; ///< into the arena
    std::uint32_t length = 0;
    std::uint32_t field = 0; ///< 0-based field index in the file
    int slot = 0;            ///< feature index or kLabelSlot
};

/// What one chunk of records produced. Reused between chunks to keep its buffers.
struct ChunkResult {
    FloatBuffer values;         ///< rows x features, row-major; grown, size >= rows*features
    std::vector<double> labels; ///< rows (NaN where the label is text) when there is a label
    std::size_t rows = 0;
    std::vector<TextCell> text;
    std::string arena;
    std::size_t missing = 0; ///< missing fields seen, including those of dropped rows
    std::size_t dropped = 0; ///< rows dropped for a missing value
    bool capped = false;     ///< stopped at spec.max_rows
    std::size_t lines = 0;   ///< physical lines consumed
};

/// Parses the records of [begin, end), which starts at a record start on physical line
/// `first_line` and ends with '\n' outside quotes. Quoted fields are unescaped in place.
/// Feature values go to out.values, the label to out.labels; text fields are stored as text
/// cells with a NaN placeholder, and missing values are NaN. Throws DataError (file:line:field)
/// for a ragged record, a missing value under MissingPolicy::Error, a missing label under
/// Error, text after a closing quote, or control bytes. Thread-safe for distinct chunks.
void parse_chunk(char* begin, char* end, std::size_t first_line, const ChunkSpec& spec,
                 ChunkResult& out);

} // namespace vae::csv
