#pragma once

#include "data/dataset.h"

#include <cstddef>
#include <span>
#include <vector>

namespace vae {

/// `steps` evenly spaced values from lo to hi, both edges exact (value 0 is lo, value
/// steps - 1 is hi, bitwise); a single step sits at (lo + hi) / 2. lo > hi runs downwards.
/// Throws std::invalid_argument naming the value for steps == 0 or a non-finite bound.
[[nodiscard]] std::vector<double> traversal_values(std::size_t steps, double lo, double hi);

/// The latent codes of "vary one dimension at a time": (dims.size() * steps) x L, row-major by
/// dimension then step, so row d * steps + s is `base` with z[dims[d]] set to
/// traversal_values(steps, lo, hi)[s] (as float) and every other dimension untouched. Values are
/// in latent units. Pure; safe from any thread. Throws std::invalid_argument naming the value
/// for a dimension >= base.size(), or as traversal_values.
[[nodiscard]] Matrix traversal_latents(const Vector& base, std::span<const std::size_t> dims,
                                       std::size_t steps, double lo, double hi);

} // namespace vae
