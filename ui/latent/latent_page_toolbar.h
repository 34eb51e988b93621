#pragma once

#include <QObject>

#include <cstddef>

class QComboBox;
class QToolBar;

namespace vae::ui {

/// The Latent Plane's own entries at the front of the scatter's toolbar, so that the plane keeps
/// its height: how many data points are encoded and shown ("pointLimit") and how a drag's
/// frames move from A to B ("interpolation"). The combo boxes are children of the toolbar;
/// this object only words them and reports what the user picks. GUI thread only.
class LatentPageToolbar : public QObject {
    Q_OBJECT
public:
    /// Inserts the two combo boxes and a separator before the first action of `bar`.
    LatentPageToolbar(QToolBar* bar, QObject* parent);

    /// The points picked, at most `rows` (the dataset's size; "all points" is `rows`).
    [[nodiscard]] std::size_t pointLimit(std::size_t rows) const;
    /// Picks the entry closest to `n` from above (0 or more than the largest: all). Emits
    /// nothing: the caller encodes for the new count itself.
    void setPointLimit(std::size_t n);
    /// Spherical (slerp) rather than linear paths.
    [[nodiscard]] bool spherical() const;
    /// Emits pathKindChanged when the kind changes.
    void setSpherical(bool on);

signals:
    /// The user picked an entry of the points control (maybe the same one again).
    void pointLimitPicked();
    /// The path kind changed (by the user or setSpherical).
    void pathKindChanged();

private:
    QComboBox* points_ = nullptr;
    QComboBox* interpolation_ = nullptr;
};

} // namespace vae::ui
