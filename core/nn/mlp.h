#pragma once

#include "data/dataset.h"
#include "data/seeded_random.h"
#include "nn/dense_layer.h"

#include <cstddef>
#include <optional>
#include <span>
#include <utility>
#include <vector>

namespace vae {

/// Per-caller scratch for an Mlp's forward and backward passes: activations, pre-activations and
/// deltas of each layer. Sized on first use for a batch size and reused afterwards (no allocation
/// while the batch size stays the same). Not thread-safe: one workspace per thread.
struct MlpWorkspace {
    std::vector<Matrix> pre;  ///< per layer: pre-activations (only kept where needed)
    std::vector<Matrix> post; ///< per layer: outputs, B x outputs
    Matrix delta;             ///< dL/d(pre) of the layer being processed
    Matrix delta_next;        ///< dL/d(input) handed to the layer below
};

/// A stack of dense layers over a shared flat parameter buffer. Holds only the layout; the
/// parameters are passed to each call, so one const Mlp serves any number of threads, each with
/// its own MlpWorkspace.
class Mlp {
public:
    Mlp() = default;
    /// inputs -> widths[0] -> ... -> widths.back(). Hidden layers use `hidden`; the last layer
    /// uses `output` (nullopt: linear). Parameters start at `first_offset` in the buffer.
    Mlp(std::size_t inputs, const std::vector<std::size_t>& widths, Activation hidden,
        std::optional<Activation> output, std::size_t first_offset);
    /// An Mlp of the given layers (each layer's inputs must equal the previous one's outputs).
    explicit Mlp(std::vector<DenseLayer> layers) : layers_(std::move(layers)) {}

    [[nodiscard]] const std::vector<DenseLayer>& layers() const { return layers_; }
    [[nodiscard]] std::size_t inputs() const;
    [[nodiscard]] std::size_t outputs() const;
    [[nodiscard]] std::size_t parameter_count() const;
    [[nodiscard]] std::size_t end_offset() const;

    /// Draws the weights: He normal (std sqrt(2/fan_in)) before ReLU-family activations, Xavier
    /// normal (std sqrt(2/(fan_in+fan_out))) before tanh/sigmoid and for linear layers; biases 0.
    void initialize(std::span<float> params, SeededRandom& rng) const;

    /// x: B x inputs. Returns the output (B x outputs), a reference into `ws` valid until the next
    /// call with the same workspace.
    const Matrix& forward(std::span<const float> params, const Eigen::Ref<const Matrix>& x,
                          MlpWorkspace& ws) const;

    /// After forward() with the same x and ws. d_output: dL/d(output), B x outputs (consumed:
    /// overwritten). Overwrites this Mlp's slice of `grads`. d_input (optional) receives dL/dx.
    /// Chain rule per layer: dZ = dA * act'(Z); dW = X^T dZ; db = 1^T dZ; dX = dZ W^T.
    void backward(std::span<const float> params, const Eigen::Ref<const Matrix>& x,
                  MlpWorkspace& ws, Matrix& d_output, std::span<float> grads,
                  Matrix* d_input) const;

private:
    std::vector<DenseLayer> layers_;
};

} // namespace vae
