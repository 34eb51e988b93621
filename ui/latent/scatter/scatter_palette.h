#pragma once

#include <QColor>

#include <qcustomplot.h>

namespace vae::ui {

/// The latent plane's colours: classes, a numeric target's levels and the map layers' palettes.
/// Plain values, safe to use from any thread that may use QColor.

/// Points of no class (label -1 or beyond the class list).
inline const QColor kScatterNoClassColor(185, 185, 185);
/// Points whose numeric target is NaN.
inline const QColor kScatterNanColor(200, 200, 200);
/// Levels of the numeric colour map: slots 0-255, NaN in slot 256.
inline constexpr int kScatterValueLevels = 256;

/// Colour of class `c` of `classes`: Tableau 10 or 20, golden-ratio hues beyond 20 classes.
[[nodiscard]] QColor scatter_class_color(int c, int classes);
/// matplotlib's viridis in kScatterValueLevels levels, for a numeric target.
[[nodiscard]] QCPColorGradient scatter_viridis();
/// The density map's diverging palette (ColorBrewer RdBu), white at `zero` (the share of the
/// colour range below 0); NaN transparent.
[[nodiscard]] QCPColorGradient scatter_diverging(double zero);
/// The consistency map's sequential palette (ColorBrewer YlOrRd); NaN transparent.
[[nodiscard]] QCPColorGradient scatter_sequential();

} // namespace vae::ui
