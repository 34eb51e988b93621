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

/// Where every layer of a model of architecture `a` lives in the parameter vector.
struct Layout {
    LayerStack encoder;
    DenseLayer mean_head;
    DenseLayer logvar_head;
    LayerStack decoder;
    std::size_t log_sigma_offset = 0;
};

Layout layout_of(const VaeArchitecture& a) {
    std::vector<Layer> encoder;
    std::size_t offset = 0;
    std::size_t width = a.input_dim;
    const std::vector<ConvGeometry> convs = conv_geometries(a);
    for (const ConvGeometry& g : convs) {
        const Conv2dLayer layer{g, offset, a.activation};
        encoder.emplace_back(layer);
        offset = layer.end_offset();
        width = layer.outputs();
    }
    const std::size_t conv_width = width;
    for (const std::size_t w : a.hidden) {
        const DenseLayer layer{width, w, offset, a.activation};
        encoder.emplace_back(layer);
        offset = layer.end_offset();
        width = w;
    }
    Layout l;
    l.encoder = LayerStack(std::move(encoder));
    l.mean_head = DenseLayer{width, a.latent_dim, offset, std::nullopt};
    l.logvar_head = DenseLayer{width, a.latent_dim, l.mean_head.end_offset(), std::nullopt};
    offset = l.logvar_head.end_offset();

    // The decoder mirrors the encoder: dense widths reversed, then (for conv models) a dense
    // layer to the last conv's output and a transposed conv for each conv, in reverse.
    std::vector<Layer> decoder;
    std::vector<std::size_t> widths(a.hidden.rbegin(), a.hidden.rend());
    widths.push_back(conv_width);
    width = a.latent_dim;
    for (std::size_t i = 0; i < widths.size(); ++i) {
        const bool last = i + 1 == widths.size() && convs.empty();
        const DenseLayer layer{width, widths[i], offset,
                               last ? std::nullopt : std::optional<Activation>(a.activation)};
        decoder.emplace_back(layer);
        offset = layer.end_offset();
        width = widths[i];
    }
    for (std::size_t i = convs.size(); i-- > 0;) {
        const ConvGeometry& g = convs[i];
        const ConvGeometry mirror{g.out_height(), g.out_width(), g.out_channels, g.in_channels,
                                  g.kernel,       g.stride,      g.padding};
        const ConvTranspose2dLayer layer{
            mirror, offset, i == 0 ? std::nullopt : std::optional<Activation>(a.activation)};
        decoder.emplace_back(layer);
        offset = layer.end_offset();
    }
    l.decoder = LayerStack(std::move(decoder));
    l.log_sigma_offset = offset;
    return l;
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
    return layout_of(a).log_sigma_offset + learned_sigmas(a);
}

void VaeModel::build_layout() {
    Layout l = layout_of(architecture_);
    encoder_ = std::move(l.encoder);
    mean_head_ = l.mean_head;
    logvar_head_ = l.logvar_head;
    decoder_ = std::move(l.decoder);
    log_sigma_offset_ = l.log_sigma_offset;
    fixed_log_sigma_ = std::log(architecture_.sigma);
}

std::size_t VaeModel::forward_flops(const VaeArchitecture& a) {
    if (!architecture_error(a).empty())
        return 0;
    const Layout l = layout_of(a);
    return l.encoder.forward_flops() + 2 * 2 * l.mean_head.weight_count() +
           l.decoder.forward_flops();
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
