#pragma once

#include "ui/latent/scatter/latent_map_kind.h"

#include <QCommandLineParser>
#include <QLineF>
#include <QPointF>
#include <QString>

#include <cstddef>
#include <functional>
#include <optional>

namespace vae::ui {
class LatentPage;
}

namespace vae::app {

/// What `vae-explorer --demo` sets up on the latent plane before a screenshot, so that the
/// README's pictures of that page can be made again: a decoded point, an interpolation strip,
/// the manifold grid, a map layer, the nearest training samples. Plane coordinates are those
/// the plane's axes show.
struct LatentScene {
    std::optional<QPointF> click;
    std::optional<QLineF> drag;
    bool manifold_grid = false;
    bool prior_circles = false;
    bool spherical = false;
    bool traversal = false;
    std::optional<int> frames;
    std::optional<std::size_t> points; ///< 0: all
    ui::LatentMapKind map = ui::LatentMapKind::None;
    std::optional<int> nearest; ///< show the Nearest tab with this many samples

    [[nodiscard]] bool empty() const {
        return !click && !drag && !manifold_grid && !prior_circles && !frames && !traversal &&
               map == ui::LatentMapKind::None && !nearest;
    }
    /// Sets the page's controls and requests the decodes (their results arrive later).
    void apply(ui::LatentPage& page) const;
    /// Calls `done` once what apply() asked for that takes long is on screen (the map layer for
    /// the view as it is, the nearest samples with their verdict), or after `timeout_ms`.
    void whenShown(ui::LatentPage& page, std::function<void()> done, int timeout_ms = 120000) const;
};

void add_latent_scene_options(QCommandLineParser& parser);
/// The scene the options ask for; nullopt and `error` (naming the option and what it accepts)
/// for a malformed value.
[[nodiscard]] std::optional<LatentScene> latent_scene_from(const QCommandLineParser& parser,
                                                           QString& error);

} // namespace vae::app
