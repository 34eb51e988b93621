#pragma once

#include "data/dataset.h"
#include "metrics/sample_quality.h"
#include "training/training_config.h"
#include "ui/widgets/background_job.h"
#include "vae/evaluate_vae.h"
#include "vae/vae_model.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace vae::ui {

/// What the Quality panel asks for: a model, the loaded data and the settings of the run that
/// trained it (for its validation split).
struct QualityRequest {
    std::shared_ptr<const VaeModel> model;
    std::shared_ptr<const Dataset> data;
    TrainingConfig config;
    SampleQualityOptions options;
    std::size_t iwae_samples = 50;    ///< K of the IWAE bound; 0 skips it
    std::size_t iwae_max_rows = 1000; ///< the bound uses at most this many held-out rows
    std::size_t grid_samples = 40;    ///< prior samples decoded for the sample grid
    std::size_t grid_reconstructions = 20;
};

/// What the job found. Held by shared pointer: the panel and the Runs table share it.
struct QualityReport {
    std::shared_ptr<const VaeModel> model;
    std::shared_ptr<const Dataset> held_out; ///< the rows scored
    bool validation = false; ///< held_out is the run's validation split (else all the data)
    SampleQualityOptions options;
    /// Empty when the sample-quality metrics failed or are not available; quality_error says why.
    std::optional<SampleQuality> quality;
    QString quality_error;
    EvaluationResult evaluation;
    std::size_t iwae_rows = 0; ///< held-out rows behind evaluation.iwae
    std::size_t iwae_samples = 0;
    Matrix prior;           ///< grid_samples decoded prior samples, stored units
    Matrix originals;       ///< held-out rows shown beside their reconstructions
    Matrix reconstructions; ///< decoded means of their encodings
    double seconds = 0.0;
};

/// The sample-quality function the job calls (evaluate_sample_quality, or a stand-in in tests).
using QualityFunction = std::function<SampleQuality(
    const VaeModel&, const Dataset&, const SampleQualityOptions&, const QualityProgress&)>;

/// Scores a model on a pool thread: evaluate_vae() on the held-out rows (with the IWAE bound on
/// a subsample), the sample-quality metrics, and a few decoded samples and reconstructions for
/// the grids. A new request supersedes the running one: the old one is told to stop at its
/// next progress check and its result is dropped. The work holds its inputs by shared pointer;
/// destroying the job cancels it and waits for it to stop. GUI thread only.
class QualityJob : public QObject {
    Q_OBJECT
public:
    explicit QualityJob(QObject* parent = nullptr);

    /// The sample-quality function; without one (the default) reports carry only the
    /// likelihood figures and a quality_error.
    void setQualityFunction(QualityFunction f) { quality_ = std::move(f); }
    /// Starts scoring; false (and nothing starts) without a model, data, or when they do not fit.
    bool start(const QualityRequest& request);
    /// Asks the running job to stop; its result is dropped and cancelled() follows.
    void cancel();
    [[nodiscard]] bool running() const { return job_.isRunning(); }

signals:
    void progressChanged(double fraction);
    void finished(std::shared_ptr<const vae::ui::QualityReport> report);
    void failed(const QString& message);
    void cancelled();

private:
    struct Outcome {
        std::shared_ptr<const QualityReport> report;
        QString error;
        bool cancelled = false;
    };
    void finish(const Outcome& out);

    QualityFunction quality_;
    BackgroundJob<Outcome> job_;
};

/// Runs one request on the calling thread (what the job does on its pool thread); `progress`
/// returns false to cancel, which throws std::runtime_error("cancelled"). For tests and the CLI.
QualityReport compute_quality_report(const QualityRequest& request, const QualityFunction& quality,
                                     const QualityProgress& progress);

} // namespace vae::ui

Q_DECLARE_METATYPE(std::shared_ptr<const vae::ui::QualityReport>)
