#pragma once

#include "data/dataset_metadata.h"
#include "io/byte_reader.h"
#include "io/byte_writer.h"

#include <cstddef>
#include <optional>
#include <string>

namespace vae {

/// Binary form of DatasetMetadata inside a .vaem file (little-endian):
///   str name; strings column_names; str label_column; strings label_names, factor_names;
///   u8 has_image [u32 width, height, channels]; u64 groups x (str name, u64 first_column,
///   strings categories); u32 normalization kind; u8 scaled_from_255; u64 size;
///   size x f32 offset; size x f32 scale; u64 rows.
void write_metadata(ByteWriter& out, const DatasetMetadata& meta);

/// Reads what write_metadata wrote and checks it against `input_dim` (metadata_problem);
/// any problem is a DataError from `in`. Stops at the end of the metadata.
[[nodiscard]] DatasetMetadata read_metadata(ByteReader& in, std::size_t input_dim);

/// The first inconsistency of `meta` with a model of `input_dim` inputs (column names,
/// image shape, one-hot groups, normalization size and values), or nothing.
[[nodiscard]] std::optional<std::string> metadata_problem(const DatasetMetadata& meta,
                                                          std::size_t input_dim);

} // namespace vae
