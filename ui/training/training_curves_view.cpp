#include "ui/training/training_curves_view.h"

#include "ui/training/training_curves_csv.h"
#include "ui/training/training_curves_plot.h"
#include "ui/widgets/atomic_write.h"
#include "ui/widgets/plot_image_export.h"
#include "ui/widgets/save_path_dialog.h"

#include <QAction>
#include <QDir>
#include <QMessageBox>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace vae::ui {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The series drawn from the metrics samples, as opposed to the epoch summaries.
constexpr std::array kSampleSeries{
    TrainingCurvesSeries::TrainRaw,   TrainingCurvesSeries::TrainSmoothed,
    TrainingCurvesSeries::ReconRaw,   TrainingCurvesSeries::ReconSmoothed,
    TrainingCurvesSeries::KlRaw,      TrainingCurvesSeries::KlSmoothed,
    TrainingCurvesSeries::Beta,       TrainingCurvesSeries::LearningRate,
    TrainingCurvesSeries::Mmd,        TrainingCurvesSeries::DiscriminatorLoss,
    TrainingCurvesSeries::Adversarial};

} // namespace

TrainingCurvesView::TrainingCurvesView(QWidget* parent) : QWidget(parent) {
    plot_ = new QCustomPlot(this);
    plot_->setObjectName(QStringLiteral("trainingCurvesPlot"));
    chart_ = std::make_unique<TrainingCurvesPlot>(plot_, font());
    buildActions();

    replot_timer_ = new QTimer(this);
    replot_timer_->setSingleShot(true);
    replot_timer_->setInterval(kReplotIntervalMs);
    connect(replot_timer_, &QTimer::timeout, this, &TrainingCurvesView::replotNow);
    connect(plot_, &QCustomPlot::afterReplot, this, [this] { ++replot_count_; });

    // A zoom or pan of a time plot by the user stops the view from following the data (the
    // bars are not followed: each epoch sets their ranges).
    auto over_time_plot = [this](const QPointF& pos) {
        const auto rects = timeRects();
        return std::find(rects.begin(), rects.end(), plot_->axisRectAt(pos)) != rects.end();
    };
    connect(plot_, &QCustomPlot::mouseWheel, this, [this, over_time_plot](QWheelEvent* e) {
        if (over_time_plot(e->position()))
            setFollow(false);
    });
    connect(plot_, &QCustomPlot::mouseMove, this, [this, over_time_plot](QMouseEvent* e) {
        if (e->buttons() != Qt::NoButton && over_time_plot(e->position()))
            setFollow(false);
    });
    connect(plot_, &QCustomPlot::mouseDoubleClick, this, [this] { fitToData(); });

    auto* toolbar = new QToolBar(this);
    toolbar->setObjectName(QStringLiteral("trainingCurvesToolBar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolbar->addAction(fit_action_);
    toolbar->addSeparator();
    toolbar->addAction(raw_action_);
    toolbar->addAction(smoothed_action_);
    toolbar->addAction(bits_action_);
    toolbar->addSeparator();
    for (QAction* a : actions())
        if (a->objectName().startsWith(QLatin1String("export")))
            toolbar->addAction(a);
    plot_->setContextMenuPolicy(Qt::ActionsContextMenu);
    plot_->addActions(actions());

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(toolbar);
    layout->addWidget(plot_, 1);

    chart_->setLossUnit(showsBitsPerDimension());
    chart_->rescaleToData(show_raw_);
}

TrainingCurvesView::~TrainingCurvesView() = default;

void TrainingCurvesView::buildActions() {
    auto action = [this](const char* name, const QString& text, bool checkable) {
        auto* a = new QAction(text, this);
        a->setObjectName(QString::fromLatin1(name));
        a->setCheckable(checkable);
        if (checkable)
            a->setChecked(true);
        addAction(a);
        return a;
    };
    fit_action_ = action("fitAction", tr("Fit"), false);
    fit_action_->setToolTip(tr("Show all data and follow new points (or double-click the plot)"));
    fit_action_->setEnabled(false);
    connect(fit_action_, &QAction::triggered, this, &TrainingCurvesView::fitToData);
    raw_action_ = action("rawAction", tr("Raw"), true);
    raw_action_->setToolTip(tr("Show the raw metrics"));
    connect(raw_action_, &QAction::toggled, this, &TrainingCurvesView::setShowRaw);
    smoothed_action_ = action("smoothedAction", tr("Smoothed"), true);
    smoothed_action_->setToolTip(tr("Show an exponential moving average of the metrics"));
    connect(smoothed_action_, &QAction::toggled, this, &TrainingCurvesView::setShowSmoothed);
    bits_action_ = action("bitsAction", tr("Bits per dimension"), true);
    bits_action_->setChecked(false);
    bits_action_->setEnabled(false);
    bits_action_->setToolTip(
        tr("Show losses in bits per input dimension: -ELBO / (d ln 2) instead of nats per sample"));
    connect(bits_action_, &QAction::toggled, this, &TrainingCurvesView::setBitsPerDimension);
    auto export_to_file = [this](bool image) {
        const ExportOutcome outcome = exportDialog(image);
        if (!outcome.path.isEmpty() && !outcome.written)
            QMessageBox::warning(this, tr("Cannot export the curves"), outcome.error);
    };
    connect(action("exportCsvAction", tr("Export CSV…"), false), &QAction::triggered, this,
            [export_to_file] { export_to_file(false); });
    connect(action("exportImageAction", tr("Export Image…"), false), &QAction::triggered, this,
            [export_to_file] { export_to_file(true); });
}

QCPGraph* TrainingCurvesView::graph(Series s) const {
    return chart_->graph(s);
}

QCPBars* TrainingCurvesView::klBars(bool active) const {
    return chart_->klBars(active);
}

std::vector<QCPAxisRect*> TrainingCurvesView::timeRects() const {
    return chart_->timeRects();
}

bool TrainingCurvesView::showsMmd() const {
    return chart_->showsMmd();
}

bool TrainingCurvesView::showsGanLosses() const {
    return chart_->showsGanLosses();
}

QString TrainingCurvesView::activeUnitsText() const {
    if (history_.epochs().empty())
        return {};
    const EpochSummary& e = history_.epochs().back();
    return tr("active units: %1 of %2").arg(e.active_units).arg(e.kl_per_dim.size());
}

bool TrainingCurvesView::showsBitsPerDimension() const {
    return bits_ && input_dim_ > 0;
}

double TrainingCurvesView::lossScale() const {
    return showsBitsPerDimension() ? 1.0 / (static_cast<double>(input_dim_) * std::log(2.0)) : 1.0;
}

void TrainingCurvesView::appendMetrics(const std::vector<MetricsSample>& batch) {
    const std::size_t first = history_.samples().size();
    history_.appendSamples(batch);
    plotSamplesFrom(first);
}

// Adds the points of the stored samples from `first` on, in the current unit.
void TrainingCurvesView::plotSamplesFrom(std::size_t first) {
    const auto& samples = history_.samples();
    const auto& smoothed = history_.smoothed();
    if (first >= samples.size())
        return;
    const double scale = lossScale();
    const double elbo_scale = showsBitsPerDimension() ? -scale : 1.0;
    const auto n = static_cast<qsizetype>(samples.size() - first);
    QVector<double> keys(n);
    std::array<QVector<double>, kSeriesCount> values;
    for (Series s :
         {Series::TrainRaw, Series::TrainSmoothed, Series::ReconRaw, Series::ReconSmoothed,
          Series::KlRaw, Series::KlSmoothed, Series::Beta, Series::LearningRate})
        values[static_cast<std::size_t>(s)].resize(n);
    auto at = [&values](Series s, qsizetype i) -> double& {
        return values[static_cast<std::size_t>(s)][i];
    };
    for (qsizetype i = 0; i < n; ++i) {
        const std::size_t j = first + static_cast<std::size_t>(i);
        const MetricsSample& m = samples[j];
        const TrainingCurvesHistory::Smoothed& smooth = smoothed[j];
        keys[i] = m.epoch;
        at(Series::TrainRaw, i) = elbo_scale * m.elbo;
        at(Series::TrainSmoothed, i) = elbo_scale * smooth[0];
        at(Series::ReconRaw, i) = scale * m.recon;
        at(Series::ReconSmoothed, i) = scale * smooth[1];
        at(Series::KlRaw, i) = scale * m.kl;
        at(Series::KlSmoothed, i) = scale * smooth[2];
        at(Series::Beta, i) = m.beta;
        at(Series::LearningRate, i) = m.learning_rate > 0.0 ? m.learning_rate : kNaN;
    }
    for (std::size_t s = 0; s < values.size(); ++s)
        if (!values[s].isEmpty())
            chart_->graphs()[s]->addData(keys, values[s], true);
    // The regularisers have points only where they are on (0 means off: a plain run keeps its
    // layout without their axes).
    for (std::size_t j = first; j < samples.size(); ++j) {
        const MetricsSample& m = samples[j];
        if (m.mmd > 0.0)
            graph(Series::Mmd)->addData(m.epoch, m.mmd);
        if (m.discriminator_loss > 0.0) {
            graph(Series::DiscriminatorLoss)->addData(m.epoch, m.discriminator_loss);
            graph(Series::Adversarial)->addData(m.epoch, m.adversarial);
        }
    }
    chart_->updateRegulariserAxes();
    markDirty();
}

void TrainingCurvesView::appendEpoch(const EpochSummary& e) {
    history_.appendEpoch(e);
    plotEpochPoints(e);
    showLastEpochBars();
    markDirty();
}

void TrainingCurvesView::plotEpochPoints(const EpochSummary& e) {
    const double elbo_scale = showsBitsPerDimension() ? -lossScale() : 1.0;
    const auto x = static_cast<double>(e.epoch);
    if (std::isfinite(e.train_elbo))
        graph(Series::TrainEpoch)->addData(x, elbo_scale * e.train_elbo);
    if (std::isfinite(e.val_elbo))
        graph(Series::Validation)->addData(x, elbo_scale * e.val_elbo);
}

void TrainingCurvesView::showLastEpochBars() {
    const EpochSummary& e = history_.epochs().back();
    chart_->showKlPerDimension(e, font());
    chart_->setBarsCaption(tr("epoch %1 · %2").arg(e.epoch).arg(activeUnitsText()));
}

void TrainingCurvesView::markChange(double epoch, const QString& text) {
    history_.appendChange(epoch, text);
    chart_->addChangeMarker(epoch, text, font());
    markDirty();
}

void TrainingCurvesView::clear() {
    history_.clear();
    chart_->clear();
    setFollow(true);
    markDirty();
}

void TrainingCurvesView::setInputDimension(std::size_t d) {
    if (d == input_dim_)
        return;
    const bool was_bits = showsBitsPerDimension();
    input_dim_ = d;
    bits_action_->setEnabled(d > 0);
    if (was_bits || showsBitsPerDimension())
        changeUnits();
}

void TrainingCurvesView::setBitsPerDimension(bool on) {
    if (on == bits_)
        return;
    const bool was = showsBitsPerDimension();
    bits_ = on;
    bits_action_->setChecked(on);
    if (was != showsBitsPerDimension())
        changeUnits();
}

// Ranges zoomed in the old unit mean nothing in the new one: follow the data again.
void TrainingCurvesView::changeUnits() {
    rebuildSeries();
    setFollow(true);
}

void TrainingCurvesView::setShowRaw(bool on) {
    if (on == show_raw_)
        return;
    show_raw_ = on;
    raw_action_->setChecked(on);
    rebuildSeries();
}

void TrainingCurvesView::setShowSmoothed(bool on) {
    if (on == show_smoothed_)
        return;
    show_smoothed_ = on;
    smoothed_action_->setChecked(on);
    rebuildSeries();
}

void TrainingCurvesView::setSmoothing(double weight) {
    history_.setSmoothing(weight);
    for (Series s : kSampleSeries)
        graph(s)->data()->clear();
    plotSamplesFrom(0);
}

// Re-expresses every series from the stored samples in the current unit and visibility.
void TrainingCurvesView::rebuildSeries() {
    for (QCPGraph* g : chart_->graphs())
        g->data()->clear();
    plotSamplesFrom(0);
    for (const EpochSummary& e : history_.epochs())
        plotEpochPoints(e);
    if (!history_.epochs().empty())
        showLastEpochBars();
    for (Series s : {Series::TrainRaw, Series::ReconRaw, Series::KlRaw})
        graph(s)->setVisible(show_raw_);
    for (Series s : {Series::TrainSmoothed, Series::ReconSmoothed, Series::KlSmoothed})
        graph(s)->setVisible(show_smoothed_);
    chart_->fillElboLegend();
    chart_->setLossUnit(showsBitsPerDimension());
    markDirty();
}

void TrainingCurvesView::markDirty() {
    dirty_ = true;
    if (!replot_timer_->isActive())
        replot_timer_->start();
}

void TrainingCurvesView::replotNow() {
    if (!dirty_)
        return;
    // Hidden (another tab in front): keep the work for when the view is shown again.
    if (!isVisible())
        return;
    dirty_ = false;
    if (follow_)
        chart_->rescaleToData(show_raw_);
    plot_->replot(QCustomPlot::rpQueuedRefresh);
}

void TrainingCurvesView::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (dirty_)
        markDirty();
}

void TrainingCurvesView::setFollow(bool on) {
    follow_ = on;
    fit_action_->setEnabled(!on);
}

void TrainingCurvesView::fitToData() {
    setFollow(true);
    chart_->rescaleToData(show_raw_);
    dirty_ = false;
    plot_->replot(QCustomPlot::rpQueuedRefresh);
}

bool TrainingCurvesView::exportCsv(const QString& path, QString* error) const {
    QString reason;
    if (write_file_atomically(path, QByteArray::fromStdString(training_curves_csv(history_)),
                              &reason))
        return true;
    if (error)
        *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), reason);
    return false;
}

bool TrainingCurvesView::exportImage(const QString& path, QString* error) {
    if (follow_)
        chart_->rescaleToData(show_raw_);
    return PlotImageExport::write(plot_, path, tr("Training curves"), error);
}

TrainingCurvesView::ExportOutcome TrainingCurvesView::exportDialog(bool image) {
    const QString caption = tr("Export Training Curves");
    ExportOutcome outcome;
    outcome.path =
        image ? PlotImageExport::askPath(this, caption, QStringLiteral("training_curves.png"))
              : ask_save_path(this, caption, QStringLiteral("training_curves.csv"),
                              {{tr("CSV file (*.csv)"), QStringLiteral("csv")}});
    if (!outcome.path.isEmpty())
        outcome.written = image ? exportImage(outcome.path, &outcome.error)
                                : exportCsv(outcome.path, &outcome.error);
    return outcome;
}

} // namespace vae::ui
