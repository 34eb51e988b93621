#include "metrics/pca_features.h"

#include "metrics/leading_eigenpairs.h"
#include "nn/gemm.h"
#include "nn/worker_pool.h"

#include <algorithm>
#include <atomic>
#include <stdexcept>
#include <string>

namespace vae {

Matrix PcaFeatures::transform(const Matrix& rows) const {
    if (rows.cols() != mean.size())
        throw std::invalid_argument("PCA features: rows have " + std::to_string(rows.cols()) +
                                    " values but the PCA was fitted on " +
                                    std::to_string(mean.size()));
    const Matrix centred = (rows.rowwise() - mean.cast<float>()).eval();
    const Matrix w = axes.cast<float>();
    Matrix out(rows.rows(), axes.cols());
    if (rows.rows() > 0 && axes.cols() > 0)
        gemm(Transpose::No, Transpose::No, static_cast<int>(rows.rows()),
             static_cast<int>(w.cols()), static_cast<int>(w.rows()), centred.data(),
             static_cast<int>(centred.cols()), w.data(), static_cast<int>(w.cols()), out.data(),
             static_cast<int>(out.cols()), false);
    return out;
}

PcaFeatures fit_pca(const Matrix& rows, std::size_t components, WorkerPool* pool,
                    const CancelCheck& cancel) {
    const auto n = rows.rows();
    const auto d = rows.cols();
    if (n < 2)
        throw std::invalid_argument("PCA: needs at least 2 rows, not " + std::to_string(n));
    if (d == 0)
        throw std::invalid_argument("PCA: the rows have no values");
    if (components == 0)
        throw std::invalid_argument("PCA: needs at least 1 component");

    PcaFeatures pca;
    pca.mean = rows.cast<double>().colwise().mean();
    const Matrix centred = (rows.rowwise() - pca.mean.cast<float>()).eval();

    // cov = X^T X / (n - 1), by column blocks of the output so that threads share the work.
    Matrix cov(d, d);
    constexpr Eigen::Index kBlock = 64;
    std::atomic<Eigen::Index> next{0};
    std::atomic<bool> stopped{false};
    const auto work = [&](std::size_t) {
        for (Eigen::Index j = next.fetch_add(kBlock); j < d && !stopped.load();
             j = next.fetch_add(kBlock)) {
            if (cancel && cancel()) {
                stopped = true;
                break;
            }
            const Eigen::Index cols = std::min(kBlock, d - j);
            gemm(Transpose::Yes, Transpose::No, static_cast<int>(d), static_cast<int>(cols),
                 static_cast<int>(n), centred.data(), static_cast<int>(d), centred.data() + j,
                 static_cast<int>(d), cov.data() + j, static_cast<int>(d), false);
        }
    };
    if (pool == nullptr)
        work(0);
    else
        pool->run(work);
    if (stopped.load())
        throw MetricsCancelled();
    Eigen::MatrixXd c = cov.cast<double>() / static_cast<double>(n - 1);
    c = (0.5 * (c + c.transpose())).eval();

    const Eigenpairs eigen = leading_eigenpairs(c, components, cancel);
    const Eigen::Index keep = eigen.values.size();
    pca.axes.resize(d, keep);
    pca.variance.resize(keep);
    for (Eigen::Index k = 0; k < keep; ++k) {
        Eigen::VectorXd v = eigen.vectors.col(k);
        Eigen::Index peak = 0;
        v.cwiseAbs().maxCoeff(&peak);
        if (v[peak] < 0.0)
            v = -v;
        pca.axes.col(k) = v;
        pca.variance[k] = std::max(eigen.values[k], 0.0);
    }
    return pca;
}

} // namespace vae
