#pragma once

#include <QPointF>
#include <QString>

#include <cstddef>
#include <optional>

namespace vae::ui {

class LatentScatterView;
class ScatterOverlay;
class ScatterSeries;
class ScatterViewport;

/// What the resting cursor shows on the latent plane: over a shown point, a ring in its class
/// colour and "row 1234 · Sneaker" as a tooltip; away from points over a map layer, the
/// layer's value under the cursor as a tooltip. GUI thread only; everything it is given must
/// outlive it.
class ScatterHover {
public:
    ScatterHover(const LatentScatterView& view, const ScatterSeries& series,
                 const ScatterViewport& viewport, ScatterOverlay& overlay);

    /// Shows what lies under `plot_pos` (plot coordinates). True when the overlay's ring
    /// changed and needs a repaint.
    bool update(const QPointF& plot_pos);
    /// Takes the ring and the tooltip away; true when a ring showed.
    bool clear();
    /// The tooltip's text for the hovered point, empty without one.
    [[nodiscard]] const QString& text() const { return text_; }

private:
    const LatentScatterView& view_;
    const ScatterSeries& series_;
    const ScatterViewport& viewport_;
    ScatterOverlay& overlay_;
    std::optional<std::size_t> point_;
    QString text_;
};

} // namespace vae::ui
