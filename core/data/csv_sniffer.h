#pragma once

#include "data/csv_tokenizer.h"
#include "data/load_options.h"

#include <cstddef>
#include <string_view>
#include <vector>

namespace vae::csv {

/// What the first lines of a CSV file say about its layout.
struct CsvDialect {
    char delimiter = ',';
    bool header = false;
    char decimal = '.'; ///< ',' when numbers are written "1,5" (never with a comma delimiter)
    /// The first complete records (at most `max_records`), split with `delimiter`.
    std::vector<TextRecord> records;
};

/// Guesses the delimiter (among , ; tab |: the one giving the same field count > 1 on the
/// sampled records, the first record allowed to differ; ties go to more fields, then to that
/// order) and whether the first record is a header: it is when some column's first value is
/// text while its later values are mostly numbers, or, in an all-text sample, when every first
/// value is distinct text not repeated below. The decimal separator is ',' when the delimiter
/// is not a comma and more of the data fields read as decimal-comma numbers than as numbers
/// with a decimal point. options.delimiter / header / decimal override.
/// `sample` starts at a record start on physical line `first_line`; `at_end`: it is the whole
/// rest of the file. Pure function, thread-safe.
CsvDialect sniff_dialect(std::string_view sample, bool at_end, std::size_t first_line,
                         const LoadOptions& options, std::size_t max_records = 40);

} // namespace vae::csv
