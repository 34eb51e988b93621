#include "ui/scatter_overlay.h"

#include <cmath>

namespace vae::ui {
namespace {

const QColor kInk(30, 30, 30);
const QColor kHalo(255, 255, 255, 230);

} // namespace

QVector<QPointF> evenly_spaced_along(const QVector<QPointF>& path, int count) {
    QVector<QPointF> out;
    if (path.isEmpty() || count < 1)
        return out;
    if (count == 1 || path.size() == 1) {
        out.fill(path.front(), count == 1 ? 1 : count);
        return out;
    }
    QVector<double> along(path.size(), 0.0);
    for (qsizetype i = 1; i < path.size(); ++i)
        along[i] =
            along[i - 1] + std::hypot(path[i].x() - path[i - 1].x(), path[i].y() - path[i - 1].y());
    const double total = along.back();
    out.reserve(count);
    qsizetype seg = 1;
    for (int k = 0; k < count; ++k) {
        if (k == count - 1) {
            out.push_back(path.back()); // exactly the end, not a rounding away from it
            break;
        }
        const double at = total * k / (count - 1);
        while (seg < path.size() - 1 && along[seg] < at)
            ++seg;
        const double len = along[seg] - along[seg - 1];
        const double t = len > 0.0 ? (at - along[seg - 1]) / len : 0.0;
        out.push_back(path[seg - 1] + t * (path[seg] - path[seg - 1]));
    }
    return out;
}

ScatterOverlay::ScatterOverlay(QCPAxisRect* rect, const QString& layer)
    : QCPLayerable(rect->parentPlot(), layer), rect_(rect) {
    setAntialiased(true);
}

void ScatterOverlay::setPath(const QVector<QPointF>& polyline, const QVector<QPointF>& ticks) {
    path_ = polyline;
    ticks_ = ticks;
}

void ScatterOverlay::setMarker(std::optional<QPointF> xy) {
    marker_ = xy;
}

void ScatterOverlay::setHover(std::optional<QPointF> xy, const QColor& color) {
    hover_ = xy;
    hover_color_ = color;
}

void ScatterOverlay::applyDefaultAntialiasingHint(QCPPainter* painter) const {
    applyAntialiasingHint(painter, mAntialiased, QCP::aeItems);
}

QRect ScatterOverlay::clipRect() const {
    return rect_->rect();
}

QPointF ScatterOverlay::toPixel(const QPointF& xy) const {
    return {rect_->axis(QCPAxis::atBottom)->coordToPixel(xy.x()),
            rect_->axis(QCPAxis::atLeft)->coordToPixel(xy.y())};
}

void ScatterOverlay::draw(QCPPainter* painter) {
    painter->setBrush(Qt::NoBrush);
    if (hover_) {
        const QPointF p = toPixel(*hover_);
        painter->setPen(QPen(kHalo, 4.0));
        painter->drawEllipse(p, 6.0, 6.0);
        painter->setPen(QPen(hover_color_.isValid() ? hover_color_.darker(140) : kInk, 2.0));
        painter->drawEllipse(p, 6.0, 6.0);
    }

    if (path_.size() >= 2) {
        QPolygonF line;
        line.reserve(path_.size());
        for (const QPointF& xy : path_)
            line << toPixel(xy);
        painter->setPen(QPen(kHalo, 4.5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter->drawPolyline(line);
        painter->setPen(QPen(kInk, 2.0, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter->drawPolyline(line);

        // Frames between the ends: small dots; the ends: A hollow, B filled.
        painter->setPen(QPen(kHalo, 1.5));
        painter->setBrush(kInk);
        for (qsizetype i = 1; i + 1 < ticks_.size(); ++i)
            painter->drawEllipse(toPixel(ticks_[i]), 3.2, 3.2);
        painter->setPen(QPen(kHalo, 4.0));
        painter->setBrush(Qt::NoBrush);
        const QPointF a = line.front();
        const QPointF b = line.back();
        painter->drawEllipse(a, 6.0, 6.0);
        painter->setPen(QPen(kInk, 2.0));
        painter->setBrush(QColor(255, 255, 255, 200));
        painter->drawEllipse(a, 6.0, 6.0);
        painter->setPen(QPen(kHalo, 1.5));
        painter->setBrush(kInk);
        painter->drawEllipse(b, 6.0, 6.0);
    }

    if (marker_) {
        // A ring with four ticks pointing at its centre: the exact spot stays visible.
        const QPointF p = toPixel(*marker_);
        const double r = 8.0;
        const QLineF ticks[4] = {{p + QPointF(-r - 6, 0), p + QPointF(-r + 3, 0)},
                                 {p + QPointF(r + 6, 0), p + QPointF(r - 3, 0)},
                                 {p + QPointF(0, -r - 6), p + QPointF(0, -r + 3)},
                                 {p + QPointF(0, r + 6), p + QPointF(0, r - 3)}};
        painter->setBrush(Qt::NoBrush);
        painter->setPen(QPen(kHalo, 4.5, Qt::SolidLine, Qt::RoundCap));
        painter->drawEllipse(p, r, r);
        painter->drawLines(ticks, 4);
        painter->setPen(QPen(QColor(200, 20, 20), 2.0, Qt::SolidLine, Qt::RoundCap));
        painter->drawEllipse(p, r, r);
        painter->drawLines(ticks, 4);
    }
}

} // namespace vae::ui
