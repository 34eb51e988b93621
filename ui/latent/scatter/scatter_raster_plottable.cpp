#include "ui/latent/scatter/scatter_raster_plottable.h"

#include <algorithm>
#include <cmath>

namespace vae::ui {
namespace {

// x * a / 255 on the four 8-bit channels of a premultiplied pixel at once, two channels per
// 32-bit multiply, rounded as Qt's own BYTE_MUL is.
inline std::uint32_t byte_mul(std::uint32_t x, std::uint32_t a) {
    std::uint32_t t = (x & 0xff00ffu) * a;
    t = ((t + ((t >> 8) & 0xff00ffu) + 0x800080u) >> 8) & 0xff00ffu;
    x = ((x >> 8) & 0xff00ffu) * a;
    x = (x + ((x >> 8) & 0xff00ffu) + 0x800080u) & 0xff00ff00u;
    return x | t;
}

struct StampCell {
    int dx;
    int dy;
    int index; ///< into the per-slot colour tables
};

} // namespace

ScatterRasterPlottable::ScatterRasterPlottable(QCPAxis* key_axis, QCPAxis* value_axis)
    : QCPAbstractPlottable(key_axis, value_axis) {
    setSelectable(QCP::stNone);
}

void ScatterRasterPlottable::setData(std::vector<float> x, std::vector<float> y,
                                     std::vector<std::uint16_t> slot) {
    const std::size_t n = std::min({x.size(), y.size(), slot.size()});
    x.resize(n);
    y.resize(n);
    slot.resize(n);
    x_ = std::move(x);
    y_ = std::move(y);
    slot_ = std::move(slot);
    has_bounds_ = false;
    for (std::size_t i = 0; i < n; ++i) {
        if (!std::isfinite(x_[i]) || !std::isfinite(y_[i]))
            continue;
        if (!has_bounds_) {
            lo_x_ = hi_x_ = x_[i];
            lo_y_ = hi_y_ = y_[i];
            has_bounds_ = true;
        }
        lo_x_ = std::min(lo_x_, x_[i]);
        hi_x_ = std::max(hi_x_, x_[i]);
        lo_y_ = std::min(lo_y_, y_[i]);
        hi_y_ = std::max(hi_y_, y_[i]);
    }
    touch();
}

void ScatterRasterPlottable::setSlots(std::vector<std::uint16_t> slot) {
    slot.resize(x_.size(), 0);
    slot_ = std::move(slot);
    touch();
}

void ScatterRasterPlottable::setSlotColors(std::vector<QColor> colors) {
    colors_ = std::move(colors);
    visible_.resize(colors_.size(), 1);
    touch();
}

void ScatterRasterPlottable::setSlotVisible(std::size_t slot, bool visible) {
    if (slot >= visible_.size())
        visible_.resize(slot + 1, 1);
    if ((visible_[slot] != 0) == visible)
        return;
    visible_[slot] = visible ? 1 : 0;
    touch();
}

bool ScatterRasterPlottable::slotVisible(std::size_t slot) const {
    return slot >= visible_.size() || visible_[slot] != 0;
}

void ScatterRasterPlottable::setClamped(double& field, double value, double lo, double hi) {
    value = std::clamp(value, lo, hi);
    if (value == field)
        return;
    field = value;
    touch();
}

void ScatterRasterPlottable::setPointSize(double px) {
    setClamped(point_size_, px, 1.0, 9.0);
}

void ScatterRasterPlottable::setOpacity(double opacity) {
    setClamped(opacity_, opacity, 0.0, 1.0);
}

double ScatterRasterPlottable::selectTest(const QPointF&, bool, QVariant*) const {
    // Picking goes through the view's spatial index; QCustomPlot asks every plottable on
    // every click, and a linear answer here would cost as much as a redraw.
    return -1.0;
}

QCPRange ScatterRasterPlottable::getKeyRange(bool& found, QCP::SignDomain) const {
    found = has_bounds_;
    return has_bounds_ ? QCPRange(lo_x_, hi_x_) : QCPRange();
}

QCPRange ScatterRasterPlottable::getValueRange(bool& found, QCP::SignDomain,
                                               const QCPRange&) const {
    found = has_bounds_;
    return has_bounds_ ? QCPRange(lo_y_, hi_y_) : QCPRange();
}

void ScatterRasterPlottable::draw(QCPPainter* painter) {
    if (!mKeyAxis || !mValueAxis)
        return;
    const QRect rect = mKeyAxis->axisRect()->rect();
    if (rect.isEmpty())
        return;
    if (painter->modes().testFlag(QCPPainter::pmNoCaching)) {
        // An export: its own image, at twice the resolution for a PDF (which scales), so that
        // the screen's cache survives it.
        const double scale = painter->modes().testFlag(QCPPainter::pmVectorized)
                                 ? 2.0
                                 : std::max(1.0, std::abs(painter->transform().m11()));
        QImage image(qRound(rect.width() * scale), qRound(rect.height() * scale),
                     QImage::Format_ARGB32_Premultiplied);
        rasterize(image, scale);
        painter->drawImage(QRectF(rect), image);
        return;
    }
    const double dpr = mParentPlot->bufferDevicePixelRatio();
    const QSize size(qRound(rect.width() * dpr), qRound(rect.height() * dpr));
    const CacheKey key{mKeyAxis->range(), mValueAxis->range(), size, content_version_};
    if (cache_.isNull() || !(key == cache_key_)) {
        if (cache_.size() != size)
            cache_ = QImage(size, QImage::Format_ARGB32_Premultiplied);
        rasterize(cache_, dpr);
        cache_key_ = key;
        ++raster_count_;
    }
    painter->drawImage(QRectF(rect), cache_);
}

void ScatterRasterPlottable::drawLegendIcon(QCPPainter* painter, const QRectF& rect) const {
    const QColor c = colors_.empty() ? QColor(Qt::gray) : colors_.front();
    painter->setPen(Qt::NoPen);
    painter->setBrush(c);
    const double d = std::min(rect.width(), rect.height()) * 0.6;
    painter->drawEllipse(QRectF(0, 0, d, d).translated(rect.center() - QPointF(d, d) / 2));
}

// Coverage of a disc of the point's diameter (at `scale` device pixels per pixel) over each
// cell of a (2r+1)² stamp centred on a pixel, from 8×8 samples per cell.
void ScatterRasterPlottable::buildStamps(double scale, std::vector<std::uint8_t>& coverage,
                                         int& radius) const {
    const double d = point_size_ * scale;
    radius = std::max(0, static_cast<int>(std::ceil((d - 1.0) / 2.0)));
    const int k = 2 * radius + 1;
    const double r2 = d * d / 4.0;
    coverage.assign(static_cast<std::size_t>(k * k), 0);
    constexpr int kSub = 8;
    for (int cy = 0; cy < k; ++cy)
        for (int cx = 0; cx < k; ++cx) {
            int inside = 0;
            for (int sy = 0; sy < kSub; ++sy)
                for (int sx = 0; sx < kSub; ++sx) {
                    const double px = cx - radius - 0.5 + (sx + 0.5) / kSub;
                    const double py = cy - radius - 0.5 + (sy + 0.5) / kSub;
                    inside += px * px + py * py <= r2 ? 1 : 0;
                }
            coverage[static_cast<std::size_t>(cy * k + cx)] =
                static_cast<std::uint8_t>(std::lround(255.0 * inside / (kSub * kSub)));
        }
}

void ScatterRasterPlottable::rasterize(QImage& image, double scale) const {
    image.fill(Qt::transparent);
    const int w = image.width();
    const int h = image.height();
    const QCPRange xr = mKeyAxis->range();
    const QCPRange yr = mValueAxis->range();
    if (x_.empty() || colors_.empty() || w == 0 || h == 0 || !(xr.size() > 0.0) ||
        !(yr.size() > 0.0))
        return;

    std::vector<std::uint8_t> coverage;
    int r = 0;
    buildStamps(scale, coverage, r);
    const int k = 2 * r + 1;
    std::vector<StampCell> cells;
    for (int cy = 0; cy < k; ++cy)
        for (int cx = 0; cx < k; ++cx)
            if (coverage[static_cast<std::size_t>(cy * k + cx)] > 0)
                cells.push_back({cx - r, cy - r, cy * k + cx});

    // Per slot and stamp cell: the premultiplied source pixel and 255 - its alpha.
    const std::size_t slot_count = colors_.size();
    const auto kk = static_cast<std::size_t>(k * k);
    std::vector<std::uint32_t> src(slot_count * kk, 0);
    std::vector<std::uint32_t> inv(slot_count * kk, 255);
    std::vector<std::uint8_t> drawn(slot_count, 0);
    for (std::size_t s = 0; s < slot_count; ++s) {
        const QColor& c = colors_[s];
        if (!c.isValid() || !slotVisible(s))
            continue;
        const double alpha = c.alphaF() * opacity_;
        if (alpha <= 0.0)
            continue;
        drawn[s] = 1;
        for (std::size_t j = 0; j < kk; ++j) {
            const double a = alpha * coverage[j] / 255.0;
            const auto a8 = static_cast<std::uint32_t>(std::lround(255.0 * a));
            src[s * kk + j] =
                qPremultiply(qRgba(c.red(), c.green(), c.blue(), static_cast<int>(a8)));
            inv[s * kk + j] = 255u - a8;
        }
    }

    // Plane to device pixels, relative to the image: columns grow with x, rows shrink with y.
    const bool flip_x = mKeyAxis->rangeReversed();
    const bool flip_y = mValueAxis->rangeReversed();
    const double sx = (flip_x ? -1.0 : 1.0) * w / xr.size();
    const double bx = flip_x ? xr.upper * -sx : -xr.lower * sx;
    const double sy = (flip_y ? 1.0 : -1.0) * h / yr.size();
    const double by = flip_y ? -yr.lower * sy : yr.upper * -sy;

    auto* bits = reinterpret_cast<std::uint32_t*>(image.bits());
    const auto stride = static_cast<std::ptrdiff_t>(image.bytesPerLine() / 4);
    const double lo_x = -r - 1.0, hi_x = w + r + 1.0, lo_y = -r - 1.0, hi_y = h + r + 1.0;
    const std::size_t n = x_.size();
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t s = slot_[i];
        if (s >= slot_count || drawn[s] == 0)
            continue;
        const double fx = x_[i] * sx + bx;
        const double fy = y_[i] * sy + by;
        // Also false for NaN.
        if (!(fx > lo_x && fx < hi_x && fy > lo_y && fy < hi_y))
            continue;
        const int ix = static_cast<int>(std::floor(fx));
        const int iy = static_cast<int>(std::floor(fy));
        const std::uint32_t* s_src = &src[s * kk];
        const std::uint32_t* s_inv = &inv[s * kk];
        const bool inside = ix - r >= 0 && ix + r < w && iy - r >= 0 && iy + r < h;
        for (const StampCell& c : cells) {
            const int px = ix + c.dx;
            const int py = iy + c.dy;
            if (!inside && (px < 0 || px >= w || py < 0 || py >= h))
                continue;
            std::uint32_t& d = bits[py * stride + px];
            d = s_src[c.index] + byte_mul(d, s_inv[c.index]);
        }
    }
}

} // namespace vae::ui
