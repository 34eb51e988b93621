#include "latent/latent_maps.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

namespace vae {
namespace {

/// Cells per block of the mixture sum: the block's G x N scores stay a few MB.
constexpr Eigen::Index kCellBlock = 256;

const double kLog2Pi = std::log(2.0 * std::numbers::pi);

std::string shape(const Matrix& m) {
    return std::to_string(m.rows()) + " x " + std::to_string(m.cols());
}

} // namespace

Eigen::VectorXd log_standard_normal(const Matrix& z) {
    const Eigen::MatrixXd zd = z.cast<double>();
    return (-0.5 * zd.rowwise().squaredNorm()).array() -
           0.5 * static_cast<double>(z.cols()) * kLog2Pi;
}

Eigen::VectorXd log_aggregate_posterior(const Matrix& z, const Matrix& means,
                                        const Matrix& logvars) {
    if (means.rows() == 0)
        throw std::invalid_argument("the aggregate posterior needs at least one encoding");
    if (z.cols() != means.cols())
        throw std::invalid_argument("the codes are " + shape(z) + " but the encodings are " +
                                    shape(means));
    if (logvars.rows() != means.rows() || logvars.cols() != means.cols())
        throw std::invalid_argument("the log-variances are " + shape(logvars) +
                                    " but the encodings are " + shape(means));
    const Eigen::Index n = means.rows();
    const auto l = static_cast<double>(means.cols());
    // N(z; m, diag(v)) in the log: a_i - 0.5 sum_l z_l^2 / v_il + sum_l z_l m_il / v_il, so one
    // block of cells against all components is two matrix products.
    const Eigen::MatrixXd m = means.cast<double>();
    const Eigen::MatrixXd lv = logvars.cast<double>();
    const Eigen::MatrixXd w = (-lv).array().exp().matrix(); // 1 / v
    const Eigen::MatrixXd mw = m.cwiseProduct(w);
    const Eigen::RowVectorXd a = (-0.5 * (lv.rowwise().sum().array() + l * kLog2Pi +
                                          m.cwiseProduct(mw).rowwise().sum().array()))
                                     .matrix()
                                     .transpose();
    const Eigen::MatrixXd zd = z.cast<double>();
    const double log_n = std::log(static_cast<double>(n));
    Eigen::VectorXd out(z.rows());
    for (Eigen::Index first = 0; first < z.rows(); first += kCellBlock) {
        const Eigen::Index g = std::min(kCellBlock, z.rows() - first);
        const auto zb = zd.middleRows(first, g);
        Eigen::MatrixXd t = zb * mw.transpose();
        t.noalias() -= 0.5 * zb.cwiseAbs2() * w.transpose();
        t.rowwise() += a;
        for (Eigen::Index r = 0; r < g; ++r) {
            const double top = t.row(r).maxCoeff();
            out(first + r) = std::isfinite(top)
                                 ? top + std::log((t.row(r).array() - top).exp().sum()) - log_n
                                 : top;
        }
    }
    return out;
}

Eigen::VectorXd posterior_prior_log_ratio(const Matrix& z, const Matrix& means,
                                          const Matrix& logvars) {
    return log_aggregate_posterior(z, means, logvars) - log_standard_normal(z);
}

double kde_bandwidth(const Matrix& means) {
    if (means.rows() == 0 || means.cols() == 0)
        throw std::invalid_argument("a bandwidth needs at least one encoding, got " + shape(means));
    const Eigen::MatrixXd m = means.cast<double>();
    const Eigen::RowVectorXd mean = m.colwise().mean();
    const double denom = std::max<double>(1.0, static_cast<double>(m.rows() - 1));
    const double sd =
        ((m.rowwise() - mean).cwiseAbs2().colwise().sum().array() / denom).sqrt().mean();
    const double scale = sd > 0.0 && std::isfinite(sd) ? sd : 1.0;
    return scale *
           std::pow(static_cast<double>(m.rows()), -1.0 / (static_cast<double>(m.cols()) + 4.0));
}

Matrix kde_logvars(const Matrix& means) {
    const double h = kde_bandwidth(means);
    return Matrix::Constant(means.rows(), means.cols(), static_cast<float>(2.0 * std::log(h)));
}

Eigen::VectorXd decoding_consistency(const VaeModel& model, const Matrix& z) {
    if (static_cast<std::size_t>(z.cols()) != model.latent_dim())
        throw std::invalid_argument("the codes are " + shape(z) +
                                    " but the model's latent "
                                    "dimension is " +
                                    std::to_string(model.latent_dim()));
    if (z.rows() == 0)
        return {};
    VaeWorkspace ws;
    Matrix decoded, mean, logvar;
    model.decode(z, ws, decoded);
    model.encode(decoded, ws, mean, logvar);
    return (z.cast<double>() - mean.cast<double>()).rowwise().norm();
}

} // namespace vae
