#include "ui/latent/scatter/scatter_legend_item.h"

#include <QFontMetrics>

namespace vae::ui {

ScatterLegendItem::ScatterLegendItem(QCPLegend* legend, int class_id, const QColor& color,
                                     const QString& text)
    : QCPAbstractLegendItem(legend), class_id_(class_id), color_(color), text_(text) {
    setSelectable(false);
}

std::optional<int> ScatterLegendItem::classAt(const QCPLegend& legend, QPoint pos) {
    for (int i = 0; i < legend.itemCount(); ++i)
        if (auto* item = qobject_cast<ScatterLegendItem*>(legend.item(i)))
            if (item->outerRect().contains(pos))
                return item->classId();
    return std::nullopt;
}

void ScatterLegendItem::draw(QCPPainter* painter) {
    const QSize icon = mParentLegend->iconSize();
    const QFontMetrics metrics(mFont);
    const QRect text_rect = metrics.boundingRect(0, 0, 0, icon.height(), Qt::TextDontClip, text_);
    // A pixel of air below: the layer clips each item one pixel short at the bottom, which
    // would cut descenders ("Bag").
    const int text_height = std::max(text_rect.height(), icon.height()) + 1;
    const QRectF icon_rect(mRect.left(), mRect.top() + (text_height - icon.height()) / 2.0,
                           icon.width(), icon.height());
    const double d = std::min(icon.width(), icon.height()) - 1.0;
    const QRectF dot(icon_rect.center() - QPointF(d, d) / 2.0, QSizeF(d, d));
    painter->setAntialiasing(true);
    if (shown_) {
        painter->setPen(QPen(color_.darker(130), 1.0));
        painter->setBrush(color_);
    } else {
        painter->setPen(QPen(QColor(160, 160, 160), 1.2));
        painter->setBrush(Qt::NoBrush);
    }
    painter->drawEllipse(dot);
    painter->setFont(mFont);
    painter->setPen(shown_ ? mTextColor : QColor(150, 150, 150));
    painter->drawText(mRect.x() + icon.width() + mParentLegend->iconTextPadding(), mRect.y(),
                      text_rect.width(), text_height, Qt::TextDontClip, text_);
}

QSize ScatterLegendItem::minimumOuterSizeHint() const {
    const QSize icon = mParentLegend->iconSize();
    const QFontMetrics metrics(mFont);
    const QRect text_rect = metrics.boundingRect(0, 0, 0, icon.height(), Qt::TextDontClip, text_);
    return {icon.width() + mParentLegend->iconTextPadding() + text_rect.width() + mMargins.left() +
                mMargins.right(),
            std::max(text_rect.height(), icon.height()) + 2 + mMargins.top() + mMargins.bottom()};
}

} // namespace vae::ui
