#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace vae::ui {

/// Finds the point nearest to the mouse without looking at every point: a uniform grid over the
/// points' bounding box, about four points per cell, built once per point set in O(n) (a
/// counting sort). A query visits only the cells within the pick radius, so a mouse move costs
/// microseconds at 70,000 points whatever the zoom, where a scan would cost a fraction of a
/// millisecond per move (measured in tests/bench/latent_scatter_bench.cpp).
///
/// Distances are measured in pixels, with separate scales for x and y, because the pick radius
/// is a few pixels on screen whatever the axes show.
class ScatterPointIndex {
public:
    /// Indexes points (x[i], y[i]); non-finite ones are left out. Keeps copies (in cell order,
    /// for locality), so the vectors need not outlive the call.
    void build(const std::vector<float>& x, const std::vector<float>& y);
    void clear() { *this = ScatterPointIndex(); }

    /// The point within `radius_px` pixels of plane position (x, y) that is nearest on screen,
    /// among those for which `accept(i)` holds, or -1. `px_per_x` and `px_per_y` are the
    /// pixels per plane unit of each axis (positive).
    template <typename Accept>
    [[nodiscard]] std::ptrdiff_t nearest(double x, double y, double px_per_x, double px_per_y,
                                         double radius_px, Accept&& accept) const;

    [[nodiscard]] std::size_t size() const { return ids_.size(); }

private:
    double x0_ = 0.0;
    double y0_ = 0.0;
    double inv_cell_w_ = 1.0; ///< cells per plane unit along x
    double inv_cell_h_ = 1.0;
    int nx_ = 0;
    int ny_ = 0;
    std::vector<std::uint32_t> cell_start_; ///< nx*ny + 1 offsets into the arrays below
    std::vector<std::uint32_t> ids_;        ///< point index of each slot, cell by cell
    std::vector<float> xs_;
    std::vector<float> ys_;
};

template <typename Accept>
std::ptrdiff_t ScatterPointIndex::nearest(double x, double y, double px_per_x, double px_per_y,
                                          double radius_px, Accept&& accept) const {
    if (ids_.empty() || !(px_per_x > 0.0) || !(px_per_y > 0.0) || !std::isfinite(x) ||
        !std::isfinite(y))
        return -1;
    const double rx = radius_px / px_per_x;
    const double ry = radius_px / px_per_y;
    auto cell = [](double v, int n) {
        // Clamped in double first: far outside the box, the int conversion would overflow.
        return static_cast<int>(std::clamp(std::floor(v), 0.0, static_cast<double>(n - 1)));
    };
    const double fx0 = (x - rx - x0_) * inv_cell_w_;
    const double fx1 = (x + rx - x0_) * inv_cell_w_;
    const double fy0 = (y - ry - y0_) * inv_cell_h_;
    const double fy1 = (y + ry - y0_) * inv_cell_h_;
    if (fx1 < 0.0 || fy1 < 0.0 || fx0 >= nx_ || fy0 >= ny_)
        return -1;
    const int cx0 = cell(fx0, nx_);
    const int cx1 = cell(fx1, nx_);
    const int cy0 = cell(fy0, ny_);
    const int cy1 = cell(fy1, ny_);
    double best = radius_px * radius_px;
    std::ptrdiff_t found = -1;
    for (int cy = cy0; cy <= cy1; ++cy) {
        const auto row = static_cast<std::size_t>(cy) * static_cast<std::size_t>(nx_);
        const std::uint32_t begin = cell_start_[row + static_cast<std::size_t>(cx0)];
        const std::uint32_t end = cell_start_[row + static_cast<std::size_t>(cx1) + 1];
        // The cells of one grid row are contiguous, so the row is one run of slots.
        for (std::uint32_t s = begin; s < end; ++s) {
            const double dx = (static_cast<double>(xs_[s]) - x) * px_per_x;
            const double dy = (static_cast<double>(ys_[s]) - y) * px_per_y;
            const double d2 = dx * dx + dy * dy;
            if (d2 <= best && accept(static_cast<std::size_t>(ids_[s]))) {
                // Ties go to the lower index, so that the answer does not depend on cell order.
                if (d2 < best || found < 0 || ids_[s] < static_cast<std::uint32_t>(found)) {
                    best = d2;
                    found = static_cast<std::ptrdiff_t>(ids_[s]);
                }
            }
        }
    }
    return found;
}

} // namespace vae::ui
