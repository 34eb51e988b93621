#include "vae/training_step.h"

#include "nn/gemm.h"
#include "nn/gradient_norm.h"
#include "nn/matrix_ops.h"
#include "nn/worker_pool.h"
#include "vae/adversarial_objective.h"
#include "vae/mmd_objective.h"
#include "vae/standard_normal_noise.h"
#include "vae/vae_objective.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace vae {

namespace {

int as_int(std::size_t n) {
    return static_cast<int>(n);
}

struct Range {
    std::size_t begin;
    std::size_t end;
};

Range part(std::size_t total, std::size_t index, std::size_t parts) {
    return {total * index / parts, total * (index + 1) / parts};
}

// Backward through one linear head: dW = H^T dOut, db = 1^T dOut, and dH (+)= dOut W^T.
void head_backward(const DenseLayer& head, std::span<const float> params, const Matrix& h_in,
                   const Eigen::Ref<const Matrix>& h_ref, bool use_ref, const Matrix& d_out,
                   std::span<float> grads, Matrix& d_h, bool accumulate) {
    const float* h_data = use_ref ? h_ref.data() : h_in.data();
    const int ldh = use_ref ? static_cast<int>(h_ref.outerStride()) : static_cast<int>(h_in.cols());
    const auto rows = static_cast<int>(d_out.rows());
    const int l = as_int(head.outputs);
    gemm(Transpose::Yes, Transpose::No, as_int(head.inputs), l, rows, h_data, ldh, d_out.data(), l,
         grads.data() + head.offset, l, false);
    Eigen::Map<Eigen::Array<float, 1, Eigen::Dynamic>> db(grads.data() + head.bias_offset(), l);
    db = d_out.array().colwise().sum();
    gemm(Transpose::No, Transpose::Yes, rows, as_int(head.inputs), l, d_out.data(), l,
         params.data() + head.offset, l, d_h.data(), as_int(head.inputs), accumulate);
}

} // namespace

// A shard's VAE-GAN scratch: reused every step, sized on first use.
struct TrainingStep::GanShard {
    DiscriminatorWorkspace ws;
    Matrix zz;           ///< 2n x L: the shard's posterior samples, then its prior samples
    Matrix d_recon;      ///< n x D: the reconstruction term's gradient on the decoder output
    Matrix scored;       ///< 3n x D: data, reconstructions, prior samples (data units)
    Matrix d_logits;     ///< 3n x 1
    Matrix d_features;   ///< 3n x H: feature matching's gradient (reconstruction rows only)
    Matrix d_matched;    ///< n x H
    Matrix d_scored;     ///< 3n x D
    AlignedFloats grads; ///< the discriminator's gradient from this shard
    double loss = 0, real = 0, fake = 0, adversarial = 0, matched = 0; ///< sums
};

TrainingStep::TrainingStep(VaeModel model, const TrainingStepConfig& config)
    : model_(std::move(model)), optimizer_(model_.parameters().size(), config.optimizer),
      seed_(config.seed) {
    const std::size_t threads = config.threads > 0 ? config.threads : WorkerPool::default_threads();
    pool_ = std::make_unique<WorkerPool>(threads);
    workspaces_.resize(threads);
    gradients_.assign(threads, AlignedFloats(model_.parameters().size(), 0.0f));
    kl_sums_.assign(threads, std::vector<double>(model_.latent_dim(), 0.0));
    recon_sums_.assign(threads, 0.0);
    clamped_counts_.assign(threads, 0);
    norm_parts_.assign(threads, 0.0);
    if (config.discriminator) {
        DiscriminatorArchitecture a;
        a.input_dim = model_.input_dim();
        a.hidden = config.discriminator->hidden;
        a.conv = config.discriminator->conv;
        if (!a.conv.empty())
            a.image = model_.architecture().image;
        a.activation = config.discriminator->activation;
        discriminator_ = std::make_unique<Discriminator>(a, config.seed);
        const std::size_t count = discriminator_->parameters().size();
        discriminator_optimizer_ = AdamOptimizer(count, config.discriminator->optimizer);
        gan_.resize(threads);
        for (GanShard& g : gan_)
            g.grads.assign(count, 0.0f);
    }
}

std::span<const float> TrainingStep::discriminator_gradient() const {
    if (gan_.empty())
        return {};
    return gan_[0].grads;
}

