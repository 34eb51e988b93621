#pragma once

#include "data/dataset.h"

#include <string>

namespace vae {

/// Writes `m` (N x D) as a NumPy .npy file, format 1.0, dtype float32 in the machine's byte
/// order ('<f4' on little-endian machines), shape (N, D), C order: what numpy.load and
/// read_npy read back unchanged. Atomic: readers see the old file or the complete new one.
/// Throws std::runtime_error on an I/O error. Reads `m` only.
void write_npy(const Matrix& m, const std::string& path);

} // namespace vae
