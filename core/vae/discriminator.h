#pragma once

#include "data/dataset.h"
#include "nn/activation.h"
#include "nn/aligned_vector.h"
#include "nn/dense_layer.h"
#include "nn/layer_stack.h"
#include "vae/vae_architecture.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace vae {

/// The shape of a VAE-GAN discriminator: input_dim -> [conv layers on the image ->]
/// hidden... (activation each) -> 1 logit (linear). The features of feature matching are the
/// last conv layer's outputs when there are conv layers (Larsen et al. 2016 match a conv layer
/// of the discriminator: "Autoencoding beyond pixels using a learned similarity metric"), else
/// the last hidden layer's.
struct DiscriminatorArchitecture {
    std::size_t input_dim = 0;
    std::vector<ConvStage> conv;                  ///< on `image`; empty: an MLP
    ImageGeometry image;                          ///< what the conv layers read
    std::vector<std::size_t> hidden = {256, 128}; ///< at least one layer
    Activation activation = Activation::LeakyReLU;

    friend bool operator==(const DiscriminatorArchitecture&,
                           const DiscriminatorArchitecture&) = default;
};

/// Empty when `a` can be built, else what to change.
std::string discriminator_architecture_error(const DiscriminatorArchitecture& a);

/// Per-caller scratch of Discriminator::forward/backward; one per thread, sized on first use.
struct DiscriminatorWorkspace {
    LayerStackWorkspace conv;  ///< the conv layers' (unused without)
    LayerStackWorkspace dense; ///< the hidden layers'
    Matrix d_conv;             ///< dL/d(conv output)
    Matrix head_pre;           ///< unused by the linear head
    Matrix logits;             ///< m x 1
    Matrix d_features;
};

/// A network that tells data (logit > 0) from generated samples, in data units (the Bernoulli
/// means, not logits). Owns its parameters, one contiguous float vector: the conv layers',
/// the hidden layers' weights and biases in order (each W row-major, inputs x outputs; conv
/// weights as Conv2dLayer documents), then the head's.
/// A value type; const methods are safe from several threads, each with its own workspace.
class Discriminator {
public:
    /// Fresh weights (He normal, zero biases) from `seed`. Throws std::invalid_argument when
    /// discriminator_architecture_error(a) is not empty.
    Discriminator(const DiscriminatorArchitecture& a, std::uint64_t seed);
    /// Given weights; throws std::invalid_argument on a size mismatch.
    Discriminator(const DiscriminatorArchitecture& a, std::vector<float> parameters);

    static std::size_t parameter_count(const DiscriminatorArchitecture& a);

    [[nodiscard]] const DiscriminatorArchitecture& architecture() const { return architecture_; }
    [[nodiscard]] std::span<const float> parameters() const { return parameters_; }
    [[nodiscard]] std::span<float> mutable_parameters() { return parameters_; }
    [[nodiscard]] const LayerStack& conv() const { return conv_; }
    [[nodiscard]] const LayerStack& dense() const { return dense_; }
    [[nodiscard]] const DenseLayer& head() const { return head_; }
    /// Width of feature_output(): the last conv layer's outputs, else the last hidden layer's.
    [[nodiscard]] std::size_t feature_count() const;

    /// x: m x input_dim. Returns the logits (m x 1), a reference into ws; the features are
    /// feature_output(ws) until ws is used again.
    const Matrix& forward(const Eigen::Ref<const Matrix>& x, DiscriminatorWorkspace& ws) const;
    [[nodiscard]] const Matrix& feature_output(const DiscriminatorWorkspace& ws) const {
        return conv_.layers().empty() ? ws.dense.post.back() : ws.conv.post.back();
    }
    /// After forward() with the same x and ws (which it leaves usable for another backward).
    /// d_logits: dL/dlogit (m x 1, consumed). d_features: dL/dfeatures added at the feature
    /// layer (m x feature_count()), or nullptr. Overwrites `grads` (size parameter_count()) with
    /// dL/dparams, or, when it is empty, computes none (the generator's pass needs only dL/dx);
    /// d_input (optional) receives dL/dx (m x input_dim).
    void backward(const Eigen::Ref<const Matrix>& x, DiscriminatorWorkspace& ws, Matrix& d_logits,
                  const Matrix* d_features, std::span<float> grads, Matrix* d_input) const;

private:
    void build_layout();

    DiscriminatorArchitecture architecture_;
    AlignedFloats parameters_;
    LayerStack conv_;
    LayerStack dense_;
    DenseLayer head_;
};

} // namespace vae
