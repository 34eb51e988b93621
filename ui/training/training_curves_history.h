#pragma once

#include "training/training_events.h"

#include <QString>

#include <array>
#include <cstddef>
#include <vector>

namespace vae::ui {

/// Everything the training curves were given, as it came (nats per sample), with the smoothed
/// ELBO, reconstruction and KL of each metrics sample: what the view draws from and what its
/// CSV export writes. Not a QObject; GUI thread only.
///
/// Smoothing is TensorBoard's: an exponential moving average with weight w (default 0.9) over
/// the samples, divided by 1 - w^n so it starts at the first raw value instead of being pulled
/// toward zero. Non-finite raw values are skipped by the average.
class TrainingCurvesHistory {
public:
    /// A mid-run change (β, learning rate, warm-up) at a fractional epoch.
    struct Change {
        double epoch;
        QString text;
    };
    /// Smoothed ELBO, recon and KL of one sample, in nats.
    using Smoothed = std::array<double, 3>;

    TrainingCurvesHistory();

    /// Stores the samples and their smoothed values (smoothed() grows by batch.size()).
    void appendSamples(const std::vector<MetricsSample>& batch);
    void appendEpoch(const EpochSummary& e) { epochs_.push_back(e); }
    void appendChange(double epoch, const QString& text) { changes_.push_back({epoch, text}); }
    /// Forgets everything but the smoothing weight.
    void clear();

    /// EMA weight, clamped to [0, 0.999] (0 leaves the values as they are); smooths every stored
    /// sample again.
    void setSmoothing(double weight);

    [[nodiscard]] const std::vector<MetricsSample>& samples() const { return samples_; }
    [[nodiscard]] const std::vector<Smoothed>& smoothed() const { return smoothed_; }
    [[nodiscard]] const std::vector<EpochSummary>& epochs() const { return epochs_; }
    [[nodiscard]] const std::vector<Change>& changes() const { return changes_; }

private:
    void resetSmoothing();
    void smoothFrom(std::size_t first);

    std::vector<MetricsSample> samples_;
    std::vector<EpochSummary> epochs_;
    std::vector<Change> changes_;
    std::vector<Smoothed> smoothed_;
    Smoothed ema_{};                 ///< debiased averages so far (NaN before the first value)
    std::array<double, 3> ema_wn_{}; ///< w^n, n = finite values averaged so far
    double smoothing_ = 0.9;
};

} // namespace vae::ui