void TrainingStep::gan_shard(std::size_t s, const Eigen::Ref<const Matrix>& x, Eigen::Index begin,
                             const StepOptions& options, double inv_rows) {
    const VaeModel& model = model_;
    const Discriminator& disc = *discriminator_;
    VaeWorkspace& ws = workspaces_[s];
    GanShard& g = gan_[s];
    const Eigen::Index n = x.rows();
    const Eigen::Index dim = x.cols();

    // One decoder pass over the reconstructions' and the prior samples' codes.
    ensure_shape(g.zz, 2 * n, ws.z.cols());
    g.zz.topRows(n) = ws.z;
    g.zz.bottomRows(n) = prior_.middleRows(begin, n);
    const Matrix& output = model.decode_raw(g.zz, ws);
    std::span<float> d_log_sigma =
        std::span<float>(gradients_[s])
            .subspan(model.log_sigma_offset(), model.learned_log_sigma_count());
    std::fill(d_log_sigma.begin(), d_log_sigma.end(), 0.0f);
    const bool bernoulli = model.architecture().likelihood == Likelihood::Bernoulli;
    recon_sums_[s] = reconstruction_nll<float>(
        model.architecture().likelihood, x, output.topRows(n), model.log_sigma(),
        static_cast<float>(inv_rows), &g.d_recon, d_log_sigma);

    // The discriminator scores the data and the fakes in data units.
    ensure_shape(g.scored, 3 * n, dim);
    g.scored.topRows(n) = x;
    if (bernoulli)
        g.scored.bottomRows(2 * n).array() = output.array().logistic();
    else
        g.scored.bottomRows(2 * n) = output;
    const Matrix& logits = disc.forward(g.scored, g.ws);
    const auto count = static_cast<std::size_t>(n);
    const std::span<const float> real_logits(logits.data(), count);
    const std::span<const float> fake_logits(logits.data() + count, 2 * count);
    ensure_shape(g.d_logits, 3 * n, 1);
    const std::span<float> d_real(g.d_logits.data(), count);
    const std::span<float> d_fake(g.d_logits.data() + count, 2 * count);
    const auto per_real = static_cast<float>(inv_rows);
    const auto per_fake = static_cast<float>(0.5 * inv_rows);

    // Its own loss: real as 1, fakes as 0; real and fakes weigh the same.
    g.loss = bce_with_logits<float>(real_logits, true, per_real, d_real) +
             bce_with_logits<float>(fake_logits, false, per_fake, d_fake);
    g.real = g.fake = 0.0;
    for (const float l : real_logits)
        g.real += 1.0 / (1.0 + std::exp(-static_cast<double>(l)));
    for (const float l : fake_logits)
        g.fake += 1.0 / (1.0 + std::exp(-static_cast<double>(l)));
    disc.backward(g.scored, g.ws, g.d_logits, nullptr, g.grads, nullptr);

    // The generator's: -log D(x~) on the fakes (non-saturating), and feature matching on the
    // reconstructions, back through the same forward pass to the fakes.
    g.adversarial = bce_with_logits<float>(fake_logits, true, 1.0f, d_fake);
    for (float& d : d_fake)
        d *= options.adversarial_weight * per_fake;
    std::fill(d_real.begin(), d_real.end(), 0.0f);
    const bool matching = options.feature_matching_weight != 0.0f;
    g.matched = 0.0;
    if (matching) {
        const Matrix& f = disc.feature_output(g.ws);
        g.matched = feature_matching<float>(f.topRows(n), f.middleRows(n, n), 1.0f, &g.d_matched);
        ensure_shape(g.d_features, 3 * n, f.cols());
        g.d_features.setZero();
        g.d_features.middleRows(n, n) = (options.feature_matching_weight * per_real) * g.d_matched;
    }
    // Only dL/dx is wanted here: no parameter gradients, which the generator's step would drop.
    disc.backward(g.scored, g.ws, g.d_logits, matching ? &g.d_features : nullptr, {}, &g.d_scored);

    // Into the decoder's raw output (logits for Bernoulli: d sigmoid = p (1 - p)).
    ensure_shape(ws.d_output, 2 * n, dim);
    if (bernoulli)
        ws.d_output.array() = g.d_scored.bottomRows(2 * n).array() *
                              g.scored.bottomRows(2 * n).array() *
                              (1.0f - g.scored.bottomRows(2 * n).array());
    else
        ws.d_output = g.d_scored.bottomRows(2 * n);
    ws.d_output.topRows(n) += g.d_recon;
}

TrainingStep::~TrainingStep() = default;

std::size_t TrainingStep::threads() const {
    return pool_->size();
}

