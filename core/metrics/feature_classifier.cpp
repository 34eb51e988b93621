#include "metrics/feature_classifier.h"

#include "data/seeded_random.h"
#include "nn/adam_optimizer.h"
#include "nn/matrix_ops.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

namespace vae {
namespace {

/// Rows per forward pass when scoring: bounds the workspace whatever the input size.
constexpr Eigen::Index kScoreBatch = 1024;

/// d = (softmax(logits) - onehot(labels)) / B: the gradient of the mean cross-entropy.
void softmax_cross_entropy_gradient(const Matrix& logits, const std::vector<std::int32_t>& labels,
                                    Matrix& d) {
    d.resize(logits.rows(), logits.cols());
    const float inv_b = 1.0f / static_cast<float>(logits.rows());
    for (Eigen::Index i = 0; i < logits.rows(); ++i) {
        const float peak = logits.row(i).maxCoeff();
        d.row(i) = (logits.row(i).array() - peak).exp().matrix();
        d.row(i) /= d.row(i).sum();
        d(i, labels[static_cast<std::size_t>(i)]) -= 1.0f;
        d.row(i) *= inv_b;
    }
}

} // namespace

FeatureClassifier FeatureClassifier::train(const Matrix& x, std::span<const std::int32_t> labels,
                                           std::size_t classes, const ClassifierOptions& options,
                                           const ClassifierProgress& progress,
                                           const CancelCheck& cancel) {
    const auto n = static_cast<std::size_t>(x.rows());
    if (n == 0 || x.cols() == 0)
        throw std::invalid_argument("feature classifier: no training data");
    if (labels.size() != n)
        throw std::invalid_argument("feature classifier: " + std::to_string(labels.size()) +
                                    " labels for " + std::to_string(n) + " rows");
    if (classes < 2)
        throw std::invalid_argument("feature classifier: needs at least 2 classes, not " +
                                    std::to_string(classes));
    for (std::size_t i = 0; i < n; ++i)
        if (labels[i] < 0 || static_cast<std::size_t>(labels[i]) >= classes)
            throw std::invalid_argument("feature classifier: row " + std::to_string(i) +
                                        " has label " + std::to_string(labels[i]) + " outside 0.." +
                                        std::to_string(classes) + "-1");
    if (options.hidden.empty() || options.batch == 0)
        throw std::invalid_argument("feature classifier: needs a hidden layer and a batch size");

    FeatureClassifier c;
    c.mean_ = x.cast<double>().colwise().mean().cast<float>();
    Matrix z = x.rowwise() - c.mean_;
    const double rms =
        std::sqrt(z.cast<double>().array().square().sum() / static_cast<double>(z.size()));
    c.inv_scale_ = rms > 0.0 ? static_cast<float>(1.0 / rms) : 1.0f;
    z *= c.inv_scale_;

    std::vector<std::size_t> widths = options.hidden;
    widths.push_back(classes);
    c.mlp_ =
        LayerStack(static_cast<std::size_t>(x.cols()), widths, Activation::ReLU, std::nullopt, 0);
    std::vector<Layer> layers = c.mlp_.layers();
    layers.pop_back();
    c.features_ = LayerStack(std::move(layers));
    c.params_.assign(c.mlp_.parameter_count(), 0.0f);
    SeededRandom rng(options.seed, 0x636c61737369ULL);
    c.mlp_.initialize(c.params_, rng);

    AdamOptimizer adam(c.params_.size(), AdamConfig{});
    AlignedFloats grads(c.params_.size(), 0.0f);
    LayerStackWorkspace ws;
    Matrix xb, d;
    std::vector<std::int32_t> yb;
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    for (std::size_t epoch = 0; epoch < options.epochs; ++epoch) {
        for (std::size_t i = n; i > 1; --i) // Fisher-Yates, with our own generator
            std::swap(order[i - 1], order[rng.below(i)]);
        for (std::size_t first = 0; first < n; first += options.batch) {
            throw_if_cancelled(cancel);
            const std::size_t b = std::min(options.batch, n - first);
            const auto batch_rows = std::span(order).subspan(first, b);
            gather_rows(z, batch_rows, xb);
            yb.resize(b);
            for (std::size_t j = 0; j < b; ++j)
                yb[j] = labels[batch_rows[j]];
            const Matrix& out = c.mlp_.forward(c.params_, xb, ws);
            softmax_cross_entropy_gradient(out, yb, d);
            c.mlp_.backward(c.params_, xb, ws, d, grads, nullptr);
            adam.step(c.params_, grads, options.learning_rate);
        }
        if (progress &&
            !progress(static_cast<double>(epoch + 1) / static_cast<double>(options.epochs)))
            throw std::runtime_error("cancelled");
    }
    return c;
}

Matrix FeatureClassifier::run(const LayerStack& mlp, const Matrix& x) const {
    if (x.cols() != mean_.size())
        throw std::invalid_argument("feature classifier: rows have " + std::to_string(x.cols()) +
                                    " values but it was trained on " +
                                    std::to_string(mean_.size()));
    Matrix out(x.rows(), static_cast<Eigen::Index>(mlp.outputs()));
    LayerStackWorkspace ws;
    Matrix batch;
    for (Eigen::Index first = 0; first < x.rows(); first += kScoreBatch) {
        const Eigen::Index b = std::min(kScoreBatch, x.rows() - first);
        batch = (x.middleRows(first, b).rowwise() - mean_) * inv_scale_;
        out.middleRows(first, b) = mlp.forward(params_, batch, ws);
    }
    return out;
}

Matrix FeatureClassifier::features(const Matrix& x) const {
    return run(features_, x);
}

Matrix FeatureClassifier::logits(const Matrix& x) const {
    return run(mlp_, x);
}

double FeatureClassifier::accuracy(const Matrix& x, std::span<const std::int32_t> labels) const {
    if (labels.size() != static_cast<std::size_t>(x.rows()))
        throw std::invalid_argument("feature classifier: " + std::to_string(labels.size()) +
                                    " labels for " + std::to_string(x.rows()) + " rows");
    if (labels.empty())
        return 0.0;
    const Matrix l = logits(x);
    std::size_t right = 0;
    for (Eigen::Index i = 0; i < l.rows(); ++i) {
        Eigen::Index best = 0;
        l.row(i).maxCoeff(&best);
        right += best == labels[static_cast<std::size_t>(i)] ? 1 : 0;
    }
    return static_cast<double>(right) / static_cast<double>(labels.size());
}

} // namespace vae
