#pragma once

namespace vae {

/// A latent unit is active when the variance over the data of its posterior mean, Cov_x(E[z_d|x]),
/// exceeds this (Burda et al. 2015): below it the unit's code does not depend on x, whatever KL
/// it costs. The one threshold of the engine's count and of every view that colours units.
inline constexpr double kActiveUnitThreshold = 0.01;

/// Whether a unit whose posterior mean varies by `mean_variance` over the data is active.
[[nodiscard]] constexpr bool is_active_unit(double mean_variance,
                                            double threshold = kActiveUnitThreshold) {
    return mean_variance > threshold;
}

} // namespace vae
