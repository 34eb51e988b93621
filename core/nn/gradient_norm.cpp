#include "nn/gradient_norm.h"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>

namespace vae {

double squared_norm(std::span<const float> values, std::size_t begin, std::size_t end) {
    // Float partial sums over short blocks (vectorised), added up in double: exact enough for
    // a million values and no slower than the memory.
    constexpr std::size_t block = 4096;
    double total = 0.0;
    for (std::size_t start = begin; start < end; start += block) {
        const auto n = static_cast<Eigen::Index>(std::min(block, end - start));
        const Eigen::Map<const Eigen::ArrayXf> v(values.data() + start, n);
        total += static_cast<double>(v.square().sum());
    }
    return total;
}

float clip_scale(double norm, float max_norm) {
    if (max_norm <= 0.0f || !(norm > static_cast<double>(max_norm)))
        return 1.0f;
    return static_cast<float>(static_cast<double>(max_norm) / norm);
}

double clip_gradient_norm(std::span<float> gradient, float max_norm) {
    const double norm = std::sqrt(squared_norm(gradient, 0, gradient.size()));
    const float scale = clip_scale(norm, max_norm);
    if (scale != 1.0f)
        for (float& g : gradient)
            g *= scale;
    return norm;
}

} // namespace vae
