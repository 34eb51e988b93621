#pragma once

namespace vae::ui {

/// Which colour layer the latent plane shows under its points.
enum class LatentMapKind {
    None,
    Density,     ///< log q(z) / p(z): the aggregate posterior against the prior
    Consistency, ///< ||z - mean_encoder(decode(z))||
};

} // namespace vae::ui
