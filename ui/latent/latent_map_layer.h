#pragma once

#include "ui/latent/latent_map_service.h"

#include <QObject>

#include <memory>
#include <optional>

namespace vae::ui {

class LatentScatterView;

/// The map layer under the Latent Plane's points (posterior vs prior density, decoding
/// consistency): asks its own LatentMapService for the scatter's chosen kind over the visible
/// region, on cells of a few pixels, and shows each result on the scatter with a colour range
/// (and, for the density, a fade) that suits its values. Uses, and does not own, the scatter
/// (which must outlive it). GUI thread only.
class LatentMapLayer : public QObject {
    Q_OBJECT
public:
    /// Map cells aim at this many pixels on a side (the consistency map decodes and encodes
    /// every cell, so its cells are larger).
    static constexpr int kDensityCellPx = 6;
    static constexpr int kConsistencyCellPx = 14;

    LatentMapLayer(LatentScatterView* scatter, QObject* parent);

    /// Asks for the scatter's map kind over its visible region. Nothing when no layer is
    /// chosen, when the density has no encodings yet (their arrival asks again) or when the
    /// plot is too small for two cells a side.
    void request(std::shared_ptr<const VaeModel> model,
                 std::shared_ptr<const LatentSnapshot> snapshot,
                 std::shared_ptr<const Dataset> data,
                 const std::optional<LatentProjection>& projection);
    /// Forgets the result shown (the scatter clears its own layer).
    void forgetResult() { result_.reset(); }
    /// Drops the running and the queued request's result.
    void cancel();
    /// The newest result shown (null when none shows).
    [[nodiscard]] std::shared_ptr<const LatentMapService::Result> result() const { return result_; }

signals:
    /// A map was computed and is on screen.
    void shown();

private:
    void show(const std::shared_ptr<const LatentMapService::Result>& r);

    LatentScatterView* scatter_;
    LatentMapService* maps_;
    std::shared_ptr<const LatentMapService::Result> result_;
};

} // namespace vae::ui
