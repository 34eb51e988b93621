#pragma once

#include <QColor>

namespace vae::ui {

/// Viridis at `t` in [0, 1] (clamped; NaN reads as 0.5): perceptually even and readable in
/// grey, so "how far into the training range" reads the same for every feature.
[[nodiscard]] QColor viridis_color(double t);

/// The k-th category's colour (tableau, light enough for dark text), cycling after eight.
[[nodiscard]] QColor category_color(int k);

/// Dark or light text, whichever reads on `background`.
[[nodiscard]] QColor text_color_on(const QColor& background);

/// The colour that marks values outside the training range.
[[nodiscard]] QColor out_of_range_color();

} // namespace vae::ui
