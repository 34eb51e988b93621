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
    features_.initialize(parameters_, rng);
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

std::size_t Discriminator::parameter_count(const DiscriminatorArchitecture& a) {
    if (!discriminator_architecture_error(a).empty())
        return 0;
    std::size_t n = 0;
    std::size_t previous = a.input_dim;
    for (const std::size_t w : a.hidden) {
        n += previous * w + w;
        previous = w;
    }
    return n + previous + 1;
}

void Discriminator::build_layout() {
    const auto& a = architecture_;
    features_ = LayerStack(a.input_dim, a.hidden, a.activation, a.activation, 0);
    head_ = DenseLayer{a.hidden.back(), 1, features_.end_offset(), std::nullopt};
}

const Matrix& Discriminator::forward(const Eigen::Ref<const Matrix>& x,
                                     DiscriminatorWorkspace& ws) const {
    const Matrix& f = features_.forward(parameters_, x, ws.features);
    dense_forward(head_, parameters_, f, ws.head_pre, ws.logits);
    return ws.logits;
}

void Discriminator::backward(const Eigen::Ref<const Matrix>& x, DiscriminatorWorkspace& ws,
                             Matrix& d_logits, const Matrix* d_features, std::span<float> grads,
                             Matrix* d_input) const {
    const Matrix& f = feature_output(ws);
    dense_backward(head_, parameters_, f, ws.head_pre, ws.logits, d_logits, grads, &ws.d_features);
    if (d_features != nullptr)
        ws.d_features += *d_features;
    features_.backward(parameters_, x, ws.features, ws.d_features, grads, d_input);
}

} // namespace vae
