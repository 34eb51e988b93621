#include "ui/latent/scatter/scatter_prior_circles.h"

#include "ui/widgets/plot_style.h"

#include <QWidget>

#include <qcustomplot.h>

#include <numbers>

namespace vae::ui {
namespace {

const QColor kPriorColor(60, 60, 60);

// A hidden circle of radius `r` about the origin drawn with `pen`.
QCPItemEllipse* circle_item(QCustomPlot* plot, double r, const QPen& pen) {
    auto* circle = new QCPItemEllipse(plot);
    circle->setLayer(QStringLiteral("main"));
    circle->setSelectable(false);
    circle->setPen(pen);
    circle->topLeft->setCoords(-r, r);
    circle->bottomRight->setCoords(r, -r);
    circle->setVisible(false);
    return circle;
}

} // namespace

ScatterPriorCircles::ScatterPriorCircles(QCustomPlot* plot, const QWidget& font_source) {
    for (double r : {1.0, 2.0}) {
        halos_.push_back(circle_item(plot, r, QPen(QColor(255, 255, 255, 150), 3.0)));
        circles_.push_back(circle_item(plot, r, QPen(kPriorColor, 1.2, Qt::DashLine)));
        auto* text = new QCPItemText(plot);
        text->setLayer(QStringLiteral("main"));
        text->setSelectable(false);
        text->setFont(plot_font(font_source.font(), kPlotTickFontPoints));
        text->setColor(kPriorColor);
        text->setBrush(QColor(255, 255, 255, 190));
        text->setPadding(QMargins(2, 0, 2, 0));
        text->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
        text->position->setCoords(r / std::numbers::sqrt2, r / std::numbers::sqrt2);
        text->setText(r == 1.0 ? tr("1σ") : tr("2σ"));
        text->setVisible(false);
        labels_.push_back(text);
    }
}

void ScatterPriorCircles::setVisible(bool on, bool over_mosaic) {
    for (QCPItemEllipse* c : circles_)
        c->setVisible(on);
    for (QCPItemEllipse* c : halos_)
        c->setVisible(on && over_mosaic);
    for (QCPItemText* t : labels_)
        t->setVisible(on);
}

} // namespace vae::ui
