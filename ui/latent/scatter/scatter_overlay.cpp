#include "ui/latent/scatter/scatter_overlay.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace vae::ui {
namespace {

const QColor kInk(30, 30, 30);
const QColor kHalo(255, 255, 255, 230);
// Reach of each mark from its centre line or centre, in pixels, with 2 px to spare for
// antialiasing and the half-pixel shift of an antialiased QCPPainter: the hover ring (radius 6,
// halo 4 wide), the path (its end discs: radius 6, halo 4 wide) and the marker (ring of radius 8,
// ticks to 14, halo 4.5 wide, round caps).
constexpr double kHoverReach = 6.0 + 2.0 + 2.0;
constexpr double kPathReach = 6.0 + 2.0 + 2.0;
constexpr double kMarkerReach = 8.0 + 6.0 + 2.25 + 2.0;
// The path's region is a chain of boxes, each around this much of its length: a box around
// the whole path would repaint most of the plot for a long diagonal drag.
constexpr double kPathPiecePx = 48.0;

QRect box_around(const QPointF& lo, const QPointF& hi, double reach) {
    return QRectF(lo - QPointF(reach, reach), hi + QPointF(reach, reach)).toAlignedRect();
}

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

QRect ScatterOverlay::area() const {
    // QCPLayer::draw clips each layerable to its clipRect() moved up by a pixel.
    return clipRect().translated(0, -1);
}

QRegion ScatterOverlay::coveredRegion() const {
    const QRect clip = area();
    // Far outside the plot (zoomed in), pixel positions would overflow a QRect: a point there
    // shows nothing, a path through there may cross anything.
    const QRectF near = QRectF(clip).adjusted(-2.0 * clip.width(), -2.0 * clip.height(),
                                              2.0 * clip.width(), 2.0 * clip.height());
    QRegion region;
    auto add_point = [&](const QPointF& xy, double reach) {
        const QPointF p = toPixel(xy);
        if (near.contains(p))
            region += box_around(p, p, reach);
    };
    if (hover_)
        add_point(*hover_, kHoverReach);
    if (marker_)
        add_point(*marker_, kMarkerReach);
    if (path_.size() >= 2) {
        QPolygonF line;
        line.reserve(path_.size());
        for (const QPointF& xy : path_) {
            line << toPixel(xy);
            if (!near.contains(line.back()))
                return clip;
        }
        QPointF lo = line.front();
        QPointF hi = lo;
        double piece = 0.0;
        for (qsizetype i = 1; i < line.size(); ++i) {
            const QPointF a = line[i - 1];
            const QPointF b = line[i];
            const double length = QLineF(a, b).length();
            // A long segment is cut so that its pieces stay short too.
            const int cuts = std::max(1, static_cast<int>(std::ceil(length / kPathPiecePx)));
            for (int c = 1; c <= cuts; ++c) {
                const QPointF q = a + (b - a) * (static_cast<double>(c) / cuts);
                lo = {std::min(lo.x(), q.x()), std::min(lo.y(), q.y())};
                hi = {std::max(hi.x(), q.x()), std::max(hi.y(), q.y())};
                piece += length / cuts;
                if (piece >= kPathPiecePx) {
                    region += box_around(lo, hi, kPathReach);
                    lo = hi = q;
                    piece = 0.0;
                }
            }
        }
        region += box_around(lo, hi, kPathReach);
    }
    return region & clip;
}

QPointF ScatterOverlay::toPixel(const QPointF& xy) const {
    return {rect_->axis(QCPAxis::atBottom)->coordToPixel(xy.x()),
            rect_->axis(QCPAxis::atLeft)->coordToPixel(xy.y())};
}

void ScatterOverlay::draw(QCPPainter* painter) {
    paintMarks(painter);
}

void ScatterOverlay::paintMarks(QPainter* painter) const {
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
