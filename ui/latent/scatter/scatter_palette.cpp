#include "ui/latent/scatter/scatter_palette.h"

#include "ui/widgets/plot_style.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <initializer_list>

namespace vae::ui {

QColor scatter_class_color(int c, int classes) {
    if (classes <= 10)
        return tableau10()[static_cast<std::size_t>(c)];
    if (classes <= 20)
        return tableau20()[static_cast<std::size_t>(c)];
    // No palette keeps more than 20 hues apart; golden-ratio steps around the wheel at least
    // put neighbours far from each other.
    return QColor::fromHsvF(static_cast<float>(std::fmod(0.6180339887 * c, 1.0)), 0.65f, 0.85f);
}

namespace {

// A gradient through `stops` at even spacing, interpolated in RGB, in kScatterValueLevels levels.
QCPColorGradient evenly_stopped(std::initializer_list<QColor> stops) {
    QCPColorGradient g;
    g.clearColorStops();
    const auto last = static_cast<double>(stops.size() - 1);
    int i = 0;
    for (const QColor& c : stops)
        g.setColorStopAt(i++ / last, c);
    g.setColorInterpolation(QCPColorGradient::ciRGB);
    g.setLevelCount(kScatterValueLevels);
    return g;
}

} // namespace

// matplotlib's viridis: perceptually uniform and readable in grey and for the colour-blind.
QCPColorGradient scatter_viridis() {
    return evenly_stopped({QColor(68, 1, 84), QColor(71, 45, 123), QColor(59, 82, 139),
                           QColor(44, 114, 142), QColor(33, 145, 140), QColor(40, 174, 128),
                           QColor(94, 201, 98), QColor(173, 220, 48), QColor(253, 231, 37)});
}

// Red where the prior expects codes the encoder never produces (q < p, the holes), blue where
// the codes crowd (q > p), white where they agree.
QCPColorGradient scatter_diverging(double zero) {
    QCPColorGradient g;
    g.clearColorStops();
    const double z = std::clamp(zero, 0.05, 0.95);
    g.setColorStopAt(0.0, QColor(103, 0, 31));
    g.setColorStopAt(z * 0.35, QColor(178, 24, 43));
    g.setColorStopAt(z * 0.7, QColor(239, 138, 98));
    g.setColorStopAt(z, QColor(247, 247, 247));
    g.setColorStopAt(z + (1 - z) * 0.3, QColor(146, 197, 222));
    g.setColorStopAt(z + (1 - z) * 0.65, QColor(67, 147, 195));
    g.setColorStopAt(1.0, QColor(5, 48, 97));
    g.setColorInterpolation(QCPColorGradient::ciRGB);
    g.setLevelCount(kScatterValueLevels);
    g.setNanHandling(QCPColorGradient::nhTransparent);
    return g;
}

// Pale where a code comes back to itself, dark red where the decoder's output is encoded far
// away.
QCPColorGradient scatter_sequential() {
    QCPColorGradient g =
        evenly_stopped({QColor(255, 255, 229), QColor(254, 237, 160), QColor(254, 196, 79),
                        QColor(251, 128, 44), QColor(227, 26, 28), QColor(128, 0, 38)});
    g.setNanHandling(QCPColorGradient::nhTransparent);
    return g;
}

} // namespace vae::ui
