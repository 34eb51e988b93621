#include "latent/latent_projection.h"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace vae {
namespace {

void check_reference(const Vector& reference, std::size_t latent_dim) {
    if (reference.size() != 0 && static_cast<std::size_t>(reference.size()) != latent_dim)
        throw std::invalid_argument(
            "the reference latent code has " + std::to_string(reference.size()) +
            " values but the latent dimension is " + std::to_string(latent_dim));
}

/// Flips v so that its component of largest magnitude (the first on ties) is positive: the
/// eigen-solver's sign is arbitrary, and a picture that mirrors on every refit is confusing.
void fix_sign(Eigen::Ref<Eigen::VectorXd> v) {
    Eigen::Index best = 0;
    for (Eigen::Index k = 1; k < v.size(); ++k)
        if (std::abs(v(k)) > std::abs(v(best)))
            best = k;
    if (v(best) < 0)
        v = -v;
}

} // namespace

LatentProjection LatentProjection::dimensions(std::size_t latent_dim, std::size_t i, std::size_t j,
                                              const Vector& reference) {
    if (latent_dim < 2)
        throw std::invalid_argument("a latent plane needs at least 2 latent dimensions, the "
                                    "model has " +
                                    std::to_string(latent_dim));
    for (const std::size_t d : {i, j})
        if (d >= latent_dim)
            throw std::invalid_argument("latent dimension " + std::to_string(d) +
                                        " does not exist: the model has dimensions 0.." +
                                        std::to_string(latent_dim - 1));
    if (i == j)
        throw std::invalid_argument("the plane needs two different dimensions, got " +
                                    std::to_string(i) + " twice");
    check_reference(reference, latent_dim);
    const auto l = static_cast<Eigen::Index>(latent_dim);
    LatentProjection p;
    p.kind_ = Kind::Dimensions;
    p.dims_ = {i, j};
    p.centre_ = Eigen::VectorXd::Zero(l);
    p.axes_ = Eigen::MatrixXd::Zero(l, 2);
    p.axes_(static_cast<Eigen::Index>(i), 0) = 1.0;
    p.axes_(static_cast<Eigen::Index>(j), 1) = 1.0;
    p.set_reference(reference);
    return p;
}

LatentProjection LatentProjection::pca(const Matrix& means, const Vector& reference) {
    if (means.rows() == 0)
        throw std::invalid_argument("PCA needs at least one latent code, got 0 rows");
    if (means.cols() < 2)
        throw std::invalid_argument("a latent plane needs at least 2 latent dimensions, the "
                                    "codes have " +
                                    std::to_string(means.cols()));
    const auto latent_dim = static_cast<std::size_t>(means.cols());
    check_reference(reference, latent_dim);

    LatentProjection p;
    p.kind_ = Kind::Pca;
    const auto l = means.cols();
    // Mean and covariance in double, a block of rows at a time: no N x L double copy, whose
    // allocation and first touch would cost more than the arithmetic.
    constexpr Eigen::Index kBlock = 256;
    p.centre_ = Eigen::VectorXd::Zero(l);
    for (Eigen::Index r = 0; r < means.rows(); ++r) {
        for (Eigen::Index c = 0; c < l; ++c)
            if (!std::isfinite(means(r, c)))
                throw std::invalid_argument("latent code " + std::to_string(r) + " has " +
                                            std::to_string(means(r, c)) + " in dimension " +
                                            std::to_string(c));
        p.centre_ += means.row(r).transpose().cast<double>();
    }
    p.centre_ /= static_cast<double>(means.rows());
    Eigen::MatrixXd cov = Eigen::MatrixXd::Zero(l, l);
    Eigen::MatrixXd block;
    for (Eigen::Index start = 0; start < means.rows(); start += kBlock) {
        const Eigen::Index m = std::min(kBlock, means.rows() - start);
        block = means.middleRows(start, m).cast<double>();
        block.rowwise() -= p.centre_.transpose();
        cov.selfadjointView<Eigen::Lower>().rankUpdate(block.transpose());
    }
    cov = cov.selfadjointView<Eigen::Lower>();
    cov /= static_cast<double>(std::max<Eigen::Index>(means.rows() - 1, 1));
    const double total = cov.trace();

    p.axes_ = Eigen::MatrixXd::Zero(l, 2);
    if (total > 0.0) {
        const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(cov);
        // Eigenvalues come in increasing order: the last two columns are the top axes.
        for (int k = 0; k < 2; ++k) {
            p.axes_.col(k) = eig.eigenvectors().col(l - 1 - k);
            fix_sign(p.axes_.col(k));
            p.ratio_[static_cast<std::size_t>(k)] =
                std::max(eig.eigenvalues()(l - 1 - k), 0.0) / total;
        }
    } else {
        p.axes_(0, 0) = 1.0;
        p.axes_(1, 1) = 1.0;
    }
    p.set_reference(reference);
    return p;
}

