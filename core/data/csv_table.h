#pragma once

#include "data/csv_chunk_parser.h"
#include "data/dataset.h"
#include "data/load_options.h"

#include <cstddef>
#include <string>
#include <vector>

namespace vae::csv {

/// Every record of a CSV file parsed, before column typing: numbers in `values`, text fields
/// as cells (NaN placeholders in `values`), missing values NaN.
struct RawTable {
    std::string file;
    Matrix values; ///< rows x features
    std::vector<std::string> feature_names;
    std::vector<std::size_t> feature_fields; ///< 0-based field index of each feature

    bool has_label = false;
    std::string label_name;
    std::vector<double> labels; ///< one per row; NaN where the label is text

    std::vector<TextCell> text; ///< rows are global row indices, in file order
    std::string arena;
    std::size_t missing = 0;
    std::size_t dropped = 0;
};

/// Types the columns (numeric / categorical / stray text), applies options.missing (Mean),
/// options.categorical and the label rules of read_csv, and returns the Dataset. Throws
/// DataError for a stray text value in a numeric column, a categorical column under
/// CategoricalPolicy::Error and a column with no value to take a mean of.
Dataset finish_table(RawTable&& table, const LoadOptions& options);

} // namespace vae::csv
