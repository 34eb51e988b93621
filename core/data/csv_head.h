#pragma once

#include "data/csv_sniffer.h"
#include "data/input_stream.h"
#include "data/load_options.h"

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace vae::csv {

/// An opened CSV file positioned after its header: the first bytes are read, the BOM and
/// options.skip_rows lines skipped, the dialect sniffed, the header (if any) consumed.
struct CsvHead {
    std::unique_ptr<InputStream> in;
    std::vector<char> buffer; ///< bytes read so far; [pos, end) not consumed yet
    std::size_t pos = 0;
    bool eof = false;     ///< buffer holds the rest of the file
    std::size_t line = 1; ///< physical line number at `pos`
    CsvDialect dialect;
    std::vector<std::string> names;    ///< one per field: header text or "column i"
    std::size_t first_record_line = 0; ///< the line the field count comes from
    double bytes_per_record = 0;       ///< average over the sniffed records (sizing hint)
    std::vector<std::string> notes;    ///< what was decided by itself (a title line skipped)
    /// The file starts with scikit-learn's title: its last column is the target, and
    /// title_classes (maybe none) names the classes 0, 1, ...
    bool sklearn_title = false;
    std::vector<std::string> title_classes;
};

/// Opens `path` and reads about `sniff_bytes` (more if skip_rows needs it). Throws DataError
/// for a missing, empty or binary file and a file with only blank or skipped lines. A first
/// line whose field count differs from all the following lines is a title: skipped with a
/// note when two or more lines follow it, else an error hinting --skip-rows.
CsvHead open_csv(const std::string& path, const LoadOptions& options, std::size_t sniff_bytes);

/// Reads up to `bytes` more into head.buffer; sets eof at the end of the file.
void read_more(CsvHead& head, std::size_t bytes);

} // namespace vae::csv
