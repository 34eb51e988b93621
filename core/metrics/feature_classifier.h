#pragma once

#include "data/dataset.h"
#include "metrics/cancel_check.h"
#include "nn/aligned_vector.h"
#include "nn/layer_stack.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

// A small MLP softmax classifier trained on the loaded (labelled) data, whose penultimate layer
// gives the features of the Fréchet distance when the data has labels. Its features are
// specific to this data set and this training run: a Fréchet distance in them compares models
// scored against the same data with the same classifier settings and seed, and is NOT
// comparable with the Inception-based FID of the literature (a different network trained on
// ImageNet, 2048 features, other scale).
namespace vae {

/// Settings of FeatureClassifier::train().
struct ClassifierOptions {
    std::vector<std::size_t> hidden = {128, 64}; ///< widths of the ReLU layers; the last one
                                                 ///< gives the features
    std::size_t epochs = 5;
    std::size_t batch = 128;
    float learning_rate = 2e-3f; ///< Adam
    std::uint64_t seed = 1;      ///< weights and shuffles
};

/// Reports training progress in [0, 1] after each epoch; return false to stop (train() then
/// throws std::runtime_error("cancelled")).
using ClassifierProgress = std::function<bool(double)>;

/// The trained classifier. Inputs are centred by the training mean and divided by one global
/// scale (the RMS of the columns' standard deviations), not per column: a per-column scale would
/// blow up near-constant pixels (image borders), where samples that differ slightly from the
/// data would dominate the features. A value type; const methods are thread-safe.
class FeatureClassifier {
public:
    /// Trains on x (N x D, N >= 1) with labels (N values in [0, classes), classes >= 2),
    /// single-threaded, deterministic for a seed. `cancel` is asked before each minibatch
    /// (MetricsCancelled), not only after each epoch: an epoch over the 10,000 rows of a
    /// quality computation is too long to wait for. Throws std::invalid_argument on bad sizes
    /// or labels.
    static FeatureClassifier train(const Matrix& x, std::span<const std::int32_t> labels,
                                   std::size_t classes, const ClassifierOptions& options,
                                   const ClassifierProgress& progress = {},
                                   const CancelCheck& cancel = {});

    [[nodiscard]] std::size_t inputs() const { return static_cast<std::size_t>(mean_.size()); }
    [[nodiscard]] std::size_t classes() const { return mlp_.outputs(); }
    [[nodiscard]] std::size_t feature_count() const { return features_.outputs(); }

    /// x: M x D -> M x feature_count(): the last hidden layer's activations. Throws
    /// std::invalid_argument when the width is not D.
    [[nodiscard]] Matrix features(const Matrix& x) const;
    /// x: M x D -> M x classes() logits.
    [[nodiscard]] Matrix logits(const Matrix& x) const;
    /// Share of rows of x whose highest logit is their label.
    [[nodiscard]] double accuracy(const Matrix& x, std::span<const std::int32_t> labels) const;

private:
    FeatureClassifier() = default;
    [[nodiscard]] Matrix run(const LayerStack& mlp, const Matrix& x) const;

    Eigen::RowVectorXf mean_;
    float inv_scale_ = 1.0f;
    LayerStack mlp_;      ///< inputs -> hidden... -> classes (linear)
    LayerStack features_; ///< the same layers without the last
    AlignedFloats params_;
};

} // namespace vae
