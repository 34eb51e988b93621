#pragma once

#include <QImage>
#include <QSize>

#include <vector>

namespace vae::ui {

/// The classic VAE manifold figure as one image: `tiles` (cols * rows, row-major from the top
/// row, as decode_manifold_grid orders them) each scaled without smoothing to fill a `cell`
/// pixel box. Why at cell size rather than the tiles' own: the plot
/// stretches the mosaic over the visible region, and a mosaic already at screen size stays
/// crisp there. Empty when the counts disagree or a size is empty.
[[nodiscard]] QImage manifold_mosaic(const std::vector<QImage>& tiles, int cols, int rows,
                                     QSize cell);

} // namespace vae::ui
