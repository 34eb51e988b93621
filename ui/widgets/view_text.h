#pragma once

#include <QFont>
#include <QPoint>
#include <QString>

#include <functional>

class QEvent;
class QWidget;

namespace vae::ui {

/// The smaller font of captions under frames and cells: 1.5 pt below `f`, never under 7 pt.
[[nodiscard]] QFont caption_font(QFont f);

/// "−1.5", "0", "0.25": at most two decimals, no trailing zeros, a real minus sign.
[[nodiscard]] QString short_number_text(double v);

/// For a widget's event(): answers a QEvent::ToolTip with `text_at(position)`, hiding the tip
/// when that is empty. True when `e` was a tool-tip event (the caller returns true then).
bool answer_tool_tip(QWidget* widget, QEvent* e, const std::function<QString(QPoint)>& text_at);

} // namespace vae::ui
