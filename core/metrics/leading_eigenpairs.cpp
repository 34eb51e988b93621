#include "metrics/leading_eigenpairs.h"

#include "data/dataset.h"
#include "data/seeded_random.h"
#include "nn/gemm.h"

#include <Eigen/Eigenvalues>
#include <Eigen/QR>

#include <algorithm>
#include <stdexcept>
#include <string>

namespace vae {
namespace {

constexpr Eigen::Index kExactLimit = 1024;
constexpr int kMaxIterations = 100;
constexpr double kTolerance = 1e-7;

/// The columns of `count` eigenpairs from an ascending decomposition, largest first.
Eigenpairs largest(const Eigen::VectorXd& values, const Eigen::MatrixXd& vectors,
                   const Eigen::MatrixXd& basis, Eigen::Index count) {
    Eigenpairs out;
    out.values.resize(count);
    out.vectors.resize(basis.rows(), count);
    for (Eigen::Index k = 0; k < count; ++k) {
        const Eigen::Index src = values.size() - 1 - k;
        out.values[k] = values[src];
        out.vectors.col(k) = basis * vectors.col(src);
    }
    return out;
}

Eigen::MatrixXd orthonormal_columns(const Eigen::MatrixXd& m) {
    const Eigen::HouseholderQR<Eigen::MatrixXd> qr(m);
    return qr.householderQ() * Eigen::MatrixXd::Identity(m.rows(), m.cols());
}

} // namespace

Eigenpairs leading_eigenpairs(const Eigen::MatrixXd& s, std::size_t count,
                              const CancelCheck& cancel) {
    if (s.rows() != s.cols())
        throw std::invalid_argument("eigenpairs of a " + std::to_string(s.rows()) + " x " +
                                    std::to_string(s.cols()) + " matrix: it must be square");
    if (count == 0)
        throw std::invalid_argument("eigenpairs: count must be at least 1");
    const Eigen::Index d = s.rows();
    const auto c = static_cast<Eigen::Index>(std::min<std::size_t>(count, d));
    const Eigen::Index block = std::min(d, c + std::max<Eigen::Index>(c, 16));
    throw_if_cancelled(cancel);
    if (d <= kExactLimit || 2 * block >= d) {
        const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(s);
        if (solver.info() != Eigen::Success)
            throw std::runtime_error("eigenpairs: the decomposition did not converge");
        return largest(solver.eigenvalues(), solver.eigenvectors(), Eigen::MatrixXd::Identity(d, d),
                       c);
    }

    const Matrix sf = s.cast<float>();
    SeededRandom rng(0x65696765ULL);
    Eigen::MatrixXd q(d, block);
    for (Eigen::Index i = 0; i < q.size(); ++i)
        q.data()[i] = rng.normal();
    q = orthonormal_columns(q);
    Matrix qf, zf(d, block);
    Eigen::VectorXd previous = Eigen::VectorXd::Constant(c, -1.0);
    for (int it = 0;; ++it) {
        throw_if_cancelled(cancel);
        qf = q.cast<float>();
        gemm(Transpose::No, Transpose::No, static_cast<int>(d), static_cast<int>(block),
             static_cast<int>(d), sf.data(), static_cast<int>(d), qf.data(),
             static_cast<int>(block), zf.data(), static_cast<int>(block), false);
        const Eigen::MatrixXd z = zf.cast<double>();
        // Rayleigh-Ritz on span(q): the best approximations to eigenpairs within it.
        Eigen::MatrixXd b = q.transpose() * z;
        b = (0.5 * (b + b.transpose())).eval();
        const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> ritz(b);
        if (ritz.info() != Eigen::Success)
            throw std::runtime_error("eigenpairs: the decomposition did not converge");
        Eigenpairs now = largest(ritz.eigenvalues(), ritz.eigenvectors(), q, c);
        const double scale = std::max(now.values[0], 1e-300);
        if ((now.values - previous).cwiseAbs().maxCoeff() <= kTolerance * scale ||
            it + 1 == kMaxIterations)
            return now;
        previous = now.values;
        q = orthonormal_columns(z);
    }
}

} // namespace vae
