#include "ui/widgets/view_text.h"

#include <QHelpEvent>
#include <QToolTip>
#include <QWidget>

#include <algorithm>

namespace vae::ui {

QFont caption_font(QFont f) {
    f.setPointSizeF(std::max(7.0, f.pointSizeF() - 1.5));
    return f;
}

QString short_number_text(double v) {
    QString s = QString::number(v, 'f', 2);
    while (s.contains(QLatin1Char('.')) &&
           (s.endsWith(QLatin1Char('0')) || s.endsWith(QLatin1Char('.'))))
        s.chop(1);
    if (s == QStringLiteral("-0"))
        s = QStringLiteral("0");
    if (s.startsWith(QLatin1Char('-')))
        s.replace(0, 1, QChar(0x2212));
    return s;
}

bool answer_tool_tip(QWidget* widget, QEvent* e, const std::function<QString(QPoint)>& text_at) {
    if (e->type() != QEvent::ToolTip)
        return false;
    const auto* help = static_cast<QHelpEvent*>(e);
    const QString text = text_at(help->pos());
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(help->globalPos(), text, widget);
    return true;
}

} // namespace vae::ui
