#include "vae/evaluate_vae.h"

#include "nn/worker_pool.h"
#include "vae/standard_normal_noise.h"
#include "vae/vae_objective.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

namespace vae {

namespace {

// What one batch contributes; summed over batches in batch order so that the result does not
// depend on which thread evaluated which batch.
struct BatchResult {
    double recon = 0.0;
    std::vector<double> kl_per_dim;
    double iwae = 0.0;
};

struct EvalWorkspace {
    VaeWorkspace vae;
    Matrix eps, z;
    Eigen::VectorXf nll_per_row;
    Eigen::MatrixXd log_weights; // rows x K
};

double log_mean_exp(const double* w, std::size_t k) {
    const double peak = *std::max_element(w, w + k);
    if (!std::isfinite(peak))
        return peak;
    double sum = 0.0;
    for (std::size_t i = 0; i < k; ++i)
        sum += std::exp(w[i] - peak);
    return peak + std::log(sum / static_cast<double>(k));
}

void evaluate_batch(const VaeModel& model, const Eigen::Ref<const Matrix>& x,
                    const EvaluationOptions& options, std::uint64_t batch_index, EvalWorkspace& ws,
                    Matrix& means_out, BatchResult& result) {
    const Eigen::Index n = x.rows();
    const auto latent = static_cast<Eigen::Index>(model.latent_dim());
    const Likelihood likelihood = model.architecture().likelihood;
    model.encode_into_workspace(x, ws.vae);
    means_out = ws.vae.mean;
    const Matrix mean = ws.vae.mean;
    const Matrix logvar = ws.vae.logvar;
    const auto std_dev = (0.5f * logvar.array()).exp();

    result.kl_per_dim.assign(static_cast<std::size_t>(latent), 0.0);
    add_kl_per_dim<float>(mean, logvar, result.kl_per_dim);

    // One-sample ELBO; the noise stream of each batch is its own: (seed, 2 * batch).
    ws.eps.resize(n, latent);
    fill_standard_normal(options.seed, 2 * batch_index, ws.eps);
    ws.z = (mean.array() + std_dev * ws.eps.array()).matrix();
    const Matrix& out = model.decode_raw(ws.z, ws.vae);
    result.recon = reconstruction_nll<float>(likelihood, x, out, model.log_sigma(), 1.0f, nullptr,
                                             {}, nullptr);

    const std::size_t k = options.iwae_samples;
    if (k == 0)
        return;
    ws.eps.resize(n * static_cast<Eigen::Index>(k), latent);
    fill_standard_normal(options.seed, 2 * batch_index + 1, ws.eps);
    ws.log_weights.resize(n, static_cast<Eigen::Index>(k));
    const double half_log_2pi = 0.5 * std::log(2.0 * std::numbers::pi);
    for (std::size_t s = 0; s < k; ++s) {
        const auto eps = ws.eps.middleRows(static_cast<Eigen::Index>(s) * n, n);
        ws.z = (mean.array() + std_dev * eps.array()).matrix();
        const Matrix& logits = model.decode_raw(ws.z, ws.vae);
        reconstruction_nll<float>(likelihood, x, logits, model.log_sigma(), 1.0f, nullptr, {},
                                  &ws.nll_per_row);
        for (Eigen::Index i = 0; i < n; ++i) {
            double log_pz = 0.0;
            double log_qz = 0.0;
            for (Eigen::Index d = 0; d < latent; ++d) {
                const double z = ws.z(i, d);
                const double e = eps(i, d);
                log_pz += -0.5 * z * z - half_log_2pi;
                log_qz += -0.5 * e * e - half_log_2pi - 0.5 * static_cast<double>(logvar(i, d));
            }
            ws.log_weights(i, static_cast<Eigen::Index>(s)) =
                -static_cast<double>(ws.nll_per_row(i)) + log_pz - log_qz;
        }
    }
    result.iwae = 0.0;
    std::vector<double> row(k);
    for (Eigen::Index i = 0; i < n; ++i) {
        for (std::size_t s = 0; s < k; ++s)
            row[s] = ws.log_weights(i, static_cast<Eigen::Index>(s));
        result.iwae += log_mean_exp(row.data(), k);
    }
}

} // namespace

EvaluationResult evaluate_vae(const VaeModel& model, const Eigen::Ref<const Matrix>& data,
                              const EvaluationOptions& options) {
    if (static_cast<std::size_t>(data.cols()) != model.input_dim())
        throw std::invalid_argument("the data has " + std::to_string(data.cols()) +
                                    " columns but the model expects " +
                                    std::to_string(model.input_dim()));
    const auto rows = static_cast<std::size_t>(data.rows());
    if (rows == 0)
        throw std::invalid_argument("no rows to evaluate");
    const std::size_t batch = std::max<std::size_t>(options.batch_size, 1);
    const std::size_t batches = (rows + batch - 1) / batch;
    const std::size_t latent = model.latent_dim();

    std::vector<BatchResult> results(batches);
    Matrix means(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(latent));
    WorkerPool pool(std::min(std::max<std::size_t>(options.threads, 1), batches));
    std::atomic<bool> stopped{false};
    std::atomic<std::size_t> done{0};
    pool.run([&](std::size_t t) {
        EvalWorkspace ws;
        Matrix batch_means;
        for (std::size_t b = t; b < batches; b += pool.size()) {
            if (stopped.load() || (options.stop && options.stop())) {
                stopped.store(true);
                return;
            }
            const std::size_t begin = b * batch;
            const auto n = static_cast<Eigen::Index>(std::min(batch, rows - begin));
            const auto x = data.middleRows(static_cast<Eigen::Index>(begin), n);
            evaluate_batch(model, x, options, b, ws, batch_means, results[b]);
            means.middleRows(static_cast<Eigen::Index>(begin), n) = batch_means;
            done.fetch_add(1);
        }
    });

    EvaluationResult r;
    r.batches = done.load();
    if (stopped.load()) {
        r.stopped = true;
        return r;
    }
    r.samples = rows;
    r.kl_per_dim.assign(latent, 0.0);
    double iwae = 0.0;
    for (const BatchResult& b : results) {
        r.recon += b.recon;
        iwae += b.iwae;
        for (std::size_t d = 0; d < latent; ++d)
            r.kl_per_dim[d] += b.kl_per_dim[d];
    }
    const auto count = static_cast<double>(rows);
    r.recon /= count;
    for (double& kl : r.kl_per_dim) {
        kl /= count;
        r.kl += kl;
    }
    r.elbo = -(r.recon + r.kl);
    if (options.iwae_samples > 0)
        r.iwae = iwae / count;

    // Activity of each unit: variance over the data of its posterior mean (two-pass, double).
    r.mean_variance.assign(latent, 0.0);
    for (std::size_t d = 0; d < latent; ++d) {
        const auto column = means.col(static_cast<Eigen::Index>(d)).cast<double>();
        const double mu = column.mean();
        r.mean_variance[d] = (column.array() - mu).square().sum() / count;
        if (is_active_unit(r.mean_variance[d], options.active_threshold))
            ++r.active_units;
    }
    return r;
}

} // namespace vae
