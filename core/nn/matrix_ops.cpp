#include "nn/matrix_ops.h"

namespace vae {

void gather_rows(const Matrix& values, std::span<const std::size_t> rows, Matrix& out) {
    ensure_shape(out, static_cast<Eigen::Index>(rows.size()), values.cols());
    for (std::size_t i = 0; i < rows.size(); ++i)
        out.row(static_cast<Eigen::Index>(i)) = values.row(static_cast<Eigen::Index>(rows[i]));
}

Matrix gather_rows(const Matrix& values, std::span<const std::size_t> rows) {
    Matrix out;
    gather_rows(values, rows, out);
    return out;
}

} // namespace vae
