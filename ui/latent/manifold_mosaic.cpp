#include "ui/latent/manifold_mosaic.h"

#include <QPainter>

namespace vae::ui {

QImage manifold_mosaic(const std::vector<QImage>& tiles, int cols, int rows, QSize cell) {
    if (cols <= 0 || rows <= 0 || cell.isEmpty() ||
        tiles.size() != static_cast<std::size_t>(cols) * static_cast<std::size_t>(rows))
        return {};
    QImage mosaic(cols * cell.width(), rows * cell.height(), QImage::Format_RGB32);
    mosaic.fill(Qt::black);
    QPainter p(&mosaic);
    // Each tile fills its whole cell, nearest-neighbour: the grid reads as one picture, with no
    // seams where whole-pixel scaling would leave a margin.
    p.setRenderHint(QPainter::SmoothPixmapTransform, false);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            p.drawImage(QRect(QPoint(c * cell.width(), r * cell.height()), cell),
                        tiles[static_cast<std::size_t>(r * cols + c)]);
    return mosaic;
}

} // namespace vae::ui
