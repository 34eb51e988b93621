#pragma once

#include <QString>

#include <cstddef>

namespace vae::ui {

/// "z₃", "z₁₂": latent dimension k as the plots, sliders and traversal rows name it (zero-based,
/// as the model and the CLI count).
[[nodiscard]] QString latent_dim_name(std::size_t k);

} // namespace vae::ui
