#include "ui/latent/scatter/scatter_side_column.h"

#include "ui/latent/scatter/scatter_legend_item.h"
#include "ui/latent/scatter/scatter_map_layer.h"
#include "ui/latent/scatter/scatter_palette.h"
#include "ui/latent/scatter/scatter_series.h"
#include "ui/widgets/plot_style.h"

#include <QWidget>

#include <qcustomplot.h>

namespace vae::ui {

ScatterSideColumn::ScatterSideColumn(QCustomPlot* plot, const ScatterMapLayer& map,
                                     const QWidget& font_source)
    : plot_(plot), map_(map), font_source_(font_source) {
    side_ = new QCPLayoutGrid;
    plot_->plotLayout()->addElement(0, 1, side_);
    plot_->plotLayout()->setColumnStretchFactors({1.0, 0.001});
    plot_->plotLayout()->setColumnSpacing(4);
    legend_ = new QCPLegend;
    side_->addElement(0, 0, legend_);
    legend_->setLayer(QStringLiteral("legend"));
    legend_->setFont(plot_font(font_source_.font(), kPlotTickFontPoints));
    legend_->setBorderPen(Qt::NoPen);
    legend_->setBrush(Qt::NoBrush);
    legend_->setIconSize(10, 10);
    legend_->setRowSpacing(1);
    legend_->setSelectableParts(QCPLegend::spNone);
    legend_->setMinimumMargins(QMargins(4, 8, 8, 4));
    legend_->setFillOrder(QCPLayoutGrid::foRowsFirst);
    legend_->setWrap(24);
    margins_ = new QCPMarginGroup(plot_);
    map_.scale()->setMarginGroup(QCP::msBottom, margins_); // its bar ends where the plane does
    plot_->axisRect()->setMarginGroup(QCP::msTop | QCP::msBottom, margins_);
    side_->setRowSpacing(0);
    arrange(nullptr);
}

void ScatterSideColumn::showValueScale(const QCPRange& range, const QString& name) {
    QCPColorScale* scale = value_scale_;
    if (!scale) {
        scale = new QCPColorScale(plot_);
        scale->setType(QCPAxis::atRight);
        scale->setGradient(scatter_viridis());
        scale->setBarWidth(10);
        scale->setRangeDrag(false);
        scale->setRangeZoom(false);
        scale->axis()->setTickLabelFont(plot_font(font_source_.font(), kPlotTickFontPoints));
        scale->axis()->setLabelFont(plot_font(font_source_.font(), kPlotLabelFontPoints));
        scale->setMarginGroup(QCP::msTop | QCP::msBottom, margins_);
        arrange(scale);
    }
    scale->setDataRange(range);
    scale->axis()->setLabel(name);
}

void ScatterSideColumn::hideValueScale() {
    if (value_scale_)
        arrange(nullptr);
}

void ScatterSideColumn::arrangeForMap() {
    arrange(value_scale_);
}

// The legend over a spacer, or a colour scale alone (so that it lines up with the plane's top
// and bottom through the margin group); the map's scale fills the rest under either.
void ScatterSideColumn::arrange(QCPColorScale* scale) {
    if (filler_)
        side_->remove(filler_);
    filler_ = nullptr;
    if (value_scale_ && value_scale_ != scale)
        side_->remove(value_scale_);
    value_scale_ = nullptr;
    QCPColorScale* map_scale = map_.scale();
    for (QCPLayoutElement* e :
         {static_cast<QCPLayoutElement*>(legend_), static_cast<QCPLayoutElement*>(map_scale),
          static_cast<QCPLayoutElement*>(scale)})
        if (e && e->layout() == side_)
            side_->take(e);
    side_->simplify();
    legend_->setVisible(scale == nullptr);
    const bool map = map_.shown();
    map_scale->setVisible(map);
    int row = 0;
    QList<double> stretch;
    if (scale) {
        value_scale_ = scale;
        side_->addElement(row++, 0, scale);
        stretch << 1.0;
    } else {
        side_->addElement(row++, 0, legend_);
        stretch << 0.001;
    }
    if (map) {
        side_->addElement(row++, 0, map_scale);
        stretch << 1.0;
    } else if (!scale) {
        filler_ = new QCPLayoutElement(plot_);
        side_->addElement(row++, 0, filler_);
        stretch << 1.0;
    }
    side_->setRowStretchFactors(stretch);
}

void ScatterSideColumn::fillLegend(const ScatterSeries& series) {
    legend_->clearItems();
    if (series.byValue())
        return;
    const QStringList& names = series.classNames();
    const int classes = static_cast<int>(names.size());
    for (int c = 0; c < classes; ++c) {
        auto* item = new ScatterLegendItem(legend_, c, scatter_class_color(c, classes), names[c]);
        item->setShown(series.classVisible(c));
        legend_->addItem(item);
    }
    if (series.hasUnclassified()) {
        auto* item = new ScatterLegendItem(legend_, -1, kScatterNoClassColor, tr("no class"));
        item->setShown(series.classVisible(-1));
        legend_->addItem(item);
    }
}

void ScatterSideColumn::syncLegend(const ScatterSeries& series) {
    for (int i = 0; i < legend_->itemCount(); ++i)
        if (auto* item = qobject_cast<ScatterLegendItem*>(legend_->item(i)))
            item->setShown(series.classVisible(item->classId()));
}

QStringList ScatterSideColumn::legendTexts() const {
    QStringList out;
    for (int i = 0; i < legend_->itemCount(); ++i)
        if (auto* item = qobject_cast<ScatterLegendItem*>(legend_->item(i)))
            out << item->text();
    return out;
}

} // namespace vae::ui
