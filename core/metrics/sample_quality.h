#pragma once

#include "data/dataset.h"
#include "metrics/cancel_check.h"
#include "vae/vae_model.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

// The three sample-quality problems of a VAE, measured on one model against real data:
// blur (sharpness ratio), repetition (duplicates, diversity, class coverage) and inconsistency
// (k-NN precision/recall, Fréchet distance), plus the held-out likelihood figures that
// evaluate_vae() already gives. Every figure compares generated samples with real ones, so a
// number means the same thing on any dataset: 1.0 sharpness is "as sharp as the data".
namespace vae {

/// The feature space of the Fréchet distance.
enum class FdFeatures {
    Auto,       ///< Classifier when the real data has labels, else Pca
    Classifier, ///< penultimate layer of a small MLP classifier trained on the real data
    Pca         ///< a PCA fitted on the real data
};

/// Settings of evaluate_sample_quality(). The defaults are the calibration settings.
struct SampleQualityOptions {
    std::size_t samples = 5000;        ///< prior samples generated and scored
    std::size_t max_real_rows = 10000; ///< real rows used (an even subsample when more)
    std::size_t k = 3;                 ///< neighbours of the precision/recall manifold
    std::size_t pca_components = 50;   ///< PCA features (precision/recall, and FD with Pca)
    FdFeatures fd_features = FdFeatures::Auto;
    /// The duplicate threshold is this quantile of the real rows' nearest-neighbour distances.
    double duplicate_quantile = 0.01;
    std::uint64_t seed = 1;
    std::size_t threads = 0; ///< 0: all cores
};

/// Results of evaluate_sample_quality(). Ratios are generated / real.
struct SampleQuality {
    std::size_t samples = 0;   ///< generated samples scored
    std::size_t real_rows = 0; ///< real rows compared with
    /// Rows of each set behind the duplicate rate, precision and recall: min(samples,
    /// real_rows), the larger set seeded-subsampled to it, because nearest-neighbour distances
    /// and k-NN radii depend on the size of their set.
    std::size_t compared_rows = 0;

    /// Images: mean Laplacian variance of samples / of the real rows. Tables: mean per-feature
    /// variance of samples / of the real rows. 1.0 = as sharp (as varied) as the data.
    double sharpness_ratio = 0.0;
    /// The same for reconstructions of the real rows (decoded means of their encodings).
    double reconstruction_sharpness_ratio = 0.0;
    std::string sharpness_measure; ///< "laplacian-variance" or "feature-variance"

    double duplicate_threshold = 0.0; ///< distance (stored units) under which two are duplicates
    double duplicate_rate = 0.0;      ///< share of samples with another sample within the threshold
    double diversity_ratio = 0.0;     ///< mean pairwise distance of samples / of real rows

    /// With labels: the share of samples per class by nearest-real-row assignment, and the real
    /// rows' shares; entropies in nats. Empty / 0 without labels.
    std::vector<double> class_coverage;
    std::vector<double> real_class_share;
    double class_coverage_entropy = 0.0;
    double real_class_entropy = 0.0;

    double precision = 0.0; ///< share of samples inside the real k-NN manifold
    double recall = 0.0;    ///< share of real rows inside the samples' k-NN manifold
    double fd = 0.0;        ///< Fréchet distance of the feature Gaussians
    FdFeatures fd_features = FdFeatures::Pca; ///< the features actually used (never Auto)
};

/// "classifier" or "pca" (Auto: "auto").
std::string fd_features_name(FdFeatures f);

/// The Fréchet distance's name as a reader sees it, with its feature space: "FD (classifier)"
/// or "FD (PCA)" (Auto: "FD"). Never "FID": these features are not Inception's, so the figure
/// is not comparable with published FIDs.
std::string fd_label(FdFeatures f);

/// Reports progress in [0, 1]; return false to cancel (evaluate_sample_quality then throws
/// MetricsCancelled, a std::runtime_error whose what() is "cancelled"). Called on the calling
/// thread only, both between the stages and from inside their long loops (before each block
/// of pairwise distances, each classifier minibatch, each covariance block), so a cancel is
/// honoured within one block. Must be cheap and must not block.
using QualityProgress = std::function<bool(double)>;

/// Generates options.samples samples from the prior with `model` and scores them against the
/// rows of `real` (stored units; the held-out data). Const and thread-safe; runs on the calling
/// thread plus options.threads workers. Deterministic for a seed and independent of the thread
/// count. Throws std::invalid_argument when real has no rows or its width is not the model's
/// input, MetricsCancelled when `progress` asked to stop.
SampleQuality evaluate_sample_quality(const VaeModel& model, const Dataset& real,
                                      const SampleQualityOptions& options,
                                      const QualityProgress& progress = {});

} // namespace vae
