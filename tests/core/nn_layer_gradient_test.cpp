#include "data/seeded_random.h"
#include "finite_difference.h"
#include "nn/activation.h"
#include "nn/activation_kernels.h"
#include "nn/dense_layer.h"
#include "nn/gemm.h"
#include "nn/layer_stack.h"
#include "vae_reference.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

using vae::Activation;
using vae::Matrix;
using vae::test::random_matrix;

namespace {

const Activation all_activations[] = {Activation::ReLU, Activation::LeakyReLU, Activation::ELU,
                                      Activation::SiLU, Activation::Tanh,      Activation::Sigmoid};

} // namespace

TEST_CASE("activation names parse and print both ways", "[nn]") {
    for (const Activation a : all_activations)
        CHECK(vae::parse_activation(vae::activation_name(a)) == a);
    CHECK(vae::parse_activation("swish") == Activation::SiLU);
    CHECK(vae::parse_activation("leakyrelu") == Activation::LeakyReLU);
    CHECK_FALSE(vae::parse_activation("relu6").has_value());
    CHECK(vae::activation_name(Activation::LeakyReLU) == "leaky_relu");
}

TEST_CASE("activation derivatives match central differences in double", "[nn][gradient]") {
    for (const Activation a : all_activations)
        for (const double z : {-2.5, -0.7, -0.01, 0.02, 0.4, 3.1}) {
            const double h = 1e-6;
            const double numeric =
                (vae::activation_value(a, z + h) - vae::activation_value(a, z - h)) / (2 * h);
            const double analytic = vae::activation_derivative(a, z, vae::activation_value(a, z));
            INFO(vae::activation_name(a) << " at " << z);
            CHECK(analytic == Approx(numeric).margin(1e-7).epsilon(1e-6));
        }
}

TEST_CASE("gemm matches a naive product for every transpose, stride and accumulate", "[nn][gemm]") {
    vae::SeededRandom rng(3);
    const int m = 37, n = 29, k = 53;
    for (const bool ta : {false, true})
        for (const bool tb : {false, true})
            for (const bool acc : {false, true}) {
                // Stored shapes with padding columns (row strides larger than the width).
                const Matrix a = random_matrix(ta ? k : m, (ta ? m : k) + 3, rng);
                const Matrix b = random_matrix(tb ? n : k, (tb ? k : n) + 2, rng);
                Matrix c = random_matrix(m, n + 5, rng);
                const Matrix c0 = c;
                vae::gemm(ta ? vae::Transpose::Yes : vae::Transpose::No,
                          tb ? vae::Transpose::Yes : vae::Transpose::No, m, n, k, a.data(),
                          static_cast<int>(a.cols()), b.data(), static_cast<int>(b.cols()),
                          c.data(), static_cast<int>(c.cols()), acc);
                double worst = 0.0;
                for (int i = 0; i < m; ++i)
                    for (int j = 0; j < n; ++j) {
                        double s = acc ? c0(i, j) : 0.0;
                        for (int q = 0; q < k; ++q)
                            s += static_cast<double>(ta ? a(q, i) : a(i, q)) *
                                 static_cast<double>(tb ? b(j, q) : b(q, j));
                        worst = std::max(worst, std::abs(s - c(i, j)));
                    }
                INFO("ta " << ta << " tb " << tb << " acc " << acc << " kernel "
                           << vae::gemm_kernel_name());
                CHECK(worst < 1e-4);
                // The padding columns are untouched.
                CHECK(c.rightCols(5) == c0.rightCols(5));
            }
}

TEST_CASE("dense layer forward and backward (float) match double finite differences",
          "[nn][gradient]") {
    vae::SeededRandom rng(11);
    const std::size_t in = 5, out = 4;
    const Eigen::Index batch = 6;
    for (const Activation a : all_activations) {
        INFO(vae::activation_name(a));
        vae::DenseLayer layer{in, out, 3, a}; // offset 3: layers need not start at 0
        std::vector<float> params(layer.end_offset() + 2);
        for (float& p : params)
            p = static_cast<float>(0.6 * rng.normal());
        const Matrix x = random_matrix(batch, static_cast<Eigen::Index>(in), rng);
        const Matrix weights = random_matrix(batch, static_cast<Eigen::Index>(out), rng);

        Matrix pre, y;
        vae::dense_forward(layer, params, x, pre, y);
        Matrix delta = weights; // L = sum(y .* weights), so dL/dy = weights
        std::vector<float> grads(params.size(), 0.0f);
        Matrix dx;
        vae::dense_backward(layer, params, x, pre, y, delta, grads, &dx);

        const std::vector<double> pd(params.begin(), params.end());
        const vae::test::MatrixD xd = x.cast<double>();
        const vae::test::MatrixD wd = weights.cast<double>();
        const vae::test::MatrixD yd = vae::test::dense_reference(layer, pd, xd);
        CHECK((yd - y.cast<double>()).cwiseAbs().maxCoeff() < 1e-5);
        auto loss = [&](const std::vector<double>& p) {
            return (vae::test::dense_reference(layer, p, xd).array() * wd.array()).sum();
        };
        for (std::size_t i = layer.offset; i < layer.end_offset(); ++i) {
            INFO("parameter " << i);
            CHECK(grads[i] ==
                  Approx(vae::test::central_difference(loss, pd, i)).margin(2e-5).epsilon(1e-4));
        }
        // Input gradient: perturb x instead.
        for (Eigen::Index r = 0; r < batch; ++r)
            for (Eigen::Index c = 0; c < static_cast<Eigen::Index>(in); ++c) {
                auto lx = [&](double v) {
                    vae::test::MatrixD xp = xd;
                    xp(r, c) = v;
                    return (vae::test::dense_reference(layer, pd, xp).array() * wd.array()).sum();
                };
                const double h = 1e-6;
                const double numeric = (lx(xd(r, c) + h) - lx(xd(r, c) - h)) / (2 * h);
                CHECK(dx(r, c) == Approx(numeric).margin(2e-5).epsilon(1e-4));
            }
    }
}

