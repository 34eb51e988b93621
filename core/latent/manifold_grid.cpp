#include "latent/manifold_grid.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace vae {
namespace {

/// Position k of n evenly spaced points from a to b; the ends are exact (t = 0 or 1).
double spaced(double a, double b, std::size_t k, std::size_t n) {
    if (n == 1)
        return 0.5 * (a + b);
    const double t = static_cast<double>(k) / static_cast<double>(n - 1);
    return (1.0 - t) * a + t * b;
}

} // namespace

Matrix manifold_grid_latents(const LatentProjection& projection, double x0, double x1, double y0,
                             double y1, std::size_t cols, std::size_t rows) {
    if (cols == 0 || rows == 0)
        throw std::invalid_argument("a manifold grid needs at least one cell, got " +
                                    std::to_string(cols) + " columns x " + std::to_string(rows) +
                                    " rows");
    const char* names[] = {"x0", "x1", "y0", "y1"};
    const double bounds[] = {x0, x1, y0, y1};
    for (int k = 0; k < 4; ++k)
        if (!std::isfinite(bounds[k]))
            throw std::invalid_argument(std::string("the manifold grid's bound ") + names[k] +
                                        " is " + std::to_string(bounds[k]));
    // Lifted one by one from double coordinates so that the corners are exactly lift(x0, y1)
    // etc. even for bounds a float cannot hold.
    Matrix z(static_cast<Eigen::Index>(rows * cols),
             static_cast<Eigen::Index>(projection.latent_dim()));
    for (std::size_t r = 0; r < rows; ++r)
        for (std::size_t c = 0; c < cols; ++c)
            z.row(static_cast<Eigen::Index>(r * cols + c)) =
                projection.lift(spaced(x0, x1, c, cols), spaced(y1, y0, r, rows)).transpose();
    return z;
}

Matrix decode_manifold_grid(const VaeModel& model, const LatentProjection& projection, double x0,
                            double x1, double y0, double y1, std::size_t cols, std::size_t rows) {
    VaeWorkspace ws;
    Matrix decoded;
    decode_manifold_grid(model, projection, x0, x1, y0, y1, cols, rows, ws, decoded);
    return decoded;
}

void decode_manifold_grid(const VaeModel& model, const LatentProjection& projection, double x0,
                          double x1, double y0, double y1, std::size_t cols, std::size_t rows,
                          VaeWorkspace& ws, Matrix& decoded) {
    if (projection.latent_dim() != model.latent_dim())
        throw std::invalid_argument("the latent plane is for " +
                                    std::to_string(projection.latent_dim()) +
                                    " dimensions but the model's latent dimension is " +
                                    std::to_string(model.latent_dim()));
    model.decode(manifold_grid_latents(projection, x0, x1, y0, y1, cols, rows), ws, decoded);
}

} // namespace vae
