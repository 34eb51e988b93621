#include "vae/latent_ops.h"

#include "nn/matrix_ops.h"
#include "vae/standard_normal_noise.h"
#include "vae/vae_objective.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace vae {
namespace {

constexpr std::size_t kBatch = 1000;

} // namespace

void encode_rows(const VaeModel& model, const Matrix& values, std::span<const std::size_t> rows,
                 Matrix& means, Matrix& logvars) {
    const std::size_t n = rows.empty() ? static_cast<std::size_t>(values.rows()) : rows.size();
    const auto latent = static_cast<Eigen::Index>(model.latent_dim());
    means.resize(static_cast<Eigen::Index>(n), latent);
    logvars.resize(static_cast<Eigen::Index>(n), latent);
    VaeWorkspace ws;
    Matrix batch, mean, logvar;
    for (std::size_t start = 0; start < n; start += kBatch) {
        const std::size_t m = std::min(kBatch, n - start);
        const auto first = static_cast<Eigen::Index>(start);
        const auto count = static_cast<Eigen::Index>(m);
        if (rows.empty()) {
            model.encode(values.middleRows(first, count), ws, mean, logvar);
        } else {
            gather_rows(values, rows.subspan(start, m), batch);
            model.encode(batch, ws, mean, logvar);
        }
        means.middleRows(first, count) = mean;
        logvars.middleRows(first, count) = logvar;
    }
}

Matrix decode_latents(const VaeModel& model, const Matrix& z) {
    if (static_cast<std::size_t>(z.cols()) != model.latent_dim())
        throw std::invalid_argument("z has " + std::to_string(z.cols()) +
                                    " values per row but the model's latent dimension is " +
                                    std::to_string(model.latent_dim()));
    Matrix out(z.rows(), static_cast<Eigen::Index>(model.input_dim()));
    VaeWorkspace ws;
    Matrix decoded;
    for (Eigen::Index start = 0; start < z.rows(); start += static_cast<Eigen::Index>(kBatch)) {
        const Eigen::Index m =
            std::min<Eigen::Index>(static_cast<Eigen::Index>(kBatch), z.rows() - start);
        model.decode(z.middleRows(start, m), ws, decoded);
        out.middleRows(start, m) = decoded;
    }
    return out;
}

Matrix sample_prior_latents(const VaeModel& model, std::size_t count, std::uint64_t seed) {
    Matrix z(static_cast<Eigen::Index>(count), static_cast<Eigen::Index>(model.latent_dim()));
    // A stream of its own so that prior samples never repeat the training noise.
    constexpr std::uint64_t kPriorStream = 0x9e3779b97f4a7c15ULL;
    fill_standard_normal(seed, kPriorStream, z);
    return z;
}

void draw_observations(const VaeModel& model, Matrix& decoded, std::uint64_t seed) {
    const Likelihood l = model.architecture().likelihood;
    if (l != Likelihood::GaussianLearned && l != Likelihood::GaussianLearnedPerDim)
        return;
    const std::span<const float> log_sigma = model.log_sigma();
    if (log_sigma.empty() || decoded.cols() == 0)
        return;
    Matrix eps(decoded.rows(), decoded.cols());
    // Its own stream again: the observation noise is not the latent draw of the same seed.
    constexpr std::uint64_t kObservationStream = 0xd1b54a32d192ed03ULL;
    fill_standard_normal(seed, kObservationStream, eps);
    for (Eigen::Index j = 0; j < decoded.cols(); ++j) {
        const float ls =
            log_sigma.size() == 1 ? log_sigma[0] : log_sigma[static_cast<std::size_t>(j)];
        decoded.col(j) += std::exp(floored_log_sigma(ls)) * eps.col(j);
    }
}

Matrix interpolate_latents(const Vector& from, const Vector& to, std::size_t steps, bool slerp) {
    if (from.size() != to.size())
        throw std::invalid_argument("the two end points have different dimensions (" +
                                    std::to_string(from.size()) + " and " +
                                    std::to_string(to.size()) + ")");
    if (steps < 2)
        throw std::invalid_argument("an interpolation needs at least 2 steps");
    Matrix out(static_cast<Eigen::Index>(steps), from.size());
    const double na = from.cast<double>().norm(), nb = to.cast<double>().norm();
    double omega = 0.0;
    if (slerp && na > 0 && nb > 0) {
        const double c =
            std::clamp(from.cast<double>().dot(to.cast<double>()) / (na * nb), -1.0, 1.0);
        omega = std::acos(c);
    }
    const bool spherical = slerp && omega > 1e-6 && std::abs(omega - std::numbers::pi) > 1e-6;
    for (std::size_t i = 0; i < steps; ++i) {
        const double t = static_cast<double>(i) / static_cast<double>(steps - 1);
        const auto r = static_cast<Eigen::Index>(i);
        if (!spherical) {
            out.row(r) =
                ((1.0 - t) * from.cast<double>() + t * to.cast<double>()).cast<float>().transpose();
            continue;
        }
        // Directions move along the great circle; the radius moves linearly.
        const Eigen::VectorXd ua = from.cast<double>() / na, ub = to.cast<double>() / nb;
        const Eigen::VectorXd dir =
            (std::sin((1.0 - t) * omega) * ua + std::sin(t * omega) * ub) / std::sin(omega);
        out.row(r) = (((1.0 - t) * na + t * nb) * dir).cast<float>().transpose();
    }
    out.row(0) = from.transpose();
    out.row(static_cast<Eigen::Index>(steps - 1)) = to.transpose();
    return out;
}

} // namespace vae