StepReport TrainingStep::forward_backward(const Eigen::Ref<const Matrix>& batch,
                                          const StepOptions& options, std::uint64_t noise_stream) {
    if (static_cast<std::size_t>(batch.cols()) != model_.input_dim())
        throw std::invalid_argument("the batch has " + std::to_string(batch.cols()) +
                                    " columns but the model expects " +
                                    std::to_string(model_.input_dim()));
    const auto rows = static_cast<std::size_t>(batch.rows());
    if (rows == 0)
        throw std::invalid_argument("the batch is empty");
    const std::size_t latent = model_.latent_dim();
    const std::size_t threads = pool_->size();
    const std::size_t shards = std::min(threads, rows);
    const VaeModel& model = model_;
    const std::span<const float> params = model.parameters();

    // The noise of the whole batch, drawn before the split: independent of the thread count.
    ensure_shape(eps_, static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(latent));
    fill_standard_normal(seed_, noise_stream, eps_);

    const bool mmd_active = options.mmd_weight != 0.0f;
    const bool gan_active = discriminator_ != nullptr;
    if (!gan_active &&
        (options.adversarial_weight != 0.0f || options.feature_matching_weight != 0.0f))
        throw std::invalid_argument(
            "adversarial and feature-matching weights need a discriminator (VAE-GAN)");
    if (mmd_active || gan_active) {
        ensure_shape(prior_, static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(latent));
        fill_standard_normal(seed_, prior_sample_stream(noise_stream), prior_);
    }
    if (mmd_active)
        ensure_shape(z_all_, static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(latent));

    // Phase 1: encoder forward, z = mean + exp(logvar / 2) * eps, and per-dimension KL sums of
    // each shard.
    auto encode_shard = [&](std::size_t s) {
        if (s >= shards)
            return;
        const Range r = part(rows, s, shards);
        const auto n = static_cast<Eigen::Index>(r.end - r.begin);
        const auto x = batch.middleRows(static_cast<Eigen::Index>(r.begin), n);
        VaeWorkspace& ws = workspaces_[s];
        model.encode_into_workspace(x, ws);
        std::fill(kl_sums_[s].begin(), kl_sums_[s].end(), 0.0);
        add_kl_per_dim<float>(ws.mean, ws.logvar, kl_sums_[s]);
        const auto eps = eps_.middleRows(static_cast<Eigen::Index>(r.begin), n);
        ensure_shape(ws.z, n, ws.mean.cols());
        ws.z.array() = ws.mean.array() + (0.5f * ws.logvar.array()).exp() * eps.array();
        if (mmd_active)
            z_all_.middleRows(static_cast<Eigen::Index>(r.begin), n) = ws.z;
    };

    // Free bits need the KL of each dimension over the whole batch before any KL gradient, and
    // the MMD needs every row's z, so the encoder pass of every shard must end first; without
    // them the weights are known now and both phases run in one hand-over.
    const bool floor_active = options.free_bits > 0.0f;
    std::vector<float> kl_weight(latent,
                                 static_cast<float>(options.beta / static_cast<double>(rows)));
    StepReport report;
    report.kl_per_dim.assign(latent, 0.0);
    auto sum_kl = [&] {
        for (std::size_t s = 0; s < shards; ++s)
            for (std::size_t d = 0; d < latent; ++d)
                report.kl_per_dim[d] += kl_sums_[s][d];
        for (std::size_t d = 0; d < latent; ++d) {
            report.kl_per_dim[d] /= static_cast<double>(rows);
            report.kl += report.kl_per_dim[d];
            kl_weight[d] = static_cast<float>(
                free_bits_weight(report.kl_per_dim[d], options.beta, options.free_bits, rows));
        }
    };

    // Phase 2: sample z, decoder forward, reconstruction loss, backward through everything.
    const double inv_rows_d = 1.0 / static_cast<double>(rows);
    const auto inv_rows = static_cast<float>(inv_rows_d);
    const std::size_t sigma_count = model.learned_log_sigma_count();
    auto backward_shard = [&](std::size_t s) {
        if (s >= shards)
            return;
        const Range r = part(rows, s, shards);
        const auto n = static_cast<Eigen::Index>(r.end - r.begin);
        const auto x = batch.middleRows(static_cast<Eigen::Index>(r.begin), n);
        VaeWorkspace& ws = workspaces_[s];
        std::span<float> grads = gradients_[s];
        const auto eps = eps_.middleRows(static_cast<Eigen::Index>(r.begin), n);

        if (gan_active) {
            gan_shard(s, x, static_cast<Eigen::Index>(r.begin), options, inv_rows_d);
            model.decoder().backward(params, gan_[s].zz, ws.decoder, ws.d_output, grads, &ws.d_z);
        } else {
            const Matrix& output = model.decode_raw(ws.z, ws);
            std::span<float> d_log_sigma = grads.subspan(model.log_sigma_offset(), sigma_count);
            std::fill(d_log_sigma.begin(), d_log_sigma.end(), 0.0f);
            recon_sums_[s] =
                reconstruction_nll<float>(model.architecture().likelihood, x, output,
                                          model.log_sigma(), inv_rows, &ws.d_output, d_log_sigma);
            model.decoder().backward(params, ws.z, ws.decoder, ws.d_output, grads, &ws.d_z);
        }
        // With a discriminator d_z also holds the prior samples' rows below the shard's own.
        auto d_z = ws.d_z.topRows(n);
        if (mmd_active)
            d_z += d_mmd_.middleRows(static_cast<Eigen::Index>(r.begin), n);

        // z = mean + exp(logvar / 2) * eps: dz/dmean = 1, dz/dlogvar = exp(logvar / 2) eps / 2.
        ensure_shape(ws.d_mean, n, ws.mean.cols());
        ensure_shape(ws.d_logvar, n, ws.mean.cols());
        ws.d_mean = d_z;
        ws.d_logvar.array() = d_z.array() * eps.array() * 0.5f * (0.5f * ws.logvar.array()).exp();
        add_kl_gradient<float>(ws.mean, ws.logvar, kl_weight, ws.d_mean, ws.d_logvar);
        // The clamp of logvar (VaeModel::encode_into_workspace) passes no gradient to the head.
        std::size_t clamped = 0;
        for (Eigen::Index i = 0; i < ws.logvar.size(); ++i)
            if (logvar_clamped(ws.logvar.data()[i])) {
                ws.d_logvar.data()[i] = 0.0f;
                ++clamped;
            }
        clamped_counts_[s] = clamped;

        const bool no_hidden = model.encoder().layers().empty();
        const Matrix& h = no_hidden ? ws.d_mean /* unused */ : ws.encoder.post.back();
        ensure_shape(ws.d_hidden, n, static_cast<Eigen::Index>(model.mean_head().inputs));
        head_backward(model.mean_head(), params, h, x, no_hidden, ws.d_mean, grads, ws.d_hidden,
                      false);
        head_backward(model.logvar_head(), params, h, x, no_hidden, ws.d_logvar, grads, ws.d_hidden,
                      true);
        if (!no_hidden)
            model.encoder().backward(params, x, ws.encoder, ws.d_hidden, grads, nullptr);
    };
    if (floor_active || mmd_active) {
        pool_->run(encode_shard);
        sum_kl();
        if (mmd_active)
            report.mmd = mmd_rbf<float>(z_all_, prior_, static_cast<float>(mmd_bandwidth(latent)),
                                        options.mmd_weight, &d_mmd_);
        pool_->run(backward_shard);
    } else {
        pool_->run([&](std::size_t s) {
            encode_shard(s);
            backward_shard(s);
        });
        sum_kl();
    }

    double recon = 0.0;
    for (std::size_t s = 0; s < shards; ++s)
        recon += recon_sums_[s];
    report.recon = recon / static_cast<double>(rows);
    for (std::size_t s = 0; s < shards; ++s)
        report.clamped_logvar += clamped_counts_[s];
    report.floored_log_sigma = model.floored_log_sigma_count();
    report.loss = report.recon + free_bits_kl(report.kl_per_dim, options.beta, options.free_bits) +
                  static_cast<double>(options.mmd_weight) * report.mmd;
    if (gan_active) {
        GanShard& total = gan_[0];
        double loss = 0, real = 0, fake = 0, adversarial = 0, matched = 0;
        for (std::size_t s = 0; s < shards; ++s) {
            const GanShard& g = gan_[s];
            loss += g.loss;
            real += g.real;
            fake += g.fake;
            adversarial += g.adversarial;
            matched += g.matched;
            if (s > 0)
                for (std::size_t i = 0; i < total.grads.size(); ++i)
                    total.grads[i] += g.grads[i];
        }
        report.discriminator_loss = loss;
        report.d_real = real * inv_rows_d;
        report.d_fake = fake * 0.5 * inv_rows_d;
        report.adversarial = adversarial * 0.5 * inv_rows_d;
        report.feature_matching = matched * inv_rows_d;
        report.loss +=
            static_cast<double>(options.adversarial_weight) * report.adversarial +
            static_cast<double>(options.feature_matching_weight) * report.feature_matching;
    }

    // Phase 3: sum the shards' gradients in shard order (deterministic) and their squared norm,
    // each thread over its own slice of the parameters.
    const std::size_t count = gradients_[0].size();
    pool_->run([&](std::size_t t) {
        const Range r = part(count, t, threads);
        float* total = gradients_[0].data();
        for (std::size_t s = 1; s < shards; ++s) {
            const float* g = gradients_[s].data();
            for (std::size_t i = r.begin; i < r.end; ++i)
                total[i] += g[i];
        }
        norm_parts_[t] = squared_norm(gradients_[0], r.begin, r.end);
    });
    double squared = 0.0;
    for (std::size_t t = 0; t < threads; ++t)
        squared += norm_parts_[t];
    report.grad_norm = std::sqrt(squared);
    report.finite = std::isfinite(report.loss) && std::isfinite(report.grad_norm) &&
                    std::isfinite(report.discriminator_loss);
    return report;
}

