#include "nn/dense_layer.h"

#include "nn/activation_kernels.h"
#include "nn/gemm.h"
#include "nn/matrix_ops.h"
#include "nn/simd_kernels.h"

namespace vae {

namespace {

using RowArray = Eigen::Array<float, 1, Eigen::Dynamic>;

int as_int(std::size_t n) {
    return static_cast<int>(n);
}
int as_int(Eigen::Index n) {
    return static_cast<int>(n);
}

int code(std::optional<Activation> a) {
    return a ? static_cast<int>(*a) : detail::linear_activation;
}

// The kernels number the activations like the enum.
static_assert(static_cast<int>(Activation::ReLU) == 0 &&
              static_cast<int>(Activation::LeakyReLU) == 1 &&
              static_cast<int>(Activation::ELU) == 2 && static_cast<int>(Activation::SiLU) == 3 &&
              static_cast<int>(Activation::Tanh) == 4 &&
              static_cast<int>(Activation::Sigmoid) == 5);

} // namespace

void dense_forward(const DenseLayer& layer, std::span<const float> params,
                   const Eigen::Ref<const Matrix>& x, Matrix& pre, Matrix& out) {
    const Eigen::Index rows = x.rows();
    const auto n = static_cast<Eigen::Index>(layer.outputs);
    ensure_shape(out, rows, n);
    gemm(Transpose::No, Transpose::No, as_int(rows), as_int(layer.outputs), as_int(layer.inputs),
         x.data(), as_int(x.outerStride()), params.data() + layer.offset, as_int(layer.outputs),
         out.data(), as_int(layer.outputs), false);

    // Bias and activation in one pass over the output while it is still in cache.
    float* pre_data = nullptr;
    if (layer.activation && activation_needs_preactivation(*layer.activation)) {
        ensure_shape(pre, rows, n);
        pre_data = pre.data();
    }
    detail::simd_kernels().bias_activation(code(layer.activation), as_int(rows), as_int(n),
                                           params.data() + layer.bias_offset(), out.data(),
                                           pre_data);
}

void dense_backward(const DenseLayer& layer, std::span<const float> params,
                    const Eigen::Ref<const Matrix>& x, const Matrix& pre, const Matrix& out,
                    Matrix& delta, std::span<float> grads, Matrix* d_input) {
    const Eigen::Index rows = x.rows();
    const auto n = static_cast<Eigen::Index>(layer.outputs);
    // dZ = dA * act'(Z), from A where that is enough.
    if (layer.activation)
        detail::simd_kernels().activation_backward(code(layer.activation), as_int(rows), as_int(n),
                                                   pre.data(), out.data(), delta.data());
    if (!grads.empty()) {
        // dL/dW = X^T dZ
        gemm(Transpose::Yes, Transpose::No, as_int(layer.inputs), as_int(layer.outputs),
             as_int(rows), x.data(), as_int(x.outerStride()), delta.data(), as_int(n),
             grads.data() + layer.offset, as_int(n), false);
        // dL/db = 1^T dZ, row by row so the sums run along contiguous memory.
        Eigen::Map<RowArray> db(grads.data() + layer.bias_offset(), n);
        db.setZero();
        for (Eigen::Index i = 0; i < rows; ++i)
            db += delta.row(i).array();
    }
    // dL/dX = dZ W^T
    if (d_input != nullptr) {
        ensure_shape(*d_input, rows, static_cast<Eigen::Index>(layer.inputs));
        gemm(Transpose::No, Transpose::Yes, as_int(rows), as_int(layer.inputs), as_int(n),
             delta.data(), as_int(n), params.data() + layer.offset, as_int(n), d_input->data(),
             as_int(layer.inputs), false);
    }
}

} // namespace vae
