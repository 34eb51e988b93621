#include "metrics/frechet_distance.h"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace vae {
namespace {

Eigen::MatrixXd symmetric(const Eigen::MatrixXd& m) {
    return 0.5 * (m + m.transpose());
}

/// S^1/2 of a symmetric PSD matrix, with eigenvalues clamped at 0.
Eigen::MatrixXd psd_sqrt(const Eigen::MatrixXd& s) {
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> e(symmetric(s));
    if (e.info() != Eigen::Success)
        throw std::runtime_error("Fréchet distance: an eigendecomposition did not converge");
    const Eigen::VectorXd root = e.eigenvalues().cwiseMax(0.0).cwiseSqrt();
    return e.eigenvectors() * root.asDiagonal() * e.eigenvectors().transpose();
}

} // namespace

GaussianMoments gaussian_moments(const Matrix& rows) {
    if (rows.rows() < 2)
        throw std::invalid_argument("Gaussian moments: needs at least 2 rows, not " +
                                    std::to_string(rows.rows()));
    const Eigen::MatrixXd x = rows.cast<double>();
    GaussianMoments g;
    g.mean = x.colwise().mean().transpose();
    const Eigen::MatrixXd centred = x.rowwise() - g.mean.transpose();
    g.covariance = (centred.transpose() * centred) / static_cast<double>(x.rows() - 1);
    return g;
}

double frechet_distance(const GaussianMoments& a, const GaussianMoments& b) {
    const auto f = a.mean.size();
    if (b.mean.size() != f || a.covariance.rows() != f || a.covariance.cols() != f ||
        b.covariance.rows() != f || b.covariance.cols() != f)
        throw std::invalid_argument("Fréchet distance: the two Gaussians have " +
                                    std::to_string(f) + " and " + std::to_string(b.mean.size()) +
                                    " dimensions (or a covariance of another size)");
    const Eigen::MatrixXd root_a = psd_sqrt(a.covariance);
    const Eigen::MatrixXd middle = symmetric(root_a * b.covariance * root_a);
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> e(middle, Eigen::EigenvaluesOnly);
    if (e.info() != Eigen::Success)
        throw std::runtime_error("Fréchet distance: an eigendecomposition did not converge");
    const double trace_root = e.eigenvalues().cwiseMax(0.0).cwiseSqrt().sum();
    const double fd = (a.mean - b.mean).squaredNorm() + a.covariance.trace() +
                      b.covariance.trace() - 2.0 * trace_root;
    return std::max(fd, 0.0);
}

} // namespace vae
