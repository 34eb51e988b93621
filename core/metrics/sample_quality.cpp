#include "metrics/sample_quality.h"

#include "metrics/class_coverage.h"
#include "metrics/feature_classifier.h"
#include "metrics/frechet_distance.h"
#include "metrics/image_sharpness.h"
#include "metrics/pairwise_distances.h"
#include "metrics/pca_features.h"
#include "metrics/precision_recall.h"
#include "metrics/sample_diversity.h"
#include "metrics/seeded_subsample.h"
#include "nn/matrix_ops.h"
#include "nn/worker_pool.h"
#include "vae/standard_normal_noise.h"

#include <algorithm>
#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>

namespace vae {
namespace {

/// Rows per encode/decode call: large enough for the GEMMs, small enough for the workspaces.
constexpr std::size_t kModelBatch = 500;
/// Pairs behind each mean pairwise distance: its standard error is then well under 1%.
constexpr std::size_t kDiversityPairs = 50000;

void check(const VaeModel& model, const Dataset& real, const SampleQualityOptions& o) {
    const auto fail = [](const std::string& what) {
        throw std::invalid_argument("sample quality: " + what);
    };
    if (real.rows() == 0)
        fail("the real data has no rows");
    if (real.cols() != model.input_dim())
        fail("the real data has " + std::to_string(real.cols()) +
             " values per row but the model expects " + std::to_string(model.input_dim()));
    if (o.k == 0)
        fail("k must be at least 1");
    const std::size_t real_rows = std::min(real.rows(), o.max_real_rows);
    if (real_rows <= o.k)
        fail("k = " + std::to_string(o.k) + " needs more than " + std::to_string(o.k) +
             " real rows, but " + std::to_string(real_rows) + " are used");
    if (o.samples <= o.k)
        fail("k = " + std::to_string(o.k) + " needs more than " + std::to_string(o.k) +
             " samples, not " + std::to_string(o.samples));
    if (o.pca_components == 0)
        fail("pca_components must be at least 1");
    if (!(o.duplicate_quantile >= 0.0 && o.duplicate_quantile <= 1.0))
        fail("duplicate_quantile must be in [0, 1], not " + std::to_string(o.duplicate_quantile));
    if (o.fd_features == FdFeatures::Classifier && (!real.has_labels() || real.classes() < 2))
        fail("the Fréchet distance in classifier features needs real data with labels of at "
             "least 2 classes; this data has " +
             (real.has_labels() ? std::to_string(real.classes()) + " class"
                                : std::string("no labels")) +
             " (use PCA features)");
}

/// The cancel flag of one evaluation. The caller's progress callback may only be called on
/// the calling thread, but the long loops run on the pool: the calling thread, which takes
/// its share of every loop's blocks, asks the callback at each of its checks and raises the
/// flag that the other threads read.
class Cancellation {
public:
    explicit Cancellation(const QualityProgress& progress)
        : progress_(progress), caller_(std::this_thread::get_id()) {}

