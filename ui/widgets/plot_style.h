#pragma once

#include <QColor>
#include <QFont>

#include <array>

namespace vae::ui {

/// Point sizes shared by the plots, so that the curves and the latent plane read alike.
inline constexpr double kPlotTickFontPoints = 8.0;
inline constexpr double kPlotLabelFontPoints = 8.5;

/// `base` at `points` (bold if asked): the plots size their text from the widget's own font, so
/// that a desktop's font choice carries over.
inline QFont plot_font(QFont base, double points, bool bold = false) {
    base.setPointSizeF(points);
    base.setBold(bold);
    return base;
}

/// Tableau 10 (matplotlib's tab10), the qualitative palette the curves' colours come from: ten
/// hues that stay apart for the colour-blind as far as ten can.
inline const std::array<QColor, 10>& tableau10() {
    static const std::array<QColor, 10> colors{
        QColor(31, 119, 180),  QColor(255, 127, 14), QColor(44, 160, 44),   QColor(214, 39, 40),
        QColor(148, 103, 189), QColor(140, 86, 75),  QColor(227, 119, 194), QColor(127, 127, 127),
        QColor(188, 189, 34),  QColor(23, 190, 207)};
    return colors;
}

/// Tableau 20 (matplotlib's tab20): each tab10 hue with a lighter partner, for 11 to 20 classes.
inline const std::array<QColor, 20>& tableau20() {
    static const std::array<QColor, 20> colors{
        QColor(31, 119, 180),  QColor(174, 199, 232), QColor(255, 127, 14),  QColor(255, 187, 120),
        QColor(44, 160, 44),   QColor(152, 223, 138), QColor(214, 39, 40),   QColor(255, 152, 150),
        QColor(148, 103, 189), QColor(197, 176, 213), QColor(140, 86, 75),   QColor(196, 156, 148),
        QColor(227, 119, 194), QColor(247, 182, 210), QColor(127, 127, 127), QColor(199, 199, 199),
        QColor(188, 189, 34),  QColor(219, 219, 141), QColor(23, 190, 207),  QColor(158, 218, 229)};
    return colors;
}

} // namespace vae::ui
