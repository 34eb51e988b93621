#include "vae/standard_normal_noise.h"

#include "data/seeded_random.h"

namespace vae {

void fill_standard_normal(std::uint64_t seed, std::uint64_t stream, Matrix& eps) {
    SeededRandom rng(seed, stream);
    float* p = eps.data();
    const Eigen::Index n = eps.size();
    for (Eigen::Index i = 0; i < n; ++i)
        p[i] = static_cast<float>(rng.normal());
}

} // namespace vae
