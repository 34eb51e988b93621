#pragma once

#include "training/training_events.h"

#include <QString>
#include <QVector>
#include <QWidget>

#include <array>
#include <cstddef>
#include <vector>

class QAction;
class QCPAxisRect;
class QCPBars;
class QCPGraph;
class QCPItemText;
class QCPLegend;
class QCPTextElement;
class QCustomPlot;
class QTimer;

namespace vae::ui {

/// Live curves of one training run, on one QCustomPlot: the ELBO (train raw and smoothed, the
/// per-epoch train mean and validation), reconstruction, KL, β with the learning rate (log
/// axis), all against fractional epochs with their x ranges linked; and the KL of each latent
/// dimension of the last epoch as bars, beside the active-unit count. Runs with the sample-
/// quality fixes add, on right-hand axes that appear only then, the MMD beside the KL and both
/// VAE-GAN players' losses beside the reconstruction.
///
/// Appends are cheap: they only add points and mark the view dirty; a timer replots at most
/// 10 times a second however fast metrics arrive. The view follows the data (rescales
/// after each append) until the user zooms or pans; a double-click or Fit follows again.
/// Value axes leave out the outer 1% of the raw points, as TensorBoard's "ignore outliers"
/// does, so that the first steps of a run do not squash the rest. While the view is hidden it
/// does not replot at all; it catches up when shown.
///
/// Smoothing is TensorBoard's: an exponential moving average with weight w (default 0.9)
/// over the samples, divided by 1 - w^n so it starts at the first raw value instead of being
/// pulled toward zero. Non-finite raw values are skipped by the average.
class TrainingCurvesView : public QWidget {
    Q_OBJECT
public:
    /// The graphs of the view, for the lead integrator and tests.
    enum class Series {
        TrainRaw,
        TrainSmoothed,
        TrainEpoch, ///< mean train ELBO of each epoch, at x = epoch
        Validation, ///< validation ELBO, at x = epoch
        ReconRaw,
        ReconSmoothed,
        KlRaw,
        KlSmoothed,
        Beta,
        LearningRate,
        /// MMD^2 of the regulariser, on the KL plot's right axis; points only while it is on.
        Mmd,
        /// VAE-GAN, on the recon plot's right axis; points only while a discriminator trains.
        DiscriminatorLoss, ///< the discriminator's BCE on data and fakes
        Adversarial,       ///< the VAE's -log D(x~) (unweighted)
    };
    static constexpr int kSeriesCount = 13;

    /// A latent unit's bar is coloured active when the variance over the data of its posterior
    /// mean exceeds this (Burda et al. 2015), the engine's own active-unit rule
    /// (EvaluationOptions::active_threshold), so the colours agree with the count shown. A unit
    /// whose posterior leaves the prior without depending on x has KL but carries nothing.
    /// Summaries without mean_variance fall back to KL > this many nats.
    static constexpr double kActiveThreshold = 0.01;
    /// Replot timer period: caps repaints at 10 per second. Each replot costs about 4-5 ms of
    /// the GUI thread, on a core the training threads share; 30 a second cost about a third
    /// more GUI time for curves that move no faster to the eye.
    static constexpr int kReplotIntervalMs = 100;

    explicit TrainingCurvesView(QWidget* parent = nullptr);
    ~TrainingCurvesView() override;

    /// Appends raw points and their smoothed copies; no replot here (see class comment).
    void appendMetrics(const std::vector<vae::MetricsSample>& batch);
    /// Adds the epoch's train and validation ELBO points and replaces the KL-per-dim bars and
    /// the active-unit count.
    void appendEpoch(const vae::EpochSummary& e);
    /// Marks a mid-run change (β, learning rate, warm-up) with a dashed line on each time plot
    /// and `text` next to it.
    void markChange(double epoch, const QString& text);
    /// Forgets everything, for a new run; keeps the display options.
    void clear();

    /// Input dimension d of the data, for bits per dimension (bpd = -ELBO / (d ln 2)).
    void setInputDimension(std::size_t d);
    /// Shows losses (ELBO, recon, KL) in bits per input dimension instead of nats per sample.
    /// Takes effect only while an input dimension is set.
    void setBitsPerDimension(bool on);
    void setShowRaw(bool on);
    void setShowSmoothed(bool on);
    /// EMA weight in [0, 0.999]: 0 leaves the curves as they are.
    void setSmoothing(double weight);
    /// Follows the data again: rescales all axes and replots now.
    void fitToData();