TEST_CASE("mlp backward chains the layers", "[nn][gradient]") {
    vae::SeededRandom rng(5);
    const vae::LayerStack mlp(4, {6, 5, 3}, Activation::Tanh, std::nullopt, 0);
    REQUIRE(mlp.parameter_count() == 4 * 6 + 6 + 6 * 5 + 5 + 5 * 3 + 3);
    std::vector<float> params(mlp.parameter_count());
    mlp.initialize(params, rng);
    const Matrix x = random_matrix(7, 4, rng);
    const Matrix w = random_matrix(7, 3, rng);
    vae::LayerStackWorkspace ws;
    mlp.forward(params, x, ws);
    Matrix d_out = w;
    std::vector<float> grads(params.size());
    mlp.backward(params, x, ws, d_out, grads, nullptr);
    const std::vector<double> pd(params.begin(), params.end());
    const vae::test::MatrixD xd = x.cast<double>();
    auto loss = [&](const std::vector<double>& p) {
        return (vae::test::mlp_reference(mlp, p, xd).array() * w.cast<double>().array()).sum();
    };
    for (std::size_t i = 0; i < params.size(); ++i)
        CHECK(grads[i] ==
              Approx(vae::test::central_difference(loss, pd, i)).margin(2e-5).epsilon(1e-4));
}

TEST_CASE("a stack of conv dense and transposed conv layers chains their gradients",
          "[nn][gradient][conv]") {
    // 5x5x2 -> conv k3 s2 p1 (3x3x3) -> dense 7 -> dense 27 -> transposed conv k3 s2 p1 back to
    // (3-1)*2-2+3 = 5x5x2: an encoder and its mirror, with odd sizes on purpose.
    vae::SeededRandom rng(17);
    vae::Conv2dLayer conv{{5, 5, 2, 3, 3, 2, 1}, 0, Activation::Tanh};
    vae::DenseLayer down{conv.outputs(), 7, conv.end_offset(), Activation::SiLU};
    vae::DenseLayer up{7, conv.outputs(), down.end_offset(), Activation::Tanh};
    vae::ConvTranspose2dLayer back{{3, 3, 3, 2, 3, 2, 1}, up.end_offset(), std::nullopt};
    REQUIRE(back.outputs() == conv.inputs());
    const vae::LayerStack stack({conv, down, up, back});
    CHECK(stack.inputs() == 50);
    CHECK(stack.outputs() == 50);
    CHECK(stack.parameter_count() == conv.parameter_count() + down.parameter_count() +
                                         up.parameter_count() + back.parameter_count());
    CHECK(stack.forward_flops() == 2 * (conv.weight_count() * 9 + down.weight_count() +
                                        up.weight_count() + back.weight_count() * 9));
    std::vector<float> params(stack.parameter_count());
    stack.initialize(params, rng);
    const Matrix x = random_matrix(3, 50, rng);
    const Matrix w = random_matrix(3, 50, rng);
    vae::LayerStackWorkspace ws;
    const Matrix y = stack.forward(params, x, ws);
    Matrix d_out = w;
    std::vector<float> grads(params.size(), 7.0f);
    Matrix dx;
    stack.backward(params, x, ws, d_out, grads, &dx);
    const std::vector<double> pd(params.begin(), params.end());
    const vae::test::MatrixD xd = x.cast<double>();
    CHECK((vae::test::mlp_reference(stack, pd, xd) - y.cast<double>()).cwiseAbs().maxCoeff() <
          1e-4);
    auto loss = [&](const std::vector<double>& p) {
        return (vae::test::mlp_reference(stack, p, xd).array() * w.cast<double>().array()).sum();
    };
    CHECK(vae::test::gradient_mismatches(loss, pd, grads, "parameter") == 0);
    std::vector<double> xv(xd.data(), xd.data() + xd.size());
    auto loss_x = [&](const std::vector<double>& v) {
        const vae::test::MatrixD xp = Eigen::Map<const vae::test::MatrixD>(v.data(), 3, 50);
        return (vae::test::mlp_reference(stack, pd, xp).array() * w.cast<double>().array()).sum();
    };
    const std::vector<float> dxv(dx.data(), dx.data() + dx.size());
    CHECK(vae::test::gradient_mismatches(loss_x, xv, dxv, "input") == 0);

    // Without parameter gradients (the generator's pass through a discriminator) the input
    // gradient is the same, bit for bit.
    stack.forward(params, x, ws);
    Matrix d_out_again = w;
    Matrix dx_only;
    stack.backward(params, x, ws, d_out_again, {}, &dx_only);
    CHECK(dx_only == dx);
}

TEST_CASE("He and Xavier initialisation scale with fan-in", "[nn]") {
    vae::SeededRandom rng(9);
    const vae::LayerStack relu(400, {300}, Activation::ReLU, Activation::ReLU, 0);
    const vae::LayerStack tanh(400, {300}, Activation::Tanh, Activation::Tanh, 0);
    for (const auto* mlp : {&relu, &tanh}) {
        std::vector<float> p(mlp->parameter_count(), 1.0f);
        mlp->initialize(p, rng);
        const Eigen::Map<const Eigen::ArrayXf> w(p.data(), 400 * 300);
        const double var = static_cast<double>(w.square().mean());
        const double expected = mlp == &relu ? 2.0 / 400 : 2.0 / 700;
        CHECK(var == Approx(expected).epsilon(0.03));
        CHECK(p.back() == 0.0f); // biases start at 0
    }
}
