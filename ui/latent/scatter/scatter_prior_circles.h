#pragma once

#include <QCoreApplication>

#include <vector>

class QCPItemEllipse;
class QCPItemText;
class QCustomPlot;
class QWidget;

namespace vae::ui {

/// Circles of radius 1 and 2 around the origin of the latent plane, the prior's 1σ and 2σ,
/// dashed and labelled, on the plot's "main" layer. Over a mosaic of decoded images each gets
/// a faint white band under it, so that it stays visible on dark tiles (only there: over the
/// points the band would read as a gap). The items are owned by the plot. GUI thread only.
class ScatterPriorCircles {
    Q_DECLARE_TR_FUNCTIONS(ScatterPriorCircles)
public:
    /// Adds the (hidden) items to `plot`, their labels sized from `font_source`'s font.
    ScatterPriorCircles(QCustomPlot* plot, const QWidget& font_source);

    void setVisible(bool on, bool over_mosaic);

private:
    std::vector<QCPItemEllipse*> circles_;
    std::vector<QCPItemEllipse*> halos_;
    std::vector<QCPItemText*> labels_;
};

} // namespace vae::ui
