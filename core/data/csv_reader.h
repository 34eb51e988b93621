#pragma once

#include "data/dataset.h"
#include "data/load_options.h"

#include <cstddef>
#include <string>
#include <vector>

namespace vae {

/// Reads a CSV file (plain or gzip, detected from the content) into a Dataset in the user's
/// raw units: no normalization, no image shape, no 0..255 scaling (later loader steps do
/// those). Rules, in short (details in docs of each option):
/// - RFC 4180 quoting, LF or CRLF, UTF-8 BOM; blank lines are skipped; line numbers in errors
///   are physical lines as an editor shows them (lines inside quoted fields count).
/// - Delimiter sniffed among , ; tab | unless options.delimiter; header detected unless
///   options.header. Without a header (or for an empty header name), columns are named
///   "column 1", "column 2", ... (counted from 1, as label_column and drop_columns positions).
/// - Numbers: optional sign, decimals, exponents, spaces around trimmed, correctly rounded to
///   float. "inf"/"infinity" are not numbers (non-finite values are rejected).
/// - Missing: empty, ?, NA, N/A, n/a, #N/A, NaN, nan, NAN, -nan, null, NULL, None, <NA>.
///   options.missing: Error (DataError), Drop (row dropped, counted in dropped_rows), Mean
///   (column mean of the present values; for a one-hot group, the category frequencies). A
///   missing label is an error under Error and drops the row under Drop and Mean.
/// - A column whose values are mostly text is categorical (numbers in it become categories in
///   their shortest text form); one-hot categories are sorted (byte order). A column of mostly
///   numbers with some text is an error naming the first text value.
/// - Labels (options.label_column): integers with <= 256 distinct values are classes in
///   ascending numeric order named by their integer text; any text label makes all labels
///   classes named by their text, sorted (byte order); other numbers go to `targets`.
/// Throws DataError (file:line:column: found ... (hint)) for bad input and LoadCancelled when
/// options.progress returns false. Uses up to two worker threads internally; the call itself
/// is reentrant (no shared state).
Dataset read_csv(const std::string& path, const LoadOptions& options);

/// The start of a CSV file as the import dialog shows it.
struct CsvPreview {
    char delimiter = ',';
    char decimal = '.';
    bool header = false;                        ///< a header row was detected (or forced)
    std::vector<std::string> column_names;      ///< from the header, else "column 0"...
    std::vector<std::vector<std::string>> rows; ///< first data records, fields as text
    std::size_t first_data_line = 0;            ///< physical line of rows[0]
    /// The column label_column "auto" takes (see propose_label_column), -1 for none, and why.
    int proposed_label = -1;
    std::string proposed_label_reason;
    std::vector<std::string> notes; ///< what the reader decided by itself (a title skipped)
};

/// Sniffs and tokenizes only the beginning of the file (at most about 1 MB). Honours
/// options.delimiter, header and skip_rows. Throws DataError for an unreadable, empty or
/// binary file. Reentrant.
CsvPreview preview_csv(const std::string& path, const LoadOptions& options, std::size_t max_rows);

} // namespace vae
