#include "ui/widgets/sample_grid_widget.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>

namespace vae::ui {

SampleGridWidget::SampleGridWidget(QWidget* parent) : QWidget(parent) {
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void SampleGridWidget::setRows(std::vector<Row> rows) {
    rows_ = std::move(rows);
    updateGeometry();
    update();
}

int SampleGridWidget::captionWidth() const {
    int w = 0;
    for (const auto& r : rows_)
        w = std::max(w, fontMetrics().horizontalAdvance(r.caption));
    return w > 0 ? w + 12 : 0;
}

QSize SampleGridWidget::sizeHint() const {
    std::size_t cols = 0;
    for (const auto& r : rows_)
        cols = std::max(cols, r.images.size());
    const int n = static_cast<int>(cols);
    const int m = static_cast<int>(rows_.size());
    return {captionWidth() + n * (cell_ + gap_) + gap_, m * (cell_ + gap_) + gap_};
}

std::optional<std::pair<int, int>> SampleGridWidget::cellAt(QPoint pos) const {
    const int x = pos.x() - captionWidth();
    const int y = pos.y() - gap_;
    if (x < 0 || y < 0 || x % (cell_ + gap_) >= cell_ || y % (cell_ + gap_) >= cell_)
        return std::nullopt;
    const int row = y / (cell_ + gap_);
    const int index = x / (cell_ + gap_);
    if (row >= static_cast<int>(rows_.size()) ||
        index >= static_cast<int>(rows_[static_cast<std::size_t>(row)].images.size()))
        return std::nullopt;
    return std::pair{row, index};
}

void SampleGridWidget::mousePressEvent(QMouseEvent* event) {
    const auto cell =
        event->button() == Qt::LeftButton ? cellAt(event->position().toPoint()) : std::nullopt;
    if (!cell) {
        QWidget::mousePressEvent(event);
        return;
    }
    emit sampleClicked(cell->first, cell->second);
}

void SampleGridWidget::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    p.setRenderHint(QPainter::SmoothPixmapTransform, false);
    const int caption = captionWidth();
    int y = gap_;
    for (const auto& r : rows_) {
        p.setPen(palette().text().color());
        p.drawText(QRect(4, y, caption - 8, cell_), Qt::AlignVCenter | Qt::AlignRight, r.caption);
        int x = caption;
        for (const auto& img : r.images) {
            // Keep the aspect ratio; scale by whole pixels only when they fit.
            QSize s = img.size().scaled(cell_, cell_, Qt::KeepAspectRatio);
            const QRect target(x + (cell_ - s.width()) / 2, y + (cell_ - s.height()) / 2, s.width(),
                               s.height());
            p.drawImage(target, img);
            x += cell_ + gap_;
        }
        y += cell_ + gap_;
    }
}

} // namespace vae::ui
