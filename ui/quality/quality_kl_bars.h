#pragma once

#include <qcustomplot.h>

#include <vector>

namespace vae::ui {

/// KL per latent dimension as bars, the active units in colour and the collapsed ones grey:
/// posterior collapse at a glance.
class QualityKlBars : public QCustomPlot {
    Q_OBJECT
public:
    explicit QualityKlBars(QWidget* parent = nullptr);
    /// One bar per dimension; a dimension is active when its `mean_variance` exceeds
    /// `threshold` (evaluate_vae's rule). Empty vectors clear the plot.
    void setValues(const std::vector<double>& kl_per_dim, const std::vector<double>& mean_variance,
                   double threshold);
    [[nodiscard]] int barCount() const { return bars_; }

private:
    QCPBars* active_ = nullptr;
    QCPBars* idle_ = nullptr;
    int bars_ = 0;
};

} // namespace vae::ui
