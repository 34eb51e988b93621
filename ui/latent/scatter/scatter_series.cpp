#include "ui/latent/scatter/scatter_series.h"

#include "ui/latent/scatter/scatter_palette.h"
#include "ui/latent/scatter/scatter_raster_plottable.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>

namespace vae::ui {
namespace {

// The shuffle of the drawing order is seeded, so the same count always gives the same order.
constexpr std::uint32_t kOrderSeed = 0x5ca77e2u;

// Points get more transparent as they get more numerous, so that dense regions still show
// their density: opaque-ish at a thousand, about half at 70,000.
double opacity_for(std::size_t n) {
    const double decades = std::log10(std::max<double>(static_cast<double>(n), 1000.0) / 1000.0);
    return std::clamp(0.9 - 0.2 * decades, 0.45, 0.9);
}

} // namespace

ScatterSeries::ScatterSeries(ScatterRasterPlottable* scatter) : scatter_(scatter) {}

void ScatterSeries::setPoints(const vae::Matrix& xy, const std::vector<std::int32_t>& labels,
                              const QStringList& label_names,
                              const std::vector<std::size_t>& rows) {
    const std::size_t n = xy.cols() == 2 ? static_cast<std::size_t>(xy.rows()) : 0;
    labels_.assign(n, -1);
    std::copy_n(labels.begin(), std::min(n, labels.size()), labels_.begin());
    if (rows.size() == n) {
        rows_ = rows;
    } else {
        rows_.resize(n);
        std::iota(rows_.begin(), rows_.end(), std::size_t{0});
    }
    if (values_.size() != n) {
        values_.clear();
        value_name_.clear();
    }

    int classes = static_cast<int>(label_names.size());
    for (std::int32_t l : labels_)
        classes = std::max(classes, l + 1);
    QStringList names = label_names;
    for (int c = static_cast<int>(names.size()); c < classes; ++c)
        names << tr("class %1").arg(c);
    // The size check matters for unlabelled data: no names, as before the first call, but the
    // "no class" slot must exist.
    if (names != class_names_ || class_hidden_.size() != static_cast<std::size_t>(classes) + 1) {
        class_names_ = names;
        class_hidden_.assign(static_cast<std::size_t>(classes) + 1, false);
    }

    if (order_.size() != n) {
        order_.resize(n);
        std::iota(order_.begin(), order_.end(), 0u);
        std::shuffle(order_.begin(), order_.end(), std::mt19937(kOrderSeed));
        position_.resize(n);
        for (std::size_t k = 0; k < n; ++k)
            position_[order_[k]] = static_cast<std::uint32_t>(k);
    }
    std::vector<float> x(n);
    std::vector<float> y(n);
    for (std::size_t k = 0; k < n; ++k) {
        const auto i = static_cast<Eigen::Index>(order_[k]);
        x[k] = xy(i, 0);
        y[k] = xy(i, 1);
    }
    index_.build(x, y);
    scatter_->setData(std::move(x), std::move(y), std::vector<std::uint16_t>(n, 0));
    base_opacity_ = opacity_for(n);
}

void ScatterSeries::setValues(const std::vector<double>& values, const QString& name) {
    if (values.empty() || values.size() != rows_.size()) {
        values_.clear();
        value_name_.clear();
    } else {
        values_ = values;
        value_name_ = name;
    }
}

std::size_t ScatterSeries::slotOfClass(int class_id) const {
    const auto classes = static_cast<std::size_t>(class_names_.size());
    return class_id >= 0 && static_cast<std::size_t>(class_id) < classes
               ? static_cast<std::size_t>(class_id)
               : classes;
}

std::optional<QCPRange> ScatterSeries::applyColors() {
    const std::size_t n = order_.size();
    std::vector<std::uint16_t> point_slots(n);
    std::vector<QColor> colors;
    std::optional<QCPRange> value_range;
    if (!values_.empty()) {
        double lo = std::numeric_limits<double>::infinity();
        double hi = -lo;
        for (double v : values_)
            if (std::isfinite(v)) {
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
        if (!(hi >= lo)) {
            lo = 0.0;
            hi = 1.0;
        }
        const double span = hi > lo ? hi - lo : 1.0;
        for (std::size_t k = 0; k < n; ++k) {
            const double v = values_[order_[k]];
            point_slots[k] = std::isfinite(v)
                                 ? static_cast<std::uint16_t>(std::clamp(
                                       static_cast<int>((v - lo) / span * kScatterValueLevels), 0,
                                       kScatterValueLevels - 1))
                                 : static_cast<std::uint16_t>(kScatterValueLevels);
        }
        QCPColorGradient gradient = scatter_viridis(); // color() is not const
        for (int s = 0; s < kScatterValueLevels; ++s)
            colors.emplace_back(
                gradient.color((s + 0.5) / kScatterValueLevels, QCPRange(0.0, 1.0)));
        colors.push_back(kScatterNanColor);
        scatter_->setSlotColors(std::move(colors));
        for (std::size_t s = 0; s <= static_cast<std::size_t>(kScatterValueLevels); ++s)
            scatter_->setSlotVisible(s, true);
        value_range = QCPRange(lo, hi > lo ? hi : lo + 1.0);
    } else {
        const int classes = static_cast<int>(class_names_.size());
        for (std::size_t k = 0; k < n; ++k)
            point_slots[k] = static_cast<std::uint16_t>(slotOfClass(labels_[order_[k]]));
        for (int c = 0; c < classes; ++c)
            colors.push_back(scatter_class_color(c, classes));
        colors.push_back(kScatterNoClassColor);
        scatter_->setSlotColors(std::move(colors));
        for (std::size_t s = 0; s < class_hidden_.size(); ++s)
            scatter_->setSlotVisible(s, !class_hidden_[s]);
    }
    scatter_->setSlots(std::move(point_slots));
    return value_range;
}

bool ScatterSeries::setClassVisible(int class_id, bool visible) {
    const std::size_t slot = slotOfClass(class_id);
    if (slot >= class_hidden_.size() || class_hidden_[slot] == !visible)
        return false;
    class_hidden_[slot] = !visible;
    if (values_.empty())
        scatter_->setSlotVisible(slot, visible);
    return true;
}

bool ScatterSeries::classVisible(int class_id) const {
    const std::size_t slot = slotOfClass(class_id);
    return slot >= class_hidden_.size() || !class_hidden_[slot];
}

bool ScatterSeries::hasUnclassified() const {
    const auto classes = static_cast<int>(class_names_.size());
    return std::find(labels_.begin(), labels_.end(), -1) != labels_.end() ||
           std::any_of(labels_.begin(), labels_.end(), [classes](int l) { return l >= classes; });
}

std::optional<std::size_t> ScatterSeries::pointNear(QPointF xy, double px_per_x, double px_per_y,
                                                    double radius_px) const {
    const auto& point_slots = scatter_->pointSlots();
    const std::ptrdiff_t k =
        index_.nearest(xy.x(), xy.y(), px_per_x, px_per_y, radius_px,
                       [&](std::size_t s) { return scatter_->slotVisible(point_slots[s]); });
    if (k < 0)
        return std::nullopt;
    return order_[static_cast<std::size_t>(k)];
}

QPointF ScatterSeries::position(std::size_t i) const {
    const std::size_t k = position_[i];
    return {scatter_->xs()[k], scatter_->ys()[k]};
}

QString ScatterSeries::text(std::size_t i) const {
    QString row = tr("row %1").arg(rows_[i]);
    if (!values_.empty()) {
        const QString value = QString::number(values_[i], 'g', 4);
        return value_name_.isEmpty() ? tr("%1 · %2").arg(row, value)
                                     : tr("%1 · %2 %3").arg(row, value_name_, value);
    }
    const int label = labels_[i];
    if (label < 0 || label >= class_names_.size())
        return row;
    return tr("%1 · %2").arg(row, class_names_[label]);
}

QColor ScatterSeries::ringColor(std::size_t i) const {
    const int label = labels_[i];
    const int classes = static_cast<int>(class_names_.size());
    return !values_.empty()                ? QColor()
           : label >= 0 && label < classes ? scatter_class_color(label, classes)
                                           : kScatterNoClassColor;
}

} // namespace vae::ui
