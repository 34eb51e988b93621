#pragma once

#include <cstddef>
#include <span>

namespace vae {

/// Sum of squares of values[begin, end), accumulated in double. Returns +inf or NaN when a value
/// is not finite, so one number answers both "how large" and "is everything finite".
double squared_norm(std::span<const float> values, std::size_t begin, std::size_t end);

/// Factor that scales a gradient of L2 norm `norm` down to at most `max_norm`: 1 when
/// max_norm <= 0 (clipping off) or norm <= max_norm, else max_norm / norm.
float clip_scale(double norm, float max_norm);

/// Global-norm clipping in place; returns the norm before clipping.
double clip_gradient_norm(std::span<float> gradient, float max_norm);

} // namespace vae
