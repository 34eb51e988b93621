#pragma once

#include "data/dataset.h"

#include <cstdint>

namespace vae {

/// Fills `eps` (its current shape) with standard normal draws, row by row, from the stream
/// (seed, stream). The same (seed, stream, shape) always gives the same values whatever the
/// thread count: the training step draws its reparameterisation noise for the whole minibatch
/// with stream = step number before splitting the batch. Thread-safe (no shared state).
void fill_standard_normal(std::uint64_t seed, std::uint64_t stream, Matrix& eps);

} // namespace vae
