#pragma once

#include "data/dataset.h"
#include "metrics/sample_quality.h"
#include "training/training_config.h"
#include "ui/quality/quality_job.h"
#include "ui/widgets/sample_renderer.h"
#include "vae/vae_model.h"

#include <QWidget>

#include <memory>

class QCheckBox;
class QLabel;
class QProgressBar;
class QScrollArea;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QTableWidget;

namespace vae::ui {

class QualityKlBars;
class SampleGridWidget;

/// The Quality page: how blurry, repetitive and unlike the data the current model's samples
/// are, in numbers (sample-quality metrics and held-out likelihood figures, each with which way
/// is good and a one-line meaning) and pictures (samples from the prior, reconstructions of
/// held-out rows, KL per latent dimension). Computes on a pool thread (QualityJob) on Compute,
/// or when asked by the window at the end of a run; a new request supersedes a running one.
class QualityPanel : public QWidget {
    Q_OBJECT
public:
    explicit QualityPanel(QWidget* parent = nullptr);

    /// What Compute scores: `model` on the held-out rows of `data` under `config`'s split.
    void setContext(std::shared_ptr<const VaeModel> model, std::shared_ptr<const Dataset> data,
                    const TrainingConfig& config);
    /// The sample-quality function (evaluate_sample_quality in the app).
    void setQualityFunction(QualityFunction f);
    /// Options of the next computation; samples also follows the page's spin box.
    void setOptions(const SampleQualityOptions& o);
    [[nodiscard]] SampleQualityOptions options() const;
    /// K of the IWAE bound (0: skip it) and the held-out rows it uses at most.
    void setIwae(std::size_t samples, std::size_t max_rows);

    /// Starts scoring the context's model (superseding a running computation); false when
    /// there is no model or it does not fit the data.
    bool compute();
    /// Stops the running computation; the figures shown stay.
    void cancel();
    [[nodiscard]] bool busy() const;
    /// Whether the window should compute at the end of each run (the page's check box).
    [[nodiscard]] bool autoCompute() const;

    /// Shows `report`'s figures and pictures (null clears the page).
    void showReport(std::shared_ptr<const QualityReport> report);
    [[nodiscard]] std::shared_ptr<const QualityReport> report() const { return report_; }
    /// The Value cell of the figure `key` ("precision", "elbo", ...); empty when unknown.
    [[nodiscard]] QString valueText(const QString& key) const;
    /// The Figure cell of `key` ("FD (PCA)") and its tooltip; empty when unknown.
    [[nodiscard]] QString labelText(const QString& key) const;
    [[nodiscard]] QString toolTipText(const QString& key) const;
    [[nodiscard]] const SampleGridWidget* priorGrid() const { return prior_grid_; }
    [[nodiscard]] const SampleGridWidget* reconstructionGrid() const { return recon_grid_; }

signals:
    /// A computation finished and its figures are shown.
    void reportReady(std::shared_ptr<const vae::ui::QualityReport> report);
    /// A computation started or ended (finished, failed, cancelled).
    void busyChanged(bool busy);
    /// The user clicked a sample of a grid: x is that sample (1 x D, stored units), for the
    /// nearest-training-samples viewer.
    void sampleChosen(const vae::Matrix& x, const QString& caption);

private:
    void buildTable();
    void fillTable();
    void showPictures();
    void setBusy(bool busy, const QString& status);
    void updateStatus();
    void updateButtons();
    void chooseSample(bool prior, int row, int index);
    [[nodiscard]] int rowOf(const QString& key) const; ///< the table row of figure `key`, or -1

    QualityJob* job_ = nullptr;
    SampleQualityOptions options_;
    std::size_t iwae_samples_ = 50;
    std::size_t iwae_max_rows_ = 1000;
    std::shared_ptr<const VaeModel> model_;
    std::shared_ptr<const Dataset> data_;
    TrainingConfig config_;
    std::shared_ptr<const QualityReport> report_;
    SampleRenderer renderer_;
    QString problem_; ///< why the last computation failed

    QLabel* status_ = nullptr;
    QSpinBox* samples_ = nullptr;
    QCheckBox* auto_ = nullptr;
    QPushButton* compute_ = nullptr;
    QPushButton* cancel_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QTableWidget* table_ = nullptr;
    QualityKlBars* kl_bars_ = nullptr;
    QStackedWidget* pictures_ = nullptr;
    SampleGridWidget* prior_grid_ = nullptr;
    SampleGridWidget* recon_grid_ = nullptr;
    QScrollArea* prior_scroll_ = nullptr;
    QScrollArea* recon_scroll_ = nullptr;
    QLabel* no_pictures_ = nullptr;
};

} // namespace vae::ui
