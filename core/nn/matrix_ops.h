#pragma once

#include "data/dataset.h"

#include <Eigen/Core>

#include <cstddef>
#include <span>

namespace vae {

/// Gives m the shape rows x cols, reallocating only when its shape differs, so that a workspace
/// reused at one batch size never allocates. The values are unspecified after a change of shape.
/// Works for any dense Eigen matrix (float or double, the tests' double path included).
template <typename Derived>
void ensure_shape(Eigen::PlainObjectBase<Derived>& m, Eigen::Index rows, Eigen::Index cols) {
    if (m.rows() != rows || m.cols() != cols)
        m.resize(rows, cols);
}

/// Copies rows `rows` of `values`, in that order, into out (rows.size() x values.cols(), resized
/// only when its shape differs). Every index must be below values.rows(); they are not checked.
/// Reentrant: const input, caller-owned output.
void gather_rows(const Matrix& values, std::span<const std::size_t> rows, Matrix& out);

/// The same into a new matrix.
[[nodiscard]] Matrix gather_rows(const Matrix& values, std::span<const std::size_t> rows);

} // namespace vae
