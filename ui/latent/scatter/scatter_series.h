#pragma once

#include "data/dataset.h"
#include "ui/latent/scatter/scatter_point_index.h"

#include <QColor>
#include <QCoreApplication>
#include <QPointF>
#include <QString>
#include <QStringList>

#include <qcustomplot.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace vae::ui {

class ScatterRasterPlottable;

/// The latent plane's points and how they are coloured: positions, class labels and dataset
/// rows in the caller's order, a numeric target's values, which classes are hidden, and the
/// spatial index for picking. It feeds the raster plottable (positions in drawing order, each
/// point's colour slot, the slots' colours and visibility) and answers questions about a
/// point by its index in the caller's order.
///
/// The points are drawn in a fixed pseudo-random order rather than class by class: with class
/// order the last class would cover the others wherever clusters overlap; shuffled, an overlap
/// shows as a mix in proportion to the classes' densities. The order depends only on the point
/// count, so live updates do not flicker.
///
/// GUI thread only. Does not own the plottable, which must outlive it.
class ScatterSeries {
    Q_DECLARE_TR_FUNCTIONS(ScatterSeries)
public:
    explicit ScatterSeries(ScatterRasterPlottable* scatter);

    /// Replaces the points (see LatentScatterView::setPoints) and gives the plottable their
    /// positions; the caller then calls applyColors. A numeric target of another size is
    /// dropped; class visibility is kept while the class list stays the same.
    void setPoints(const vae::Matrix& xy, const std::vector<std::int32_t>& labels,
                   const QStringList& label_names, const std::vector<std::size_t>& rows);
    /// Colours by `values` (one per point; anything else, e.g. empty, goes back to classes).
    void setValues(const std::vector<double>& values, const QString& name);
    /// Gives the plottable the colour slots of the current mode: a numeric target's levels on
    /// viridis, or the classes. Returns the colour scale's range when colouring by value.
    std::optional<QCPRange> applyColors();
    /// Shows or hides a class (-1: no class); false when nothing changed.
    bool setClassVisible(int class_id, bool visible);
    [[nodiscard]] bool classVisible(int class_id) const;

    /// The shown point nearest to plane `xy` within `radius_px` (pixels per plane unit of
    /// each axis given), as an index in the caller's order.
    [[nodiscard]] std::optional<std::size_t> pointNear(QPointF xy, double px_per_x, double px_per_y,
                                                       double radius_px) const;
    [[nodiscard]] std::size_t size() const { return rows_.size(); }
    [[nodiscard]] std::size_t rowOf(std::size_t i) const { return rows_[i]; }
    [[nodiscard]] QPointF position(std::size_t i) const;
    /// "row 1234 · Sneaker" (or "row 1234 · price 3.52" for a numeric target).
    [[nodiscard]] QString text(std::size_t i) const;
    /// The hover ring's colour for point i: its class colour, or none for a numeric target.
    [[nodiscard]] QColor ringColor(std::size_t i) const;

    [[nodiscard]] bool byValue() const { return !values_.empty(); }
    [[nodiscard]] const QString& valueName() const { return value_name_; }
    [[nodiscard]] const QStringList& classNames() const { return class_names_; }
    /// True when some point has no class of the list (it then needs a "no class" entry).
    [[nodiscard]] bool hasUnclassified() const;
    /// Points get more transparent as they get more numerous (see setPoints).
    [[nodiscard]] double baseOpacity() const { return base_opacity_; }

private:
    [[nodiscard]] std::size_t slotOfClass(int class_id) const;

    ScatterRasterPlottable* scatter_;
    std::vector<std::int32_t> labels_;
    std::vector<std::size_t> rows_;
    std::vector<double> values_;
    QString value_name_;
    QStringList class_names_;
    std::vector<std::uint32_t> order_;    ///< drawing slot k -> point i
    std::vector<std::uint32_t> position_; ///< point i -> drawing slot k
    std::vector<bool> class_hidden_;      ///< by slot: classes, then "no class"
    ScatterPointIndex index_;             ///< over the drawing order
    double base_opacity_ = 0.6;
};

} // namespace vae::ui
