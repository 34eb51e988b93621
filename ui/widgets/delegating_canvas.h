#pragma once

#include <QString>
#include <QWidget>

#include <functional>

class QPainter;

namespace vae::ui {

/// A drawing surface whose owner keeps the data and the geometry: every paint event calls
/// `paint(painter, dirty rect)` and every tool-tip event `tool_tip(position)` (an empty text
/// hides the tip). Size policy and attributes are the owner's to set. GUI thread only; the
/// callbacks must not outlive what they capture (usually the owner, which is the parent).
class DelegatingCanvas : public QWidget {
public:
    using Paint = std::function<void(QPainter&, const QRect&)>;
    using ToolTip = std::function<QString(QPoint)>;

    DelegatingCanvas(QWidget* parent, Paint paint, ToolTip tool_tip);

protected:
    void paintEvent(QPaintEvent* e) override;
    bool event(QEvent* e) override;

private:
    Paint paint_;
    ToolTip tool_tip_;
};

} // namespace vae::ui
