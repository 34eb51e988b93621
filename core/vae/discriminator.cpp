#include "vae/discriminator.h"

#include "data/seeded_random.h"

#include <stdexcept>
#include <utility>

namespace vae {

std::string discriminator_architecture_error(const DiscriminatorArchitecture& a) {
    if (a.input_dim < 1)
        return "the discriminator's input dimension is 0";
    if (a.hidden.empty() || a.hidden.size() > 16)
        return "the discriminator needs 1 to 16 hidden layers (got " +
               std::to_string(a.hidden.size()) + ")";
    for (const std::size_t w : a.hidden)
        if (w < 1 || w > 16384)
            return "discriminator layer widths must be from 1 to 16384 (got " + std::to_string(w) +
                   ")";
    if (a.conv.empty())
        return {};
    // The conv layers' checks are the VAE's; the mirror a VAE needs is checked too, which
    // costs a discriminator nothing on the shapes the presets use.
    VaeArchitecture as_vae;
    as_vae.input_dim = a.input_dim;
    as_vae.conv = a.conv;
    as_vae.image = a.image;
    if (std::string e = architecture_error(as_vae); !e.empty())
        return "the discriminator's " + e;
    return {};
}

namespace {

void check(const DiscriminatorArchitecture& a) {
    if (const std::string e = discriminator_architecture_error(a); !e.empty())
        throw std::invalid_argument("invalid discriminator: " + e);
}

} // namespace

Discriminator::Discriminator(const DiscriminatorArchitecture& a, std::uint64_t seed)
    : architecture_(a) {
    check(a);
    build_layout();
    parameters_.assign(parameter_count(a), 0.0f);
    SeededRandom rng(seed, 0xd15c);
    conv_.initialize(parameters_, rng);
    dense_.initialize(parameters_, rng);
    LayerStack({head_}).initialize(parameters_, rng);
}

Discriminator::Discriminator(const DiscriminatorArchitecture& a, std::vector<float> parameters)
    : architecture_(a), parameters_(parameters.begin(), parameters.end()) {
    check(a);
    build_layout();
    if (parameters_.size() != parameter_count(a))
        throw std::invalid_argument("the discriminator has " + std::to_string(parameters_.size()) +
                                    " parameters but its architecture needs " +
                                    std::to_string(parameter_count(a)));
}

namespace {

struct Layout {
    LayerStack conv;
    LayerStack dense;
    DenseLayer head;
};

Layout layout_of(const DiscriminatorArchitecture& a) {
    Layout l;
    std::vector<Layer> conv;
    std::size_t offset = 0;
    std::size_t width = a.input_dim;
    VaeArchitecture as_vae;
    as_vae.conv = a.conv;
    as_vae.image = a.image;
    for (const ConvGeometry& g : conv_geometries(as_vae)) {
        const Conv2dLayer layer{g, offset, a.activation};
        conv.emplace_back(layer);
        offset = layer.end_offset();
        width = layer.outputs();
    }
    l.conv = LayerStack(std::move(conv));
    l.dense = LayerStack(width, a.hidden, a.activation, a.activation, offset);
    l.head = DenseLayer{a.hidden.back(), 1, l.dense.end_offset(), std::nullopt};
    return l;
}

} // namespace

std::size_t Discriminator::parameter_count(const DiscriminatorArchitecture& a) {
    if (!discriminator_architecture_error(a).empty())
        return 0;
    return layout_of(a).head.end_offset();
}

std::size_t Discriminator::feature_count() const {
    return conv_.layers().empty() ? architecture_.hidden.back() : conv_.outputs();
}

void Discriminator::build_layout() {
    Layout l = layout_of(architecture_);
    conv_ = std::move(l.conv);
    dense_ = std::move(l.dense);
    head_ = l.head;
}

const Matrix& Discriminator::forward(const Eigen::Ref<const Matrix>& x,
                                     DiscriminatorWorkspace& ws) const {
    const Matrix* h = nullptr;
    if (!conv_.layers().empty())
        h = &conv_.forward(parameters_, x, ws.conv);
    const Matrix& f =
        h ? dense_.forward(parameters_, *h, ws.dense) : dense_.forward(parameters_, x, ws.dense);
    dense_forward(head_, parameters_, f, ws.head_pre, ws.logits);
    return ws.logits;
}

void Discriminator::backward(const Eigen::Ref<const Matrix>& x, DiscriminatorWorkspace& ws,
                             Matrix& d_logits, const Matrix* d_features, std::span<float> grads,
                             Matrix* d_input) const {
    const bool has_conv = !conv_.layers().empty();
    const Matrix& f = ws.dense.post.back();
    dense_backward(head_, parameters_, f, ws.head_pre, ws.logits, d_logits, grads, &ws.d_features);
    if (!has_conv) {
        if (d_features != nullptr)
            ws.d_features += *d_features;
        dense_.backward(parameters_, x, ws.dense, ws.d_features, grads, d_input);
        return;
    }
    const Matrix& h = ws.conv.post.back();
    dense_.backward(parameters_, h, ws.dense, ws.d_features, grads, &ws.d_conv);
    if (d_features != nullptr)
        ws.d_conv += *d_features;
    conv_.backward(parameters_, x, ws.conv, ws.d_conv, grads, d_input);
}

} // namespace vae
