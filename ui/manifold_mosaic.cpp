#include "ui/manifold_mosaic.h"

#include "ui/crisp_image.h"

#include <QPainter>

namespace vae::ui {

QImage manifold_mosaic(const std::vector<QImage>& tiles, int cols, int rows, QSize cell) {
    if (cols <= 0 || rows <= 0 || cell.isEmpty() ||
        tiles.size() != static_cast<std::size_t>(cols) * static_cast<std::size_t>(rows))
        return {};
    QImage mosaic(cols * cell.width(), rows * cell.height(), QImage::Format_RGB32);
    mosaic.fill(Qt::white);
    QPainter p(&mosaic);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            draw_crisp_image(p, tiles[static_cast<std::size_t>(r * cols + c)],
                             QRect(QPoint(c * cell.width(), r * cell.height()), cell));
    return mosaic;
}

} // namespace vae::ui
