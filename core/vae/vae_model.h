#pragma once

#include "data/dataset.h"
#include "nn/aligned_vector.h"
#include "nn/dense_layer.h"
#include "nn/layer_stack.h"
#include "vae/vae_architecture.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace vae {

/// Per-caller scratch for VaeModel::encode/decode and the training step. Default-construct one
/// per thread; it sizes itself to the batch on first use and is reused without allocating while
/// the batch size stays the same. Not thread-safe: never share one between threads.
struct VaeWorkspace {
    LayerStackWorkspace encoder;
    LayerStackWorkspace decoder;
    Matrix head_pre; ///< unused by linear heads; kept for dense_forward's signature
    Matrix mean;     ///< B x L
    Matrix logvar;   ///< B x L
    Matrix z;        ///< B x L
    Matrix d_mean, d_logvar, d_z, d_hidden, d_output;
};

/// A VAE: architecture plus ONE contiguous float parameter vector. Layout of parameters(), in
/// order (each dense weight matrix row-major, inputs x outputs, followed by its bias; conv
/// weights as Conv2dLayer / ConvTranspose2dLayer document them):
///   encoder conv layers on the image (activation each), then dense layers -> hidden[0] -> ...
///   -> hidden.back() (activation each);
///   mean head -> latent_dim (linear); log-variance head, same shape;
///   decoder layers latent_dim -> hidden reversed ... -> input_dim (last one linear: logits for
///   Bernoulli, means for Gaussians); for conv models the last dense layer gives the last conv's
///   output (activation) and transposed convs mirror the convs back to the image;
///   log sigma: 1 value (GaussianLearned), input_dim values (GaussianLearnedPerDim), else none.
/// With no hidden layers the heads read the input and the decoder is one linear layer.
/// A value type (copy it to hand a snapshot to another thread). All const methods are safe to
/// call from several threads at once, each with its own VaeWorkspace.
class VaeModel {
public:
    /// A freshly initialised model (He/Xavier weights from `seed`, zero biases, log sigma =
    /// log(architecture.sigma)). Throws std::invalid_argument when architecture_error() is not
    /// empty.
    VaeModel(const VaeArchitecture& architecture, std::uint64_t seed);
    /// A model from saved parameters. Throws std::invalid_argument when the architecture is
    /// invalid or parameters.size() != parameter_count(architecture) (the message states both).
    VaeModel(const VaeArchitecture& architecture, std::vector<float> parameters);

    /// Number of floats in the parameter vector of a model of this architecture (0 if invalid).
    static std::size_t parameter_count(const VaeArchitecture& architecture);

    [[nodiscard]] const VaeArchitecture& architecture() const { return architecture_; }
    [[nodiscard]] std::span<const float> parameters() const { return parameters_; }
    /// Writable view for optimisers and rollbacks; the size never changes.
    [[nodiscard]] std::span<float> mutable_parameters() { return parameters_; }
    [[nodiscard]] std::size_t input_dim() const { return architecture_.input_dim; }
    /// FLOPs of one sample's forward pass through encoder, heads and decoder of a model of this
    /// architecture (0 if invalid); a training step costs about three times as much.
    static std::size_t forward_flops(const VaeArchitecture& architecture);
    [[nodiscard]] std::size_t latent_dim() const { return architecture_.latent_dim; }

    /// x: B x input_dim (stored units). mean and logvar receive B x latent_dim (resized if needed);
    /// logvar is clamped into [kMinLogvar, kMaxLogvar] (vae_objective.h).
    void encode(const Eigen::Ref<const Matrix>& x, VaeWorkspace& ws, Matrix& mean,
                Matrix& logvar) const;
    /// z: B x latent_dim. output receives B x input_dim in data (stored) units: the Bernoulli
    /// means sigmoid(logits), or the Gaussian means.
    void decode(const Eigen::Ref<const Matrix>& z, VaeWorkspace& ws, Matrix& output) const;
    /// Like decode(), but returns the decoder's raw output (logits for Bernoulli) as a reference
    /// into ws.decoder, valid until ws is used again.
    const Matrix& decode_raw(const Eigen::Ref<const Matrix>& z, VaeWorkspace& ws) const;
    /// Encoder forward pass writing ws.mean and ws.logvar (the training step's entry point).
    void encode_into_workspace(const Eigen::Ref<const Matrix>& x, VaeWorkspace& ws) const;

    /// The log standard deviations used by the Gaussian likelihoods: the learned ones (1 or
    /// input_dim values, a view into parameters()), or the single fixed log(sigma); empty for
    /// Bernoulli. The likelihood floors each at kMinLogSigma (vae_objective.h).
    [[nodiscard]] std::span<const float> log_sigma() const;
    /// How many of the log sigmas are held by that floor.
    [[nodiscard]] std::size_t floored_log_sigma_count() const;

    // The layout, for the training step and evaluation (offsets into parameters()).
    [[nodiscard]] const LayerStack& encoder() const { return encoder_; }
    [[nodiscard]] const DenseLayer& mean_head() const { return mean_head_; }
    [[nodiscard]] const DenseLayer& logvar_head() const { return logvar_head_; }
    [[nodiscard]] const LayerStack& decoder() const { return decoder_; }
    [[nodiscard]] std::size_t log_sigma_offset() const { return log_sigma_offset_; }
    /// 0, 1 or input_dim: how many log-sigma values are trainable parameters.
    [[nodiscard]] std::size_t learned_log_sigma_count() const;

private:
    void build_layout();
    const Matrix& encoder_output(const Eigen::Ref<const Matrix>& x, VaeWorkspace& ws) const;

    VaeArchitecture architecture_;
    AlignedFloats parameters_;
    LayerStack encoder_;
    DenseLayer mean_head_;
    DenseLayer logvar_head_;
    LayerStack decoder_;
    std::size_t log_sigma_offset_ = 0;
    float fixed_log_sigma_ = 0.0f;
};

} // namespace vae
