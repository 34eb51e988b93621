#pragma once

#include "data/csv_tokenizer.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace vae::csv {

/// The column a new user most likely means as the label, and why.
struct LabelProposal {
    std::size_t column = 0;
    std::string reason; ///< "named like a label" or "a text column with 2 classes"
};

/// Proposes a label column from a file's column names and its first data records: a column
/// named label, labels, class, target, species, diagnosis or y (not next to an x), in any case,
/// wins; else
/// the last column that is mostly text with 2..256 distinct values that are not all different
/// (an id or a free-text note is no label). `decimal`: the file's decimal separator, so that
/// "1,5" counts as a number where commas are decimal. None when nothing fits. Pure function.
std::optional<LabelProposal> propose_label_column(const std::vector<std::string>& names,
                                                  const std::vector<TextRecord>& data_records,
                                                  char decimal = '.');

} // namespace vae::csv
