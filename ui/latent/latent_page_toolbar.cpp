#include "ui/latent/latent_page_toolbar.h"

#include <QAction>
#include <QComboBox>
#include <QLocale>
#include <QToolBar>

#include <algorithm>

namespace vae::ui {

LatentPageToolbar::LatentPageToolbar(QToolBar* bar, QObject* parent) : QObject(parent) {
    QAction* first = bar->actions().value(0);
    // Self-describing entries instead of labels: the row is shared with the plot's buttons.
    points_ = new QComboBox(bar);
    points_->setObjectName(QStringLiteral("pointLimit"));
    for (const int n : {1000, 5000, 10000, 20000})
        points_->addItem(tr("%1 points").arg(QLocale().toString(n)), n);
    points_->addItem(tr("all points"), 0);
    points_->setCurrentIndex(2);
    points_->setToolTip(tr("How many data points are encoded and shown: a subsample spread evenly "
                           "over the dataset, or all of them. Training encodes this many at each "
                           "snapshot, so large counts slow training down a little."));
    interpolation_ = new QComboBox(bar);
    interpolation_->setObjectName(QStringLiteral("interpolation"));
    interpolation_->addItem(tr("Linear path"));
    interpolation_->addItem(tr("Spherical path"));
    interpolation_->setToolTip(
        tr("How a drag's frames move from A to B. Spherical (slerp) keeps the frames at the "
           "typical distance from the origin of a Gaussian prior instead of cutting through its "
           "centre, where few training codes lie."));
    bar->insertWidget(first, points_);
    bar->insertWidget(first, interpolation_);
    bar->insertSeparator(first);

    connect(points_, &QComboBox::activated, this, &LatentPageToolbar::pointLimitPicked);
    connect(interpolation_, &QComboBox::currentIndexChanged, this,
            &LatentPageToolbar::pathKindChanged);
}

std::size_t LatentPageToolbar::pointLimit(std::size_t rows) const {
    const auto n = points_->currentData().toULongLong();
    return n == 0 ? rows : std::min<std::size_t>(n, rows);
}

void LatentPageToolbar::setPointLimit(std::size_t n) {
    int best = points_->count() - 1; // all
    for (int i = 0; i < points_->count() - 1; ++i)
        if (n != 0 && points_->itemData(i).toULongLong() >= n) {
            best = i;
            break;
        }
    points_->setCurrentIndex(best);
}

bool LatentPageToolbar::spherical() const {
    return interpolation_->currentIndex() == 1;
}

void LatentPageToolbar::setSpherical(bool on) {
    interpolation_->setCurrentIndex(on ? 1 : 0);
}

} // namespace vae::ui
