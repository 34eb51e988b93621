#include "ui/latent/scatter/scatter_point_index.h"

#include <algorithm>

namespace vae::ui {

void ScatterPointIndex::build(const std::vector<float>& x, const std::vector<float>& y) {
    clear();
    const std::size_t n = std::min(x.size(), y.size());
    double lo_x = std::numeric_limits<double>::infinity();
    double lo_y = lo_x;
    double hi_x = -lo_x;
    double hi_y = -lo_x;
    std::size_t finite = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (!std::isfinite(x[i]) || !std::isfinite(y[i]))
            continue;
        ++finite;
        lo_x = std::min(lo_x, static_cast<double>(x[i]));
        hi_x = std::max(hi_x, static_cast<double>(x[i]));
        lo_y = std::min(lo_y, static_cast<double>(y[i]));
        hi_y = std::max(hi_y, static_cast<double>(y[i]));
    }
    if (finite == 0)
        return;

    // About four points per cell on average, the cells as square as the box allows.
    const double w = std::max(hi_x - lo_x, 1e-12);
    const double h = std::max(hi_y - lo_y, 1e-12);
    const double cells = std::max(1.0, static_cast<double>(finite) / 4.0);
    const double side = std::sqrt(w * h / cells);
    constexpr double kMaxCells = 2048.0;
    nx_ = static_cast<int>(std::clamp(std::ceil(w / side), 1.0, kMaxCells));
    ny_ = static_cast<int>(std::clamp(std::ceil(h / side), 1.0, kMaxCells));
    x0_ = lo_x;
    y0_ = lo_y;
    // A hair over the box, so that the largest coordinate falls inside the last cell.
    inv_cell_w_ = nx_ / (w * (1.0 + 1e-9));
    inv_cell_h_ = ny_ / (h * (1.0 + 1e-9));

    const auto total = static_cast<std::size_t>(nx_) * static_cast<std::size_t>(ny_);
    std::vector<std::uint32_t> cell_of(n, std::numeric_limits<std::uint32_t>::max());
    cell_start_.assign(total + 1, 0);
    for (std::size_t i = 0; i < n; ++i) {
        if (!std::isfinite(x[i]) || !std::isfinite(y[i]))
            continue;
        const int cx = std::min(nx_ - 1, static_cast<int>((x[i] - x0_) * inv_cell_w_));
        const int cy = std::min(ny_ - 1, static_cast<int>((y[i] - y0_) * inv_cell_h_));
        const auto c = static_cast<std::uint32_t>(cy) * static_cast<std::uint32_t>(nx_) +
                       static_cast<std::uint32_t>(cx);
        cell_of[i] = c;
        ++cell_start_[c + 1];
    }
    for (std::size_t c = 0; c < total; ++c)
        cell_start_[c + 1] += cell_start_[c];
    std::vector<std::uint32_t> fill(cell_start_.begin(), cell_start_.end() - 1);
    ids_.resize(finite);
    xs_.resize(finite);
    ys_.resize(finite);
    for (std::size_t i = 0; i < n; ++i) {
        if (cell_of[i] == std::numeric_limits<std::uint32_t>::max())
            continue;
        const std::uint32_t s = fill[cell_of[i]]++;
        ids_[s] = static_cast<std::uint32_t>(i);
        xs_[s] = x[i];
        ys_[s] = y[i];
    }
}

} // namespace vae::ui
