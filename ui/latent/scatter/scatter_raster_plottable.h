#pragma once

#include <QColor>
#include <QImage>

#include <qcustomplot.h>

#include <cstdint>
#include <vector>

namespace vae::ui {

/// Tens of thousands of scatter points drawn as one plottable: the points are rasterised
/// straight into a QImage the size of the axis rect, and that image is kept until the points,
/// their style, the axis ranges or the rect's size change. A replot that changes none of those
/// (the overlay, a legend toggle of another plottable) costs one image blit. Writing pixels
/// directly takes a few milliseconds for 70,000 points where QPainter's per-point path costs
/// tens (see ../shared/PERF-NOTES.md).
///
/// Each point is a small disc stamp (coverage precomputed once per size, so its edge is smooth
/// though positions snap to whole pixels), blended source-over with its slot's colour. Points
/// are drawn in the order given: the caller decides what lies on top.
class ScatterRasterPlottable : public QCPAbstractPlottable {
    Q_OBJECT
public:
    ScatterRasterPlottable(QCPAxis* key_axis, QCPAxis* value_axis);

    /// Point i at plane (x[i], y[i]), coloured by slot[i] (an index into setSlotColors).
    /// Non-finite points are not drawn. The three vectors have the same length.
    void setData(std::vector<float> x, std::vector<float> y, std::vector<std::uint16_t> slot);
    /// New slots for the same points (a change of colouring), same length as the points.
    void setSlots(std::vector<std::uint16_t> slot);
    /// The colour of each slot; its alpha is multiplied by the opacity. A point whose slot has
    /// no colour, or whose slot is hidden, is not drawn.
    void setSlotColors(std::vector<QColor> colors);
    void setSlotVisible(std::size_t slot, bool visible);
    [[nodiscard]] bool slotVisible(std::size_t slot) const;
    /// Disc diameter in device-independent pixels (clamped to [1, 9]).
    void setPointSize(double px);
    /// Alpha multiplier in [0, 1] for every point: below 1, dense regions read darker.
    void setOpacity(double opacity);

    [[nodiscard]] const std::vector<float>& xs() const { return x_; }
    [[nodiscard]] const std::vector<float>& ys() const { return y_; }
    [[nodiscard]] const std::vector<std::uint16_t>& pointSlots() const { return slot_; }
    [[nodiscard]] double pointSize() const { return point_size_; }
    [[nodiscard]] double opacity() const { return opacity_; }
    /// How many times the points were rasterised for the screen (exports not counted).
    [[nodiscard]] int rasterCount() const { return raster_count_; }

    double selectTest(const QPointF& pos, bool only_selectable,
                      QVariant* details = nullptr) const override;
    QCPRange getKeyRange(bool& found, QCP::SignDomain domain = QCP::sdBoth) const override;
    QCPRange getValueRange(bool& found, QCP::SignDomain domain = QCP::sdBoth,
                           const QCPRange& key_range = QCPRange()) const override;

protected:
    void draw(QCPPainter* painter) override;
    void drawLegendIcon(QCPPainter* painter, const QRectF& rect) const override;

private:
    /// What the cached image was drawn for.
    struct CacheKey {
        QCPRange x;
        QCPRange y;
        QSize size;
        std::uint64_t content = 0;
        bool operator==(const CacheKey& o) const {
            return x == o.x && y == o.y && size == o.size && content == o.content;
        }
    };

    void rasterize(QImage& image, double scale) const;
    void buildStamps(double scale, std::vector<std::uint8_t>& coverage, int& radius) const;
    void touch() { ++content_version_; }
    /// Sets a style `field` to `value` clamped to [lo, hi], invalidating the cache on a change.
    void setClamped(double& field, double value, double lo, double hi);

    std::vector<float> x_;
    std::vector<float> y_;
    std::vector<std::uint16_t> slot_;
    std::vector<QColor> colors_;
    std::vector<std::uint8_t> visible_;
    double point_size_ = 2.5;
    double opacity_ = 0.6;
    std::uint64_t content_version_ = 1;
    float lo_x_ = 0, hi_x_ = 0, lo_y_ = 0, hi_y_ = 0;
    bool has_bounds_ = false;

    QImage cache_;
    CacheKey cache_key_;
    int raster_count_ = 0;
};

} // namespace vae::ui
