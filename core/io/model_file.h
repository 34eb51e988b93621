#pragma once

#include "data/dataset.h"
#include "data/dataset_metadata.h"
#include "vae/vae_architecture.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vae {

/// A trained model as saved in a .vaem file: the network's shape and weights, what is known
/// about the data it was trained on, and free-form text for display. A value type.
struct ModelFile {
    VaeArchitecture architecture;
    /// Flat parameter vector in the engine's layout; size VaeModel::parameter_count(architecture)
    /// (vae/vae_model.h), in VaeModel's layout.
    std::vector<float> parameters;
    /// The training data's metadata: maps decoded samples back to the user's units and names.
    DatasetMetadata data;
    /// Training settings and final metrics as (name, text) pairs, in display order.
    std::vector<std::pair<std::string, std::string>> info;
};

/// Writes `model` to `path` atomically (readers see the old file or the complete new one).
/// Throws std::invalid_argument when the parameter count does not match the architecture or
/// the data metadata does not match input_dim, std::runtime_error on an I/O error.
/// Reads `model` only; safe alongside other readers.
///
/// Format (all integers and floats little-endian):
///   "VAEM" 0x89 '\r' '\n' 0x1A '\n'   signature (binary bytes catch text-mode transfers)
///   u32 format version (1), u32 section count
///   sections: 4-byte ASCII tag, u64 payload length, payload
///     "ARCH" architecture, "PARM" parameters, "DATA" dataset metadata, "INFO" text pairs;
///     unknown tags are skipped so that version-1 readers tolerate optional additions
///   u32 CRC-32 (zlib) of every byte before it
void save_model_file(const ModelFile& model, const std::string& path);

/// Reads a .vaem file (plain or gzip-compressed). Throws DataError naming the file, the byte
/// offset where it applies, what was wrong and what to do, for anything malformed: wrong
/// signature, a newer format version, truncation, a bad checksum, lengths past the end,
/// out-of-range dimensions, unknown enum codes, non-finite parameters. Never allocates more
/// than the file's size justifies. Thread-safe: touches no shared state.
[[nodiscard]] ModelFile load_model_file(const std::string& path);

/// load_model_file() for bytes already in memory (`bytes` as read from the file, not
/// compressed); `path` only names the source in errors. Thread-safe.
[[nodiscard]] ModelFile parse_model_file(std::string_view bytes, const std::string& path);

/// Checks that `data` (loaded from `source`) can be fed to `model`: its column count must be
/// input_dim and, when both sides have meaningful (not made-up "column K"/"pixel K") names,
/// the names must agree column by column. Throws DataError naming `source` otherwise.
void check_compatible(const ModelFile& model, const Dataset& data, const std::string& source);

} // namespace vae
