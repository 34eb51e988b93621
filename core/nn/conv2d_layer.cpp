#include "nn/conv2d_layer.h"

#include "nn/activation_kernels.h"
#include "nn/gemm.h"
#include "nn/matrix_ops.h"
#include "nn/simd_kernels.h"
#include "nn/weight_init.h"

#include <algorithm>
#include <cmath>

namespace vae {

namespace {

using RowArray = Eigen::Array<float, 1, Eigen::Dynamic>;

int code(std::optional<Activation> a) {
    return a ? static_cast<int>(*a) : detail::linear_activation;
}

// A 1x1 kernel with stride 1 and no padding reads each pixel's channels as they are stored, so
// an input whose rows are packed is already the (B * H * W) x Cin columns matrix: the im2col
// copy (and the col2im of the backward pass) would only move memory.
bool input_is_columns(const Conv2dLayer& layer, const Eigen::Ref<const Matrix>& x) {
    const ConvGeometry& g = layer.geometry;
    return g.kernel == 1 && g.stride == 1 && g.padding == 0 &&
           (x.rows() <= 1 || x.outerStride() == static_cast<Eigen::Index>(layer.inputs()));
}

} // namespace

void conv2d_forward(const Conv2dLayer& layer, std::span<const float> params,
                    const Eigen::Ref<const Matrix>& x, ConvWorkspace& ws, Matrix& out) {
    const ConvGeometry& g = layer.geometry;
    const int batch = static_cast<int>(x.rows());
    const int rows = batch * g.out_height() * g.out_width(); // one per output pixel
    const int k = g.patch_size();
    const int n = g.out_channels;
    ensure_shape(out, x.rows(), static_cast<Eigen::Index>(layer.outputs()));

    const float* columns = x.data();
    if (!input_is_columns(layer, x)) {
        ensure_shape(ws.columns, rows, k);
        im2col(g, batch, x.data(), x.outerStride(), ws.columns.data());
        columns = ws.columns.data();
    }
    // NHWC makes out, viewed as (B * Ho * Wo) x Cout, the product itself: no reordering.
    gemm(Transpose::No, Transpose::No, rows, n, k, columns, k, params.data() + layer.offset, n,
         out.data(), n, false);

    float* pre_data = nullptr;
    if (layer.activation && activation_needs_preactivation(*layer.activation)) {
        ensure_shape(ws.pre, out.rows(), out.cols());
        pre_data = ws.pre.data();
    }
    detail::simd_kernels().bias_activation(
        code(layer.activation), rows, n, params.data() + layer.bias_offset(), out.data(), pre_data);
}

void conv2d_backward(const Conv2dLayer& layer, std::span<const float> params,
                     const Eigen::Ref<const Matrix>& x, ConvWorkspace& ws, const Matrix& out,
                     Matrix& delta, std::span<float> grads, Matrix* d_input) {
    const ConvGeometry& g = layer.geometry;
    const int batch = static_cast<int>(x.rows());
    const int rows = batch * g.out_height() * g.out_width();
    const int k = g.patch_size();
    const int n = g.out_channels;
    // dZ = dA * act'(Z)
    if (layer.activation)
        detail::simd_kernels().activation_backward(code(layer.activation), rows, n, ws.pre.data(),
                                                   out.data(), delta.data());
    const bool direct = input_is_columns(layer, x);
    const float* columns = direct ? x.data() : ws.columns.data();
    if (!grads.empty()) {
        // dL/dW = cols^T dZ
        gemm(Transpose::Yes, Transpose::No, k, n, rows, columns, k, delta.data(), n,
             grads.data() + layer.offset, n, false);
        // dL/db = 1^T dZ over every output pixel of every image, row by row along memory.
        Eigen::Map<RowArray> db(grads.data() + layer.bias_offset(), n);
        db.setZero();
        for (int r = 0; r < rows; ++r)
            db += Eigen::Map<const RowArray>(delta.data() + static_cast<std::ptrdiff_t>(r) * n, n);
    }
    if (d_input == nullptr)
        return;
    // dL/dX = col2im(dZ W^T)
    ensure_shape(*d_input, x.rows(), static_cast<Eigen::Index>(layer.inputs()));
    if (direct) {
        gemm(Transpose::No, Transpose::Yes, rows, k, n, delta.data(), n,
             params.data() + layer.offset, n, d_input->data(), k, false);
        return;
    }
    ensure_shape(ws.d_columns, rows, k);
    gemm(Transpose::No, Transpose::Yes, rows, k, n, delta.data(), n, params.data() + layer.offset,
         n, ws.d_columns.data(), k, false);
    d_input->setZero();
    col2im(g, batch, ws.d_columns.data(), d_input->data(), d_input->cols());
}

void initialize(const Conv2dLayer& layer, std::span<float> params, SeededRandom& rng) {
    const ConvGeometry& g = layer.geometry;
    const double taps = static_cast<double>(g.kernel) * g.kernel;
    const double fan_in = taps * g.in_channels;
    const double fan_out =
        g.out_channels * std::max(1.0, taps / (static_cast<double>(g.stride) * g.stride));
    draw_weights(params, layer.offset, layer.weight_count(),
                 static_cast<std::size_t>(g.out_channels), layer.activation, fan_in, fan_out, rng);
}

} // namespace vae
