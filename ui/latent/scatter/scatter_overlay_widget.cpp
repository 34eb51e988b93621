#include "ui/latent/scatter/scatter_overlay_widget.h"

#include "ui/latent/scatter/scatter_overlay.h"

#include <QEvent>
#include <QPaintEvent>
#include <QPainter>

#include <qcustomplot.h>

namespace vae::ui {

ScatterOverlayWidget::ScatterOverlayWidget(ScatterOverlay* marks, QCustomPlot* plot)
    : QWidget(plot), marks_(marks) {
    setObjectName(QStringLiteral("latentOverlay"));
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setAttribute(Qt::WA_NoSystemBackground);
    setAutoFillBackground(false);
    setFocusPolicy(Qt::NoFocus);
    setGeometry(plot->rect());
    plot->installEventFilter(this);
    raise();
}

void ScatterOverlayWidget::refresh() {
    update(shown_ | marks_->coveredRegion());
}

bool ScatterOverlayWidget::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::Resize && watched == parent())
        setGeometry(static_cast<QWidget*>(watched)->rect());
    return QWidget::eventFilter(watched, event);
}

void ScatterOverlayWidget::paintEvent(QPaintEvent* event) {
    shown_ = marks_->coveredRegion();
    if (!event->region().intersects(shown_))
        return;
    QPainter painter(this);
    painter.setClipRect(marks_->area());
    // As QCPPainter antialiases on raster devices: shifted by half a pixel, so that the
    // marks sit on the same pixels as in an exported image.
    painter.setRenderHint(QPainter::Antialiasing);
    painter.translate(0.5, 0.5);
    marks_->paintMarks(&painter);
}

} // namespace vae::ui
