#include "ui/latent/scatter/scatter_interaction.h"

#include "ui/latent/scatter/latent_scatter_view.h"
#include "ui/latent/scatter/scatter_legend_item.h"
#include "ui/latent/scatter/scatter_viewport.h"

#include <QMouseEvent>
#include <QWheelEvent>

#include <qcustomplot.h>

namespace vae::ui {

ScatterInteraction::ScatterInteraction(QCustomPlot* plot, const QCPLegend& legend,
                                       const ScatterViewport& viewport, QObject* parent)
    : QObject(parent), plot_(plot), legend_(legend), viewport_(viewport) {
    plot_->installEventFilter(this);
}

bool ScatterInteraction::eventFilter(QObject* watched, QEvent* event) {
    if (watched != plot_)
        return QObject::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::MouseButtonPress:
        onPress(static_cast<QMouseEvent*>(event));
        return gesture_ != Gesture::None;
    case QEvent::MouseMove: {
        const bool ours = gesture_ != Gesture::None;
        onMove(static_cast<QMouseEvent*>(event));
        return ours;
    }
    case QEvent::MouseButtonRelease: {
        const bool ours = gesture_ != Gesture::None;
        onRelease(static_cast<QMouseEvent*>(event));
        return ours;
    }
    case QEvent::MouseButtonDblClick: {
        auto* e = static_cast<QMouseEvent*>(event);
        if (e->button() == Qt::LeftButton && viewport_.inPlotArea(e->position())) {
            emit resetRequested();
            return true;
        }
        return false;
    }
    case QEvent::Wheel:
        if (viewport_.inPlotArea(static_cast<QWheelEvent*>(event)->position()))
            emit wheelZoomed();
        return false;
    case QEvent::Leave:
        emit hoverCleared();
        return false;
    default:
        return false;
    }
}

void ScatterInteraction::onPress(QMouseEvent* e) {
    if (gesture_ != Gesture::None)
        return;
    const QPointF pos = e->position();
    legend_press_class_.reset();
    if (!viewport_.inPlotArea(pos)) {
        if (e->button() == Qt::LeftButton)
            legend_press_class_ = ScatterLegendItem::classAt(legend_, pos.toPoint());
        return;
    }
    emit hoverCleared();
    gesture_button_ = e->button();
    press_pos_ = pos;
    if (e->button() == Qt::LeftButton && !(e->modifiers() & Qt::ControlModifier)) {
        gesture_ = Gesture::Press;
    } else if (e->button() == Qt::LeftButton || e->button() == Qt::RightButton ||
               e->button() == Qt::MiddleButton) {
        gesture_ = Gesture::Pan;
        setPlotCursor(Qt::ClosedHandCursor);
        pan_last_ = pos;
        pan_moved_ = false;
    }
}

void ScatterInteraction::onMove(QMouseEvent* e) {
    const QPointF pos = e->position();
    switch (gesture_) {
    case Gesture::None:
        if (e->buttons() == Qt::NoButton) {
            // A cross over the plane: a click there decodes that spot.
            setPlotCursor(viewport_.inPlotArea(pos) ? Qt::CrossCursor : Qt::ArrowCursor);
            emit hoverMoved(pos);
        }
        return;
    case Gesture::Press:
        if ((pos - press_pos_).manhattanLength() <= LatentScatterView::kDragThresholdPx)
            return;
        gesture_ = Gesture::Drag;
        drag_a_ = viewport_.planeAt(press_pos_);
        [[fallthrough]];
    case Gesture::Drag:
        emit dragMoved(drag_a_, viewport_.planeAt(pos));
        return;
    case Gesture::Pan: {
        if ((pos - press_pos_).manhattanLength() > LatentScatterView::kDragThresholdPx)
            pan_moved_ = true;
        const QPointF from = viewport_.planeAt(pan_last_);
        const QPointF to = viewport_.planeAt(pos);
        pan_last_ = pos;
        const double dx = from.x() - to.x();
        const double dy = from.y() - to.y();
        if (dx == 0.0 && dy == 0.0)
            return;
        emit panRequested(dx, dy);
        return;
    }
    }
}

void ScatterInteraction::onRelease(QMouseEvent* e) {
    const QPointF pos = e->position();
    if (gesture_ == Gesture::None) {
        if (e->button() == Qt::LeftButton && legend_press_class_ &&
            ScatterLegendItem::classAt(legend_, pos.toPoint()) == legend_press_class_)
            emit legendEntryClicked(*legend_press_class_);
        legend_press_class_.reset();
        return;
    }
    if (e->button() != gesture_button_)
        return;
    const Gesture gesture = gesture_;
    gesture_ = Gesture::None;
    setPlotCursor(viewport_.inPlotArea(pos) ? Qt::CrossCursor : Qt::ArrowCursor);
    switch (gesture) {
    case Gesture::Press:
        emit clicked(press_pos_);
        break;
    case Gesture::Drag:
        emit dragReleased(drag_a_, viewport_.planeAt(pos));
        break;
    case Gesture::Pan:
        if (!pan_moved_ && e->button() == Qt::RightButton)
            emit contextMenuRequested(e->globalPosition().toPoint());
        break;
    case Gesture::None:
        break;
    }
    if (viewport_.inPlotArea(pos))
        emit hoverMoved(pos);
}

void ScatterInteraction::setPlotCursor(Qt::CursorShape shape) {
    if (plot_->cursor().shape() != shape)
        plot_->setCursor(shape);
}

} // namespace vae::ui