StepReport TrainingStep::compute_gradient(const Eigen::Ref<const Matrix>& batch,
                                          const StepOptions& options) {
    return forward_backward(batch, options, steps_);
}

StepReport TrainingStep::step(const Eigen::Ref<const Matrix>& batch, const StepOptions& options) {
    StepReport report = forward_backward(batch, options, steps_);
    ++steps_;
    if (!std::isfinite(options.learning_rate))
        report.finite = false; // an update with it could only poison the weights
    if (!report.finite)
        return report;
    const float scale = clip_scale(report.grad_norm, options.clip_norm);
    optimizer_.begin_step();
    const std::size_t count = gradients_[0].size();
    const std::size_t threads = pool_->size();
    const std::span<float> params = model_.mutable_parameters();
    pool_->run([&](std::size_t t) {
        const Range r = part(count, t, threads);
        optimizer_.apply(params, gradients_[0], options.learning_rate, scale, r.begin, r.end);
    });
    if (discriminator_) {
        // The discriminator learns from the same pass, after the generator's gradient was taken
        // with its old weights.
        discriminator_optimizer_.begin_step();
        const std::span<float> d_params = discriminator_->mutable_parameters();
        const std::size_t d_count = d_params.size();
        pool_->run([&](std::size_t t) {
            const Range r = part(d_count, t, threads);
            discriminator_optimizer_.apply(
                d_params, gan_[0].grads, options.discriminator_learning_rate, 1.0f, r.begin, r.end);
        });
    }
    return report;
}