    /// The calling thread: a stage boundary at `fraction` of the work. Throws MetricsCancelled
    /// when the caller wants to stop.
    void reached(double fraction) {
        fraction_ = fraction;
        if (stop_requested())
            throw MetricsCancelled();
    }
    /// Any thread, from inside the loops.
    bool stop_requested() {
        if (!stopped_.load() && progress_ && std::this_thread::get_id() == caller_ &&
            !progress_(fraction_))
            stopped_ = true;
        return stopped_.load();
    }
    [[nodiscard]] CancelCheck check() {
        return [this] { return stop_requested(); };
    }

private:
    const QualityProgress& progress_;
    const std::thread::id caller_;
    double fraction_ = 0.0; ///< the calling thread's only
    std::atomic<bool> stopped_{false};
};

/// Runs body(first, count) over [0, n) in chunks of kModelBatch on the pool, each thread with
/// its own workspace; `cancel` is asked before each chunk.
template <class Body>
void over_batches(std::size_t n, WorkerPool& pool, const CancelCheck& cancel, const Body& body) {
    std::atomic<std::size_t> next{0};
    std::atomic<bool> stopped{false};
    pool.run([&](std::size_t) {
        VaeWorkspace ws;
        Matrix scratch;
        for (std::size_t first = next.fetch_add(kModelBatch); first < n && !stopped.load();
             first = next.fetch_add(kModelBatch)) {
            if (cancel()) {
                stopped = true;
                break;
            }
            body(first, std::min(kModelBatch, n - first), ws, scratch);
        }
    });
    if (stopped.load())
        throw MetricsCancelled();
}

/// samples x D decoded means of z ~ N(0, I); batch b draws from the stream (seed, b), so the
/// result does not depend on the thread count.
Matrix prior_samples(const VaeModel& model, std::size_t samples, std::uint64_t seed,
                     WorkerPool& pool, const CancelCheck& cancel) {
    Matrix out(static_cast<Eigen::Index>(samples), static_cast<Eigen::Index>(model.input_dim()));
    over_batches(samples, pool, cancel,
                 [&](std::size_t first, std::size_t count, VaeWorkspace& ws, Matrix& z) {
                     z.resize(static_cast<Eigen::Index>(count),
                              static_cast<Eigen::Index>(model.latent_dim()));
                     fill_standard_normal(seed, first / kModelBatch, z);
                     Matrix decoded;
                     model.decode(z, ws, decoded);
                     out.middleRows(static_cast<Eigen::Index>(first),
                                    static_cast<Eigen::Index>(count)) = decoded;
                 });
    return out;
}

/// The decoded posterior means of the rows of x.
Matrix reconstructions(const VaeModel& model, const Matrix& x, WorkerPool& pool,
                       const CancelCheck& cancel) {
    Matrix out(x.rows(), x.cols());
    over_batches(static_cast<std::size_t>(x.rows()), pool, cancel,
                 [&](std::size_t first, std::size_t count, VaeWorkspace& ws, Matrix& mean) {
                     const auto f = static_cast<Eigen::Index>(first);
                     const auto c = static_cast<Eigen::Index>(count);
                     Matrix logvar, decoded;
                     model.encode(x.middleRows(f, c), ws, mean, logvar);
                     model.decode(mean, ws, decoded);
                     out.middleRows(f, c) = decoded;
                 });
    return out;
}

} // namespace

std::string fd_features_name(FdFeatures f) {
    switch (f) {
    case FdFeatures::Auto:
        return "auto";
    case FdFeatures::Classifier:
        return "classifier";
    case FdFeatures::Pca:
        return "pca";
    }
    return "auto";
}

std::string fd_label(FdFeatures f) {
    switch (f) {
    case FdFeatures::Classifier:
        return "FD (classifier)";
    case FdFeatures::Pca:
        return "FD (PCA)";
    case FdFeatures::Auto:
        break;
    }
    return "FD";
}

SampleQuality evaluate_sample_quality(const VaeModel& model, const Dataset& real,
                                      const SampleQualityOptions& options,
                                      const QualityProgress& progress) {
    check(model, real, options);
    Cancellation cancellation(progress);
    const CancelCheck cancel = cancellation.check();
    cancellation.reached(0.0);
    WorkerPool pool(options.threads == 0 ? WorkerPool::default_threads() : options.threads);

    // An even subsample of the real rows, in their order.
    const std::size_t n = std::min(real.rows(), options.max_real_rows);
    std::vector<std::size_t> rows(n);
    for (std::size_t i = 0; i < n; ++i)
        rows[i] = i * real.rows() / n;
    const Matrix x = gather_rows(real.values, rows);
    std::vector<std::int32_t> labels;
    if (real.has_labels())
        for (const std::size_t r : rows)
            labels.push_back(real.labels[r]);

    SampleQuality q;
    q.samples = options.samples;
    q.real_rows = n;
    const Matrix generated = prior_samples(model, options.samples, options.seed, pool, cancel);
    if (!generated.allFinite())
        throw std::runtime_error("sample quality: the model decodes non-finite values (has its "
                                 "training diverged?)");
    cancellation.reached(0.05);
    const Matrix reconstructed = reconstructions(model, x, pool, cancel);
    cancellation.reached(0.1);

    const SharpnessRatio sharp = sharpness_ratio(generated, x, real.image_shape);
    q.sharpness_ratio = sharp.ratio;
    q.sharpness_measure = sharp.measure;
    q.reconstruction_sharpness_ratio = sharpness_ratio(reconstructed, x, real.image_shape).ratio;
    cancellation.reached(0.15);

    // Distances on copies centred on the real mean: the GEMM expansion's rounding error
    // scales with the norms.
    const Eigen::RowVectorXf centre = x.cast<double>().colwise().mean().cast<float>();
    const Matrix x_c = x.rowwise() - centre;
    const Matrix g_c = generated.rowwise() - centre;
    // Nearest-neighbour distances shrink as a set grows, so the duplicate threshold and the
    // samples' distances, like the k-NN radii of precision and recall, come from sets of one
    // size: a seeded subsample of the larger set (Kynkäänniemi et al. 2019 use equal sizes).
    const std::size_t equal = std::min(n, options.samples);
    q.compared_rows = equal;
    const std::vector<std::size_t> real_equal = seeded_subsample(n, equal, options.seed);
    const std::vector<std::size_t> samples_equal =
        seeded_subsample(options.samples, equal, options.seed + 1);
    // No copy of the set that is already of that size: these are tens of megabytes.
    const Matrix x_cut = equal < n ? gather_rows(x_c, real_equal) : Matrix();
    const Matrix g_cut = equal < options.samples ? gather_rows(g_c, samples_equal) : Matrix();
    const Matrix& x_e = equal < n ? x_cut : x_c;
    const Matrix& g_e = equal < options.samples ? g_cut : g_c;
    cancellation.reached(0.16);
    const std::vector<double> real_nn = nearest_within(x_e, 1, &pool, cancel).kth_distance();
    q.duplicate_threshold = duplicate_threshold(real_nn, options.duplicate_quantile);
    cancellation.reached(0.4);
    q.duplicate_rate = duplicate_rate(g_e, q.duplicate_threshold, &pool, cancel);
    q.diversity_ratio = diversity_ratio(generated, x, kDiversityPairs, options.seed);
    cancellation.reached(0.5);

    const std::size_t classes = real.classes();
    if (!labels.empty() && classes > 0) {
        const ClassCoverage c = class_coverage(g_c, x_c, labels, classes, &pool, cancel);
        q.class_coverage = c.sample_share;
        q.real_class_share = c.real_share;
        q.class_coverage_entropy = c.sample_entropy;
        q.real_class_entropy = c.real_entropy;
    }
    cancellation.reached(0.7);

    const PcaFeatures pca = fit_pca(x, options.pca_components, &pool, cancel);
    cancellation.reached(0.8);
    const Matrix x_p = pca.transform(x);
    const Matrix g_p = pca.transform(generated);
    const PrecisionRecall pr =
        knn_precision_recall(gather_rows(x_p, real_equal), gather_rows(g_p, samples_equal),
                             options.k, &pool, options.seed, cancel);
    q.precision = pr.precision;
    q.recall = pr.recall;
    cancellation.reached(0.85);

    const bool classifier =
        options.fd_features == FdFeatures::Classifier ||
        (options.fd_features == FdFeatures::Auto && !labels.empty() && classes >= 2);
    if (classifier) {
        ClassifierOptions co;
        co.seed = options.seed;
        const FeatureClassifier f = FeatureClassifier::train(
            x, labels, classes, co,
            [&](double t) {
                cancellation.reached(0.85 + 0.13 * t);
                return true;
            },
            cancel);
        q.fd = frechet_distance(gaussian_moments(f.features(x)),
                                gaussian_moments(f.features(generated)));
        q.fd_features = FdFeatures::Classifier;
    } else {
        // All rows: the Fréchet distance compares moments, which more rows only sharpen.
        q.fd = frechet_distance(gaussian_moments(x_p), gaussian_moments(g_p));
        q.fd_features = FdFeatures::Pca;
    }
    cancellation.reached(1.0);
    return q;
}

} // namespace vae