    /// Writes every metrics sample, epoch summary and marked change as CSV, atomically (QSaveFile).
    /// One header row, then one row per event in epoch order (ties: steps, changes, epochs), so
    /// that pandas reads it with read_csv() and splits it with df[df.kind == "step"]:
    ///   kind            "step", "epoch" or "change"
    ///   step            training step (step rows)
    ///   epoch           fractional epoch of a step or change; the 1-based epoch of an epoch
    ///                   row (its end on the x axis)
    ///   elbo            step: ELBO averaged since the previous sample; epoch: mean train ELBO
    ///   recon, kl       step: training averages; epoch: from the evaluation pass (held-out
    ///                   split, or the training data when there is none)
    ///   beta, learning_rate, grad_norm, rollbacks   step rows
    ///   samples_per_sec step and epoch rows
    ///   val_elbo        epoch rows; empty without a validation split
    ///   active_units    epoch rows: the engine's count (variance of the posterior mean > 0.01)
    ///   note            change rows: what changed
    ///   mmd, adversarial, feature_matching, discriminator_loss, d_real, d_fake
    ///                   step rows: the regularisers' averages (0 when off); epoch rows: their
    ///                   means over the epoch
    ///   kl_dim_0 ...    epoch rows: KL of each latent dimension
    /// Raw values in nats per sample whatever is displayed; empty cells where a column does not
    /// apply; numbers are the shortest text that reads back as exactly the same double.
    bool exportCsv(const QString& path, QString* error) const;
    /// Writes the curves as they are shown to a .png or .pdf (by suffix), atomically.
    bool exportImage(const QString& path, QString* error);

    /// True while bits per dimension are shown (asked for and an input dimension is set).
    [[nodiscard]] bool showsBitsPerDimension() const;
    [[nodiscard]] bool followsData() const { return follow_; }
    [[nodiscard]] int replotCount() const { return replot_count_; }
    /// Raw train points so far.
    [[nodiscard]] std::size_t pointCount() const { return samples_.size(); }
    [[nodiscard]] QCustomPlot* plot() const { return plot_; }
    [[nodiscard]] QCPGraph* graph(Series s) const { return graphs_[static_cast<int>(s)]; }
    /// Bars of the latent units over the KL threshold (`active`) or not.
    [[nodiscard]] QCPBars* klBars(bool active) const { return active ? active_bars_ : idle_bars_; }
    /// The plots whose x axis is the epoch, top to bottom.
    [[nodiscard]] std::vector<QCPAxisRect*> timeRects() const;
    /// "active units: 3 of 16", or empty before the first epoch.
    [[nodiscard]] QString activeUnitsText() const;
    /// Whether the right-hand axis of the MMD (KL plot) or of the GAN losses (recon plot) shows.
    [[nodiscard]] bool showsMmd() const;
    [[nodiscard]] bool showsGanLosses() const;

protected:
    void showEvent(QShowEvent* event) override;

private:
    struct Change {
        double epoch;
        QString text;
    };

    void buildPlot();
    void buildActions();
    void addChangeItems(const Change& c);
    void rebuildSeries();
    void changeUnits();
    void resetSmoothing();
    void refreshLabels();
    void fillElboLegend();
    void setDimensionTicks(std::size_t dims);
    void labelCollapsed(const QVector<double>& dims, std::size_t total);
    void updateRegulariserAxes();
    void markDirty();
    void replotNow();
    void rescaleToData();
    void linkTimeAxes();
    void setFollow(bool on);
    void exportCsvDialog();
    void exportImageDialog();
    [[nodiscard]] double lossScale() const;

    QCustomPlot* plot_ = nullptr;
    QTimer* replot_timer_ = nullptr;
    QCPAxisRect* elbo_rect_ = nullptr;
    QCPAxisRect* recon_rect_ = nullptr;
    QCPAxisRect* kl_rect_ = nullptr;
    QCPAxisRect* schedule_rect_ = nullptr;
    QCPAxisRect* bars_rect_ = nullptr;
    QCPLegend* elbo_legend_ = nullptr;
    QCPTextElement* active_text_ = nullptr;
    std::array<QCPGraph*, kSeriesCount> graphs_{};
    QCPBars* active_bars_ = nullptr;
    QCPBars* idle_bars_ = nullptr;
    std::vector<QCPItemText*> collapsed_labels_;

    QAction* fit_action_ = nullptr;
    QAction* raw_action_ = nullptr;
    QAction* smoothed_action_ = nullptr;
    QAction* bits_action_ = nullptr;

    std::vector<vae::MetricsSample> samples_;
    std::vector<vae::EpochSummary> epochs_;
    std::vector<Change> changes_;
    /// Smoothed ELBO, recon, KL of each sample, in nats.
    std::vector<std::array<double, 3>> smoothed_;
    std::array<double, 3> ema_{};    ///< debiased averages so far (NaN before the first value)
    std::array<double, 3> ema_wn_{}; ///< w^n, n = finite values averaged so far

    double smoothing_ = 0.9;
    std::size_t input_dim_ = 0;
    bool bits_ = false;
    bool show_raw_ = true;
    bool show_smoothed_ = true;
    bool follow_ = true;
    bool dirty_ = false;
    bool syncing_x_ = false;
    int replot_count_ = 0;
    std::size_t ticked_dims_ = static_cast<std::size_t>(-1); ///< none yet
};

} // namespace vae::ui
