#pragma once

#include "data/dataset.h"

#include <Eigen/Core>

#include <cstddef>
#include <vector>

namespace vae {

/// Exact k-nearest rows of a data matrix by squared Euclidean distance in stored units, for
/// "which training samples look like this decoded point". Built once per data matrix (one pass
/// for the row norms), then each query costs one streaming GEMV over the data (a chunk of up to
/// 64 queries one GEMM) with the expansion ||x||^2 - 2 x.q + ||q||^2, followed by an exact
/// re-ranking: every row whose float score could, within a rigorous rounding-error bound, beat
/// the k-th best is re-scored directly as sum (x - q)^2 in double. So the answer is the exact
/// ranking (by the double-precision distance, ties broken by the lower row index), not the
/// expansion's, even when the data sit far from the origin. Rows holding NaN or infinity rank
/// last. Scratch per call: up to 256 KiB of scores plus the rows that beat a running threshold
/// (typically O(k log N); O(N) only for data stored in decreasing distance from the query).
/// Borrows the data: it must outlive the index (and its copies) and not change while the index
/// is used. All const methods are safe from several threads at once (own scratch per call).
class NearestRowIndex {
public:
    /// data: N x D, in stored units. Not copied (see above).
    explicit NearestRowIndex(const Matrix& data);
    /// A temporary would dangle: keep the data alive elsewhere.
    explicit NearestRowIndex(Matrix&&) = delete;

    [[nodiscard]] std::size_t rows() const { return norms2_.size(); }
    [[nodiscard]] std::size_t cols() const { return static_cast<std::size_t>(data_->cols()); }

    /// query: 1 x D, stored units. Returns the indices of the min(k, N) nearest rows, nearest
    /// first (ties: lower index first). Throws std::invalid_argument when the query's size is
    /// not D or it holds a non-finite value (naming the column).
    [[nodiscard]] std::vector<std::size_t>
    nearest(const Eigen::Ref<const Eigen::RowVectorXf>& query, std::size_t k) const;

    /// queries: M x D. Result[m] is nearest(queries.row(m), k); up to 64 queries are scored by
    /// one GEMM pass over the data, so many queries cost less than M single ones. Throws as
    /// nearest().
    [[nodiscard]] std::vector<std::vector<std::size_t>> nearest_batch(const Matrix& queries,
                                                                      std::size_t k) const;

private:
    const Matrix* data_;
    std::vector<double> norms2_; ///< ||x_i||^2, accumulated in double
    std::vector<double> norms_;  ///< ||x_i||
};

/// One-off form: NearestRowIndex(data).nearest(query, k). Keep an index instead when querying
/// the same data repeatedly (building it reads the whole matrix once). Safe from any thread.
[[nodiscard]] std::vector<std::size_t>
nearest_rows(const Matrix& data, const Eigen::Ref<const Eigen::RowVectorXf>& query, std::size_t k);

} // namespace vae
