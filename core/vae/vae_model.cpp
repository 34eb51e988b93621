#include "vae/vae_model.h"

#include "data/seeded_random.h"
#include "nn/matrix_ops.h"
#include "vae/vae_objective.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>

namespace vae {

namespace {

void check(const VaeArchitecture& architecture) {
    const std::string error = architecture_error(architecture);
    if (!error.empty())
        throw std::invalid_argument("invalid VAE architecture: " + error);
}

std::size_t learned_sigmas(const VaeArchitecture& a) {
    switch (a.likelihood) {
    case Likelihood::GaussianLearned:
        return 1;
    case Likelihood::GaussianLearnedPerDim:
        return a.input_dim;
    case Likelihood::Bernoulli:
    case Likelihood::GaussianFixed:
        break;
    }
    return 0;
}

std::vector<std::size_t> decoder_widths(const VaeArchitecture& a) {
    std::vector<std::size_t> widths(a.hidden.rbegin(), a.hidden.rend());
    widths.push_back(a.input_dim);
    return widths;
}

} // namespace

VaeModel::VaeModel(const VaeArchitecture& architecture, std::uint64_t seed)
    : architecture_(architecture) {
    check(architecture_);
    build_layout();
    parameters_.assign(parameter_count(architecture_), 0.0f);
    SeededRandom rng(seed, 0x5eed);
    encoder_.initialize(parameters_, rng);
    LayerStack({mean_head_}).initialize(parameters_, rng);
    LayerStack({logvar_head_}).initialize(parameters_, rng);
    decoder_.initialize(parameters_, rng);
    for (std::size_t i = 0; i < learned_log_sigma_count(); ++i)
        parameters_[log_sigma_offset_ + i] = fixed_log_sigma_;
}

VaeModel::VaeModel(const VaeArchitecture& architecture, std::vector<float> parameters)
    : architecture_(architecture), parameters_(parameters.begin(), parameters.end()) {
    check(architecture_);
    build_layout();
    const std::size_t expected = parameter_count(architecture_);
    if (parameters_.size() != expected)
        throw std::invalid_argument("the model has " + std::to_string(parameters_.size()) +
                                    " parameters but its architecture needs " +
                                    std::to_string(expected));
}

std::size_t VaeModel::parameter_count(const VaeArchitecture& a) {
    if (!architecture_error(a).empty())
        return 0;
    std::size_t n = 0;
    std::size_t previous = a.input_dim;
    for (const std::size_t width : a.hidden) {
        n += previous * width + width;
        previous = width;
    }
    n += 2 * (previous * a.latent_dim + a.latent_dim); // the two heads
    previous = a.latent_dim;
    for (const std::size_t width : decoder_widths(a)) {
        n += previous * width + width;
        previous = width;
    }
    return n + learned_sigmas(a);
}

void VaeModel::build_layout() {
    const VaeArchitecture& a = architecture_;
    encoder_ = LayerStack(a.input_dim, a.hidden, a.activation, a.activation, 0);
    const std::size_t h = a.hidden.empty() ? a.input_dim : a.hidden.back();
    const std::size_t heads = encoder_.layers().empty() ? 0 : encoder_.end_offset();
    mean_head_ = DenseLayer{h, a.latent_dim, heads, std::nullopt};
    logvar_head_ = DenseLayer{h, a.latent_dim, mean_head_.end_offset(), std::nullopt};
    decoder_ =
        LayerStack(a.latent_dim, decoder_widths(a), a.activation, std::nullopt, logvar_head_.end_offset());
    log_sigma_offset_ = decoder_.end_offset();
    fixed_log_sigma_ = std::log(a.sigma);
}

std::size_t VaeModel::learned_log_sigma_count() const {
    return learned_sigmas(architecture_);
}

std::span<const float> VaeModel::log_sigma() const {
    switch (architecture_.likelihood) {
    case Likelihood::Bernoulli:
        return {};
    case Likelihood::GaussianFixed:
        return {&fixed_log_sigma_, 1};
    case Likelihood::GaussianLearned:
    case Likelihood::GaussianLearnedPerDim:
        break;
    }
    return std::span<const float>(parameters_)
        .subspan(log_sigma_offset_, learned_log_sigma_count());
}

const Matrix& VaeModel::encoder_output(const Eigen::Ref<const Matrix>& x, VaeWorkspace& ws) const {
    return encoder_.forward(parameters_, x, ws.encoder);
}

void VaeModel::encode_into_workspace(const Eigen::Ref<const Matrix>& x, VaeWorkspace& ws) const {
    if (encoder_.layers().empty()) {
        dense_forward(mean_head_, parameters_, x, ws.head_pre, ws.mean);
        dense_forward(logvar_head_, parameters_, x, ws.head_pre, ws.logvar);
    } else {
        const Matrix& h = encoder_output(x, ws);
        dense_forward(mean_head_, parameters_, h, ws.head_pre, ws.mean);
        dense_forward(logvar_head_, parameters_, h, ws.head_pre, ws.logvar);
    }
    ws.logvar =
        ws.logvar.cwiseMax(static_cast<float>(kMinLogvar)).cwiseMin(static_cast<float>(kMaxLogvar));
}

std::size_t VaeModel::floored_log_sigma_count() const {
    const std::span<const float> ls = log_sigma();
    return static_cast<std::size_t>(
        std::count_if(ls.begin(), ls.end(), [](float v) { return log_sigma_floored(v); }));
}

void VaeModel::encode(const Eigen::Ref<const Matrix>& x, VaeWorkspace& ws, Matrix& mean,
                      Matrix& logvar) const {
    encode_into_workspace(x, ws);
    ensure_shape(mean, ws.mean.rows(), ws.mean.cols());
    ensure_shape(logvar, ws.logvar.rows(), ws.logvar.cols());
    mean = ws.mean;
    logvar = ws.logvar;
}

const Matrix& VaeModel::decode_raw(const Eigen::Ref<const Matrix>& z, VaeWorkspace& ws) const {
    return decoder_.forward(parameters_, z, ws.decoder);
}

void VaeModel::decode(const Eigen::Ref<const Matrix>& z, VaeWorkspace& ws, Matrix& output) const {
    const Matrix& raw = decode_raw(z, ws);
    ensure_shape(output, raw.rows(), raw.cols());
    if (architecture_.likelihood == Likelihood::Bernoulli)
        output.array() = raw.array().logistic();
    else
        output = raw;
}

} // namespace vae
