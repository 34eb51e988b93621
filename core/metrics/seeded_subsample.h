#pragma once

#include "data/dataset.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace vae {

/// `count` distinct indices of [0, n) drawn uniformly without replacement for `seed`, in
/// ascending order (rows keep their order); all of [0, n) when count >= n. Deterministic for
/// (n, count, seed) on every platform (SeededRandom, not std:: distributions).
std::vector<std::size_t> seeded_subsample(std::size_t n, std::size_t count, std::uint64_t seed);

/// The rows of x at seeded_subsample(x.rows(), count, seed); a copy of x when it has at most
/// `count` rows. Metrics that compare two sets through k-NN radii use it to bring the larger
/// set down to the size of the smaller: a radius depends on how many rows its set has.
Matrix subsample_rows(const Matrix& x, std::size_t count, std::uint64_t seed);

} // namespace vae