StepReport TrainingStep::step(const Matrix& data, std::span<const std::size_t> rows,
                              const StepOptions& options) {
    for (const std::size_t r : rows)
        if (r >= static_cast<std::size_t>(data.rows()))
            throw std::out_of_range("row " + std::to_string(r) + " of a dataset of " +
                                    std::to_string(data.rows()) + " rows");
    gather_rows(data, rows, gathered_);
    return step(gathered_, options);
}

TrainingCheckpoint TrainingStep::checkpoint() const {
    TrainingCheckpoint c;
    c.parameters.assign(model_.parameters().begin(), model_.parameters().end());
    c.optimizer = optimizer_.state();
    c.steps = steps_;
    if (discriminator_) {
        c.discriminator.assign(discriminator_->parameters().begin(),
                               discriminator_->parameters().end());
        c.discriminator_optimizer = discriminator_optimizer_.state();
    }
    return c;
}

void TrainingStep::restore(const TrainingCheckpoint& checkpoint) {
    const std::span<float> params = model_.mutable_parameters();
    if (checkpoint.parameters.size() != params.size())
        throw std::invalid_argument("the checkpoint has " +
                                    std::to_string(checkpoint.parameters.size()) +
                                    " parameters but the model " + std::to_string(params.size()));
    if (discriminator_) {
        const std::span<float> d_params = discriminator_->mutable_parameters();
        if (checkpoint.discriminator.size() != d_params.size())
            throw std::invalid_argument("the checkpoint has no weights for this discriminator");
        discriminator_optimizer_.set_state(checkpoint.discriminator_optimizer);
        std::copy(checkpoint.discriminator.begin(), checkpoint.discriminator.end(),
                  d_params.begin());
    }
    optimizer_.set_state(checkpoint.optimizer);
    std::copy(checkpoint.parameters.begin(), checkpoint.parameters.end(), params.begin());
    steps_ = checkpoint.steps;
}

} // namespace vae
