#pragma once

#include "data/dataset.h"
#include "latent/latent_projection.h"
#include "vae/vae_model.h"

#include <cstddef>

namespace vae {

/// The latent codes of a cols x rows "manifold grid" over the plane rectangle x in [x0, x1],
/// y in [y0, y1]: (rows * cols) x L, row-major starting from the TOP row (y = y1) and the left
/// column (x = x0), as the classic figure draws it, so cell (r, c) is row r * cols + c. Cells
/// are evenly spaced and include the edges exactly (the corner cells are lift(x0, y1),
/// lift(x1, y1), lift(x0, y0), lift(x1, y0)); a single column sits at (x0 + x1) / 2, a single
/// row at (y0 + y1) / 2. Bounds may be given in either order (x0 > x1 mirrors the grid).
/// Plane units are the projection's (latent units). Pure; safe from any thread.
/// Throws std::invalid_argument naming the value for cols or rows == 0 or a non-finite bound.
[[nodiscard]] Matrix manifold_grid_latents(const LatentProjection& projection, double x0, double x1,
                                           double y0, double y1, std::size_t cols,
                                           std::size_t rows);

/// The grid above decoded in one batched pass: (rows * cols) x input_dim in stored (model)
/// units, the Bernoulli means sigmoid(logits) or the Gaussian means (what decode_latents
/// gives), in the same cell order. Const on the model and allocates its own workspace: safe
/// from any thread. Throws std::invalid_argument when the projection's latent dimension is not
/// the model's, or as manifold_grid_latents.
[[nodiscard]] Matrix decode_manifold_grid(const VaeModel& model, const LatentProjection& projection,
                                          double x0, double x1, double y0, double y1,
                                          std::size_t cols, std::size_t rows);

/// The same into caller-owned buffers, for redrawing the grid as the view changes: `ws` (one per
/// thread, never shared) and `decoded` keep their memory from call to call while the cell count
/// stays the same. Why: the decoder's buffers for a 20 x 20 grid of 784-value images are a few
/// MB, and on some VMs first-touching fresh pages costs several times the decode itself.
void decode_manifold_grid(const VaeModel& model, const LatentProjection& projection, double x0,
                          double x1, double y0, double y1, std::size_t cols, std::size_t rows,
                          VaeWorkspace& ws, Matrix& decoded);

} // namespace vae
