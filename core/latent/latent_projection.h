#pragma once

#include "data/dataset.h"

#include <Eigen/Core>

#include <array>
#include <cstddef>

namespace vae {

/// Maps L-dimensional latent codes to the 2-D latent plane the user sees, and plane points back
/// to full latent codes. Two kinds:
/// - Dimensions: plane (x, y) = (z_i, z_j); lifting sets z_i = x, z_j = y and every other
///   dimension to the reference vector's (zero unless one is given). For L == 2 with dims
///   (0, 1) both maps are the identity.
/// - Pca: plane (x, y) = ((z - c)·v1, (z - c)·v2), with c the mean of the fitted codes and v1, v2
///   their top two principal axes. Lifting gives c + x·v1 + y·v2 + (r - c)'s component
///   orthogonal to the plane, where r is the reference (c unless one is given, so by default the
///   plane goes through the centre and lifting adds nothing off-plane).
/// In both kinds lift(project(z)) == z for every z on the plane through the reference (up to
/// rounding), and project(lift(x, y)) == (x, y).
/// Latent codes are in the model's latent units (what VaeModel::encode gives); the plane's
/// units are the same (Pca axes are unit vectors, so distances are preserved on the plane).
/// An immutable value type: copy it freely; all const methods are safe from any thread.
class LatentProjection {
public:
    enum class Kind { Dimensions, Pca };

    /// The plane of dimensions (i, j) of an L-dim latent space, the others held at `reference`
    /// (size L), or at zero when `reference` is empty. Throws std::invalid_argument naming the
    /// bad value when latent_dim < 2, i or j >= latent_dim, i == j, or the reference's size is
    /// not latent_dim.
    static LatentProjection dimensions(std::size_t latent_dim, std::size_t i, std::size_t j,
                                       const Vector& reference = {});

    /// The plane of the top two principal axes of `means` (N x L, N >= 1, L >= 2; e.g. the
    /// encoder means of the training set). Fitted in double precision: mean-centred covariance
    /// (divided by N - 1, or 1 when N == 1), eigen-decomposed with Eigen's
    /// SelfAdjointEigenSolver. Each axis's sign is fixed so that its component of largest
    /// magnitude is positive (the lowest index on ties), so refits of the same data give the same
    /// picture. When the codes have no variance at all the axes are e0 and e1; with repeated
    /// eigenvalues any orthonormal basis of their eigenspace is a valid answer and the solver's
    /// choice is kept. `reference` (size L, or empty = the centre) sets the off-plane part of
    /// lifted codes. Throws std::invalid_argument naming the bad value for an empty `means`,
    /// L < 2, non-finite values, or a reference of the wrong size.
    static LatentProjection pca(const Matrix& means, const Vector& reference = {});

    [[nodiscard]] Kind kind() const { return kind_; }
    [[nodiscard]] std::size_t latent_dim() const {
        return static_cast<std::size_t>(centre_.size());
    }
    /// Dimensions kind: the two dimensions shown as (x, y). Pca: {0, 1}, meaningless.
    [[nodiscard]] std::array<std::size_t, 2> dims() const { return dims_; }
    /// Size L: the plane's origin before the off-plane part is added: zero for Dimensions, the
    /// fitted mean for Pca. project(z) = (z - centre)^T axes.
    [[nodiscard]] const Eigen::VectorXd& centre() const { return centre_; }
    /// L x 2: the unit vectors of the plane's x and y axes in latent space (columns).
    [[nodiscard]] const Eigen::MatrixXd& axes() const { return axes_; }
    /// Size L: the code whose off-plane part lift() keeps: lift(x, y) = centre + axes (x, y)^T +
    /// (I - axes axes^T)(reference - centre).
    [[nodiscard]] const Eigen::VectorXd& reference() const { return reference_; }
    /// Pca: the variances along v1 and v2 divided by the total variance (0 when there is none).
    /// Dimensions: {0, 0} (not fitted).
    [[nodiscard]] std::array<double, 2> explained_variance_ratio() const { return ratio_; }

    /// The same plane (kind, dims, centre, axes, ratios) with another reference (size L, or
    /// empty for the kind's default: zero, or the centre). Why: a user dragging the off-plane
    /// values must not refit a PCA of 70,000 codes on every step. Throws std::invalid_argument
    /// for a reference of the wrong size.
    [[nodiscard]] LatentProjection with_reference(const Vector& reference) const;

    /// z: N x L latent codes -> N x 2 plane coordinates (x, y). Throws std::invalid_argument
    /// when z has not L columns.
    [[nodiscard]] Matrix project(const Matrix& z) const;
    /// One plane point -> its full latent code (size L).
    [[nodiscard]] Vector lift(double x, double y) const;
    /// xy: N x 2 plane points -> N x L latent codes. Throws std::invalid_argument when xy has
    /// not 2 columns.
    [[nodiscard]] Matrix lift(const Matrix& xy) const;

private:
    LatentProjection() = default;
    /// Sets reference_ (empty = centre_) and the off-plane part derived from it.
    void set_reference(const Vector& reference);

    Kind kind_ = Kind::Dimensions;
    std::array<std::size_t, 2> dims_{0, 1};
    Eigen::VectorXd centre_;
    Eigen::MatrixXd axes_;
    Eigen::VectorXd reference_;
    Eigen::VectorXd off_plane_; ///< (I - A A^T)(reference - centre): added to every lifted code
    std::array<double, 2> ratio_{0.0, 0.0};
};

} // namespace vae
