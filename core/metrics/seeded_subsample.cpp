#include "metrics/seeded_subsample.h"

#include "data/seeded_random.h"
#include "nn/matrix_ops.h"

#include <algorithm>
#include <numeric>

namespace vae {

std::vector<std::size_t> seeded_subsample(std::size_t n, std::size_t count, std::uint64_t seed) {
    std::vector<std::size_t> all(n);
    std::iota(all.begin(), all.end(), std::size_t{0});
    if (count >= n)
        return all;
    // A partial Fisher-Yates shuffle: the first `count` places end up a uniform subset.
    SeededRandom rng(seed, 0x737562736574ULL);
    for (std::size_t i = 0; i < count; ++i)
        std::swap(all[i], all[i + rng.below(n - i)]);
    all.resize(count);
    std::sort(all.begin(), all.end());
    return all;
}

Matrix subsample_rows(const Matrix& x, std::size_t count, std::uint64_t seed) {
    const auto n = static_cast<std::size_t>(x.rows());
    if (count >= n)
        return x;
    return gather_rows(x, seeded_subsample(n, count, seed));
}

} // namespace vae
