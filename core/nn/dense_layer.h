#pragma once

#include "data/dataset.h"
#include "nn/activation.h"

#include <cstddef>
#include <optional>
#include <span>

namespace vae {

/// One fully connected layer Y = act(X W + b) over a shared flat parameter buffer. Holds only
/// where its parameters live: W (inputs x outputs, row-major) at `offset`, then b (outputs).
/// A value type; the parameters themselves are owned by whoever owns the buffer.
struct DenseLayer {
    std::size_t inputs = 0;
    std::size_t outputs = 0;
    std::size_t offset = 0;               ///< index of W[0][0] in the parameter buffer
    std::optional<Activation> activation; ///< nullopt: linear (identity) layer

    [[nodiscard]] std::size_t weight_count() const { return inputs * outputs; }
    [[nodiscard]] std::size_t parameter_count() const { return inputs * outputs + outputs; }
    [[nodiscard]] std::size_t bias_offset() const { return offset + inputs * outputs; }
    [[nodiscard]] std::size_t end_offset() const { return offset + parameter_count(); }
};

/// Forward pass for a batch. x: B x inputs (rows may be a block of a larger row-major matrix).
/// On return `out` (resized to B x outputs if needed) holds act(x W + b); `pre` holds x W + b
/// when the activation's derivative needs it (SiLU), else it is left empty. `params` is the
/// whole buffer. Reentrant: const inputs, caller-owned outputs.
void dense_forward(const DenseLayer& layer, std::span<const float> params,
                   const Eigen::Ref<const Matrix>& x, Matrix& pre, Matrix& out);

/// Backward pass for a batch, after dense_forward() on the same x.
/// delta: on entry dL/d(out) (B x outputs), on return dL/d(pre) = dL/dout * act'(pre).
/// Writes (overwrites) dL/dW = x^T dZ and dL/db = column sums of dZ into `grads` (a buffer with
/// the layout of `params`); an empty `grads` skips them, for a pass that only needs dL/dx (the
/// generator's pass through a discriminator). When d_input is non-null it receives
/// dL/dx = dZ W^T (B x inputs).
void dense_backward(const DenseLayer& layer, std::span<const float> params,
                    const Eigen::Ref<const Matrix>& x, const Matrix& pre, const Matrix& out,
                    Matrix& delta, std::span<float> grads, Matrix* d_input);

} // namespace vae
