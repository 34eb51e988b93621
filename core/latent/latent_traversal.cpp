#include "latent/latent_traversal.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace vae {

std::vector<double> traversal_values(std::size_t steps, double lo, double hi) {
    if (steps == 0)
        throw std::invalid_argument("a traversal needs at least 1 step, got 0");
    for (const double v : {lo, hi})
        if (!std::isfinite(v))
            throw std::invalid_argument("a traversal needs finite bounds, got " +
                                        std::to_string(v));
    if (steps == 1)
        return {(lo + hi) / 2.0};
    std::vector<double> values(steps);
    const double last = static_cast<double>(steps - 1);
    for (std::size_t s = 0; s < steps; ++s)
        values[s] = lo + (hi - lo) * (static_cast<double>(s) / last);
    values.back() = hi; // lo + (hi - lo) * 1 need not round back to hi
    return values;
}

Matrix traversal_latents(const Vector& base, std::span<const std::size_t> dims, std::size_t steps,
                         double lo, double hi) {
    const std::vector<double> values = traversal_values(steps, lo, hi);
    for (const std::size_t d : dims)
        if (d >= static_cast<std::size_t>(base.size()))
            throw std::invalid_argument("latent dimension " + std::to_string(d) +
                                        " does not exist: the code has " +
                                        std::to_string(base.size()) + " dimensions");
    const auto n = static_cast<Eigen::Index>(dims.size() * steps);
    Matrix z = base.transpose().replicate(n, 1);
    Eigen::Index r = 0;
    for (const std::size_t d : dims)
        for (const double v : values)
            z(r++, static_cast<Eigen::Index>(d)) = static_cast<float>(v);
    return z;
}

} // namespace vae
