#include "ui/latent/scatter/scatter_map_button.h"

#include <QAction>
#include <QActionGroup>
#include <QMenu>

namespace vae::ui {

ScatterMapButton::ScatterMapButton(QWidget* parent)
    : QToolButton(parent), actions_(new QActionGroup(this)) {
    setObjectName(QStringLiteral("mapButton"));
    setText(tr("Map"));
    setToolButtonStyle(Qt::ToolButtonTextOnly);
    setPopupMode(QToolButton::InstantPopup);
    setCheckable(true);
    setToolTip(tr("A colour map under the points, recomputed when the view settles and for new "
                  "weights"));
    auto* menu = new QMenu(this);
    const auto add_map = [&](const char* name, const QString& text, const QString& tip,
                             LatentMapKind kind) {
        QAction* a = menu->addAction(text);
        a->setObjectName(QString::fromLatin1(name));
        a->setCheckable(true);
        a->setData(static_cast<int>(kind));
        a->setToolTip(tip);
        actions_->addAction(a);
        connect(a, &QAction::toggled, this, [this](bool on) {
            if (!on)
                return; // the one switched on reports
            const LatentMapKind now = this->kind();
            setChecked(now != LatentMapKind::None);
            emit kindPicked(now);
        });
        return a;
    };
    add_map("mapNoneAction", tr("No map"), tr("Only the points"), LatentMapKind::None)
        ->setChecked(true);
    add_map("mapDensityAction", tr("Posterior vs prior (log q/p)"),
            tr("log q(z)/p(z): the encoded data's density (the aggregate posterior, a mixture of "
               "the encoder's Gaussians) against the prior N(0, I). Red: the prior expects "
               "samples there but no training sample is encoded there, so decodes there tend to "
               "look like no training sample. Blue: codes crowd."),
            LatentMapKind::Density);
    add_map("mapConsistencyAction", tr("Decoding consistency ‖z − enc(dec(z))‖"),
            tr("How far a code moves when its decode is encoded again. Pale: the encoder "
               "recognises the decoded sample as coming from here (a plausible sample). Dark: "
               "it maps it elsewhere (often garbage)."),
            LatentMapKind::Consistency);
    menu->setToolTipsVisible(true);
    setMenu(menu);
}

void ScatterMapButton::setKind(LatentMapKind kind) {
    for (QAction* a : actions_->actions())
        if (a->data().toInt() == static_cast<int>(kind))
            a->setChecked(true);
}

LatentMapKind ScatterMapButton::kind() const {
    const QAction* a = actions_->checkedAction();
    return a ? static_cast<LatentMapKind>(a->data().toInt()) : LatentMapKind::None;
}

} // namespace vae::ui
