#include "ui/training/training_curves_history.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace vae::ui {

TrainingCurvesHistory::TrainingCurvesHistory() {
    resetSmoothing();
}

void TrainingCurvesHistory::appendSamples(const std::vector<MetricsSample>& batch) {
    const std::size_t first = samples_.size();
    samples_.insert(samples_.end(), batch.begin(), batch.end());
    smoothFrom(first);
}

void TrainingCurvesHistory::clear() {
    samples_.clear();
    epochs_.clear();
    changes_.clear();
    resetSmoothing();
}

void TrainingCurvesHistory::setSmoothing(double weight) {
    smoothing_ = std::clamp(weight, 0.0, 0.999);
    resetSmoothing();
    smoothFrom(0);
}

void TrainingCurvesHistory::resetSmoothing() {
    smoothed_.clear();
    ema_.fill(std::numeric_limits<double>::quiet_NaN());
    ema_wn_.fill(1.0);
}

void TrainingCurvesHistory::smoothFrom(std::size_t first) {
    const double w = smoothing_;
    for (std::size_t i = first; i < samples_.size(); ++i) {
        const MetricsSample& m = samples_[i];
        const std::array<double, 3> raw{m.elbo, m.recon, m.kl};
        for (std::size_t k = 0; k < 3; ++k) {
            // The EMA b_n = w b_(n-1) + (1-w) x_n, divided by 1 - w^n so that it is not pulled
            // toward the 0 it starts from, written as one update of the debiased value: the
            // first step takes x_1 exactly.
            if (std::isfinite(raw[k])) {
                ema_wn_[k] *= w;
                const double gain = (1.0 - w) / (1.0 - ema_wn_[k]);
                ema_[k] = std::isnan(ema_[k]) ? raw[k] : ema_[k] + gain * (raw[k] - ema_[k]);
            }
        }
        smoothed_.push_back(ema_);
    }
}

} // namespace vae::ui
