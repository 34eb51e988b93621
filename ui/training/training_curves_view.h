#pragma once

#include "training/training_events.h"
#include "ui/training/training_curves_history.h"
#include "ui/training/training_curves_series.h"
#include "vae/active_units.h"

#include <QString>
#include <QWidget>

#include <cstddef>
#include <memory>
#include <vector>

class QAction;
class QCPAxisRect;
class QCPBars;
class QCPGraph;
class QCustomPlot;
class QTimer;

namespace vae::ui {

class TrainingCurvesPlot;

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
/// Smoothing is TensorBoard's debiased moving average (TrainingCurvesHistory). The plot's
/// layout and items are TrainingCurvesPlot's; this widget keeps the data, the toolbar, the
/// units and when to replot.
class TrainingCurvesView : public QWidget {
    Q_OBJECT
public:
    /// The graphs of the view, for the lead integrator and tests.
    using Series = TrainingCurvesSeries;
    static constexpr int kSeriesCount = kTrainingCurvesSeriesCount;

    /// A latent unit's bar is coloured active by the engine's own rule, vae::is_active_unit() of
    /// the variance over the data of its posterior mean, so the colours agree with the count
    /// shown. Summaries without mean_variance fall back to KL > this many nats.
    static constexpr double kActiveThreshold = kActiveUnitThreshold;
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

    /// Writes every metrics sample, epoch summary and marked change as CSV (training_curves_csv()
    /// says which columns), atomically (write_file_atomically()).
    bool exportCsv(const QString& path, QString* error) const;
    /// Writes the curves as they are shown to a .png or .pdf (by suffix), atomically.
    bool exportImage(const QString& path, QString* error);

    /// What became of exportDialog().
    struct ExportOutcome {
        QString path;         ///< the file chosen; empty when the user cancelled
        bool written = false; ///< whether the curves are in it
        QString error;        ///< why they could not be written, naming the file
    };
    /// The one way the user exports the curves, from this view's toolbar and from the File menu:
    /// asks for a CSV file (or a PNG or PDF when `image`), starting in the shared
    /// last_directory(), which it remembers, and writes exportCsv() or exportImage() there.
    /// The caller reports a failure in its own way (the toolbar with a message box).
    ExportOutcome exportDialog(bool image);

    /// True while bits per dimension are shown (asked for and an input dimension is set).
    [[nodiscard]] bool showsBitsPerDimension() const;
    [[nodiscard]] bool followsData() const { return follow_; }
    [[nodiscard]] int replotCount() const { return replot_count_; }
    /// Raw train points so far.
    [[nodiscard]] std::size_t pointCount() const { return history_.samples().size(); }
    [[nodiscard]] QCustomPlot* plot() const { return plot_; }
    [[nodiscard]] QCPGraph* graph(Series s) const;
    /// Bars of the latent units over the KL threshold (`active`) or not.
    [[nodiscard]] QCPBars* klBars(bool active) const;
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
    void buildActions();
    void plotSamplesFrom(std::size_t first);
    void plotEpochPoints(const vae::EpochSummary& e);
    void showLastEpochBars();
    void rebuildSeries();
    void changeUnits();
    void markDirty();
    void replotNow();
    void setFollow(bool on);
    [[nodiscard]] double lossScale() const;

    QCustomPlot* plot_ = nullptr;
    std::unique_ptr<TrainingCurvesPlot> chart_;
    QTimer* replot_timer_ = nullptr;

    QAction* fit_action_ = nullptr;
    QAction* raw_action_ = nullptr;
    QAction* smoothed_action_ = nullptr;
    QAction* bits_action_ = nullptr;

    TrainingCurvesHistory history_;
    std::size_t input_dim_ = 0;
    bool bits_ = false;
    bool show_raw_ = true;
    bool show_smoothed_ = true;
    bool follow_ = true;
    bool dirty_ = false;
    int replot_count_ = 0;
};

} // namespace vae::ui
