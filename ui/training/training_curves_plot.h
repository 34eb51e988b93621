#pragma once

#include "training/training_events.h"
#include "ui/training/training_curves_series.h"

#include <QCoreApplication>
#include <QString>
#include <QVector>

#include <array>
#include <cstddef>
#include <vector>

class QCPAxisRect;
class QCPBars;
class QCPGraph;
class QCPItemText;
class QCPLegend;
class QCPTextElement;
class QCustomPlot;
class QFont;

namespace vae::ui {

/// The layout, axes and styling of the training curves on one QCustomPlot, and the items drawn
/// over them: stacked time plots (ELBO, recon with the GAN losses, KL with the MMD, β with the
/// learning rate on a log axis) whose x ranges are linked, and beside them the KL of each
/// latent unit as bars, active or collapsed. Knows what to draw, not where the data comes
/// from: TrainingCurvesView feeds it. Does not own the plot (its items belong to it); GUI
/// thread only.
class TrainingCurvesPlot {
    Q_DECLARE_TR_FUNCTIONS(TrainingCurvesPlot)
public:
    using Series = TrainingCurvesSeries;

    /// Lays out `plot` (cleared first) with fonts derived from `base`.
    TrainingCurvesPlot(QCustomPlot* plot, const QFont& base);

    [[nodiscard]] QCPGraph* graph(Series s) const { return graphs_[static_cast<std::size_t>(s)]; }
    [[nodiscard]] const std::array<QCPGraph*, kTrainingCurvesSeriesCount>& graphs() const {
        return graphs_;
    }
    /// Bars of the active latent units (`active`) or of the collapsed ones.
    [[nodiscard]] QCPBars* klBars(bool active) const { return active ? active_bars_ : idle_bars_; }
    /// The plots whose x axis is the epoch, top to bottom.
    [[nodiscard]] std::vector<QCPAxisRect*> timeRects() const;
    /// Whether the right-hand axis of the MMD (KL plot) or of the GAN losses (recon plot) shows.
    [[nodiscard]] bool showsMmd() const;
    [[nodiscard]] bool showsGanLosses() const;

    /// Shows the right-hand axes of the regularisers whose curves have points.
    void updateRegulariserAxes();
    /// Lists the visible ELBO series in the legend above the plots.
    void fillElboLegend();
    /// Names the loss axes in bits per dimension or in nats per sample.
    void setLossUnit(bool bits_per_dimension);
    /// The text above the KL bars.
    void setBarsCaption(const QString& text);
    /// Replaces the KL bars with those of `e`, coloured by vae::is_active_unit() of each unit's
    /// posterior-mean variance (its KL when the summary has none), and labels the collapsed
    /// units in `base`-derived type.
    void showKlPerDimension(const EpochSummary& e, const QFont& base);
    /// A dashed line at `epoch` on every time plot, with `text` beside it.
    void addChangeMarker(double epoch, const QString& text, const QFont& base);
    /// Removes every point, bar and marker.
    void clear();
    /// Sets the x axes to the data so far and each value axis to its curves: the raw one
    /// (`show_raw`) or else the smoothed one sets the range, without its outliers.
    void rescaleToData(bool show_raw);

private:
    void build(const QFont& base);
    void linkTimeAxes();
    void setDimensionTicks(std::size_t dims);
    void labelCollapsed(const QVector<double>& dims, std::size_t total, const QFont& base);

    QCustomPlot* plot_;
    QCPAxisRect* elbo_rect_ = nullptr;
    QCPAxisRect* recon_rect_ = nullptr;
    QCPAxisRect* kl_rect_ = nullptr;
    QCPAxisRect* schedule_rect_ = nullptr;
    QCPAxisRect* bars_rect_ = nullptr;
    QCPLegend* elbo_legend_ = nullptr;
    QCPTextElement* bars_caption_ = nullptr;
    std::array<QCPGraph*, kTrainingCurvesSeriesCount> graphs_{};
    QCPBars* active_bars_ = nullptr;
    QCPBars* idle_bars_ = nullptr;
    std::vector<QCPItemText*> collapsed_labels_;
    bool syncing_x_ = false;
    std::size_t ticked_dims_ = static_cast<std::size_t>(-1); ///< none yet
};

} // namespace vae::ui
