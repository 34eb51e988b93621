#include "ui/widgets/delegating_canvas.h"

#include "ui/widgets/view_text.h"

#include <QPaintEvent>
#include <QPainter>

#include <utility>

namespace vae::ui {

DelegatingCanvas::DelegatingCanvas(QWidget* parent, Paint paint, ToolTip tool_tip)
    : QWidget(parent), paint_(std::move(paint)), tool_tip_(std::move(tool_tip)) {}

void DelegatingCanvas::paintEvent(QPaintEvent* e) {
    QPainter p(this);
    paint_(p, e->rect());
}

bool DelegatingCanvas::event(QEvent* e) {
    return answer_tool_tip(this, e, tool_tip_) || QWidget::event(e);
}

} // namespace vae::ui