LatentProjection LatentProjection::with_reference(const Vector& reference) const {
    check_reference(reference, latent_dim());
    LatentProjection p = *this;
    p.set_reference(reference);
    return p;
}

void LatentProjection::set_reference(const Vector& reference) {
    reference_ = reference.size() ? Eigen::VectorXd(reference.cast<double>()) : centre_;
    if (kind_ == Kind::Dimensions) {
        // Exact: the other dimensions' values are the reference's own.
        off_plane_ = reference_;
        off_plane_(static_cast<Eigen::Index>(dims_[0])) = 0.0;
        off_plane_(static_cast<Eigen::Index>(dims_[1])) = 0.0;
        return;
    }
    const Eigen::VectorXd d = reference_ - centre_;
    off_plane_ = d - axes_ * (axes_.transpose() * d);
}

Matrix LatentProjection::project(const Matrix& z) const {
    if (z.cols() != centre_.size())
        throw std::invalid_argument("latent codes with " + std::to_string(z.cols()) +
                                    " values per row cannot be projected: the plane is for " +
                                    std::to_string(centre_.size()) + " dimensions");
    Matrix xy(z.rows(), 2);
    if (kind_ == Kind::Dimensions) {
        // Exact copies: the plane's coordinates are the codes' own values.
        xy.col(0) = z.col(static_cast<Eigen::Index>(dims_[0]));
        xy.col(1) = z.col(static_cast<Eigen::Index>(dims_[1]));
        return xy;
    }
    constexpr Eigen::Index kBlock = 1024; // small reused temporaries, as in pca()
    Eigen::MatrixXd block;
    for (Eigen::Index start = 0; start < z.rows(); start += kBlock) {
        const Eigen::Index m = std::min(kBlock, z.rows() - start);
        block = z.middleRows(start, m).cast<double>();
        block.rowwise() -= centre_.transpose();
        xy.middleRows(start, m) = (block * axes_).cast<float>();
    }
    return xy;
}

Vector LatentProjection::lift(double x, double y) const {
    // The same operation order as the batched lift, so both give bitwise-equal codes.
    const Eigen::VectorXd base = centre_ + off_plane_;
    return (base + x * axes_.col(0) + y * axes_.col(1)).cast<float>();
}

Matrix LatentProjection::lift(const Matrix& xy) const {
    if (xy.cols() != 2)
        throw std::invalid_argument("plane points need 2 values per row, got " +
                                    std::to_string(xy.cols()));
    Matrix z(xy.rows(), centre_.size());
    const Eigen::RowVectorXd base = (centre_ + off_plane_).transpose();
    for (Eigen::Index r = 0; r < xy.rows(); ++r)
        z.row(r) = (base + static_cast<double>(xy(r, 0)) * axes_.col(0).transpose() +
                    static_cast<double>(xy(r, 1)) * axes_.col(1).transpose())
                       .cast<float>();
    return z;
}

} // namespace vae
