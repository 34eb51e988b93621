#pragma once

#include "data/dataset.h"

#include <string>

namespace vae {

/// Writes `d` as a comma-separated file with a header row, atomically (readers see the old
/// file or the complete new one). Layout: the label column first when the dataset has labels
/// (class names) or targets, named d.label_column or "label"; then the feature columns in
/// order, each one-hot group written back as one column holding its category text (the
/// largest indicator wins). Values are converted back to the user's units with
/// d.normalization.inverse and written in the shortest form that parses back to the same
/// float; NaN is written as an empty field. Fields are quoted per RFC 4180 when they hold a
/// comma, a quote, a line break or surrounding spaces. Throws std::runtime_error on an I/O
/// error. Reads `d` only; safe to call concurrently with other readers of `d`.
void write_csv(const Dataset& d, const std::string& path);

} // namespace vae
