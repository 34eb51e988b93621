#pragma once

#include "ui/latent/scatter/latent_map_kind.h"

#include <QToolButton>

class QActionGroup;

namespace vae::ui {

/// The latent plane's "Map" button: a compact menu of the colour layers to show under the
/// points (its actions mapNoneAction, mapDensityAction, mapConsistencyAction, one checked).
/// The button reads checked while a layer other than None is picked. GUI thread only.
class ScatterMapButton : public QToolButton {
    Q_OBJECT
public:
    explicit ScatterMapButton(QWidget* parent);

    /// Checks the action of `kind`; kindPicked follows if it was not checked.
    void setKind(LatentMapKind kind);
    [[nodiscard]] LatentMapKind kind() const;

signals:
    /// Another layer was picked (by the user or setKind).
    void kindPicked(vae::ui::LatentMapKind kind);

private:
    QActionGroup* actions_;
};

} // namespace vae::ui
