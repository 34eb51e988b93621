#pragma once

#include <QCommandLineParser>
#include <QLineF>
#include <QPointF>
#include <QString>

#include <cstddef>
#include <optional>

namespace vae::ui {
class LatentPage;
}

namespace vae::app {

/// What `vae-explorer --demo` sets up on the latent plane before a screenshot, so that the
/// README's pictures of that page can be made again: a decoded point, an interpolation strip,
/// the manifold grid. Plane coordinates are those the plane's axes show.
struct LatentScene {
    std::optional<QPointF> click;
    std::optional<QLineF> drag;
    bool manifold_grid = false;
    bool prior_circles = false;
    bool spherical = false;
    bool traversal = false;
    std::optional<int> frames;
    std::optional<std::size_t> points; ///< 0: all

    [[nodiscard]] bool empty() const {
        return !click && !drag && !manifold_grid && !prior_circles && !frames && !traversal;
    }
    /// Sets the page's controls and requests the decodes (their results arrive later).
    void apply(ui::LatentPage& page) const;
};

void add_latent_scene_options(QCommandLineParser& parser);
/// The scene the options ask for; nullopt and `error` (naming the option and what it accepts)
/// for a malformed value.
[[nodiscard]] std::optional<LatentScene> latent_scene_from(const QCommandLineParser& parser,
                                                           QString& error);

} // namespace vae::app
