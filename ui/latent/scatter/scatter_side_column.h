#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

class QCPColorScale;
class QCPLayoutElement;
class QCPLayoutGrid;
class QCPLegend;
class QCPMarginGroup;
class QCPRange;
class QCustomPlot;
class QWidget;

namespace vae::ui {

class ScatterMapLayer;
class ScatterSeries;

/// The column beside the latent plane, never over it: the class legend at the top over a
/// spacer, or a numeric target's colour scale alone, lined up with the plane's top and bottom;
/// and under either the map layer's scale while a map shows. Its elements are owned by the
/// plot's layout. GUI thread only; the map layer must outlive it.
class ScatterSideColumn {
    Q_DECLARE_TR_FUNCTIONS(ScatterSideColumn)
public:
    /// Adds the column to the right of `plot`'s axis rect (the plot's layout cell (0, 1)). Its
    /// text is sized from `font_source`'s font as it is when each element is made.
    ScatterSideColumn(QCustomPlot* plot, const ScatterMapLayer& map, const QWidget& font_source);

    /// Shows the numeric target's colour scale (created on first use) over `range`, titled
    /// `name`, in place of the legend.
    void showValueScale(const QCPRange& range, const QString& name);
    /// Back to the legend, if the value scale showed.
    void hideValueScale();
    /// Places the map's scale, or takes it away, after the map layer showed or hid.
    void arrangeForMap();
    /// Rebuilds the legend's entries from `series` (none for a numeric target).
    void fillLegend(const ScatterSeries& series);
    /// Marks each entry shown or hidden as its class is in `series`.
    void syncLegend(const ScatterSeries& series);

    [[nodiscard]] QCPLegend* legend() const { return legend_; }
    /// The legend's entries, in order.
    [[nodiscard]] QStringList legendTexts() const;

private:
    void arrange(QCPColorScale* scale);

    QCustomPlot* plot_;
    const ScatterMapLayer& map_;
    const QWidget& font_source_;
    QCPLayoutGrid* side_ = nullptr;
    QCPLegend* legend_ = nullptr;
    QCPMarginGroup* margins_ = nullptr;
    QCPLayoutElement* filler_ = nullptr;   ///< the spacer under the legend
    QCPColorScale* value_scale_ = nullptr; ///< shown for a numeric target
};

} // namespace vae::ui
