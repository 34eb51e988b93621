#include "nn/dense_layer.h"

#include "nn/gemm.h"

namespace vae {

namespace {

using RowArray = Eigen::Array<float, 1, Eigen::Dynamic>;

void ensure_shape(Matrix& m, Eigen::Index rows, Eigen::Index cols) {
    if (m.rows() != rows || m.cols() != cols)
        m.resize(rows, cols);
}

int as_int(std::size_t n) { return static_cast<int>(n); }
int as_int(Eigen::Index n) { return static_cast<int>(n); }

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
    const Eigen::Map<const RowArray> b(params.data() + layer.bias_offset(), n);
    auto o = out.array();
    if (!layer.activation) {
        o.rowwise() += b;
        return;
    }
    switch (*layer.activation) {
    case Activation::ReLU:
        o = (o.rowwise() + b).max(0.0f);
        break;
    case Activation::LeakyReLU:
        o.rowwise() += b;
        o = o.max(0.01f * o); // z for z > 0, 0.01 z below
        break;
    case Activation::ELU:
        o.rowwise() += b;
        o = (o > 0.0f).select(o, o.expm1());
        break;
    case Activation::SiLU:
        ensure_shape(pre, rows, n);
        pre.array() = o.rowwise() + b;
        o = pre.array() * pre.array().logistic();
        break;
    case Activation::Tanh:
        o = (o.rowwise() + b).tanh();
        break;
    case Activation::Sigmoid:
        o = (o.rowwise() + b).logistic();
        break;
    }
}

void dense_backward(const DenseLayer& layer, std::span<const float> params,
                    const Eigen::Ref<const Matrix>& x, const Matrix& pre, const Matrix& out,
                    Matrix& delta, std::span<float> grads, Matrix* d_input) {
    const Eigen::Index rows = x.rows();
    const auto n = static_cast<Eigen::Index>(layer.outputs);
    auto d = delta.array();
    const auto a = out.array();
    // dZ = dA * act'(Z), from A where that is enough.
    if (layer.activation) {
        switch (*layer.activation) {
        case Activation::ReLU:
            d = (a > 0.0f).select(d, 0.0f);
            break;
        case Activation::LeakyReLU:
            d = (a > 0.0f).select(d, 0.01f * d);
            break;
        case Activation::ELU:
            d = (a > 0.0f).select(d, d * (a + 1.0f));
            break;
        case Activation::SiLU: {
            const auto z = pre.array();
            d = d * (z.logistic() * (1.0f + z * (1.0f - z.logistic())));
            break;
        }
        case Activation::Tanh:
            d = d * (1.0f - a.square());
            break;
        case Activation::Sigmoid:
            d = d * (a * (1.0f - a));
            break;
        }
    }
    // dL/dW = X^T dZ
    gemm(Transpose::Yes, Transpose::No, as_int(layer.inputs), as_int(layer.outputs), as_int(rows),
         x.data(), as_int(x.outerStride()), delta.data(), as_int(n), grads.data() + layer.offset,
         as_int(n), false);
    // dL/db = 1^T dZ, row by row so the sums run along contiguous memory.
    Eigen::Map<RowArray> db(grads.data() + layer.bias_offset(), n);
    db.setZero();
    for (Eigen::Index i = 0; i < rows; ++i)
        db += delta.row(i).array();
    // dL/dX = dZ W^T
    if (d_input != nullptr) {
        ensure_shape(*d_input, rows, static_cast<Eigen::Index>(layer.inputs));
        gemm(Transpose::No, Transpose::Yes, as_int(rows), as_int(layer.inputs), as_int(n),
             delta.data(), as_int(n), params.data() + layer.offset, as_int(n), d_input->data(),
             as_int(layer.inputs), false);
    }
}

} // namespace vae
