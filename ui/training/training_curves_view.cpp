#include "ui/training/training_curves_view.h"

#include "data/csv_field.h"
#include "ui/widgets/plot_image_export.h"
#include "ui/widgets/plot_style.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QSaveFile>
#include <QSettings>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <string>

namespace vae::ui {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Up to this many latent dimensions, each bar gets its own tick label.
constexpr std::size_t kLabelAllDims = 24;

// Share of the noisy points left out at each end when the view scales a value axis, as
// TensorBoard's "ignore outliers" does: the first steps of a run (an ELBO of -1500 and the like)
// would otherwise squash the rest of the curve into a line.
constexpr double kOutlierShare = 0.01;

const QColor kTrainColor(31, 119, 180);
const QColor kValidationColor(230, 110, 0);
const QColor kReconColor(44, 150, 44);
const QColor kKlColor(200, 40, 40);
const QColor kBetaColor(128, 80, 180);
const QColor kLrColor(140, 86, 75);
const QColor kMmdColor(230, 120, 20);
const QColor kDiscriminatorColor(90, 90, 90);
const QColor kAdversarialColor(210, 60, 160);
const QColor kIdleColor(175, 175, 175);
const QColor kChangeColor(70, 70, 70);

QColor faded(QColor c, int alpha) {
    c.setAlpha(alpha);
    return c;
}

void append_number(std::string& out, double v) {
    if (std::isnan(v))
        return;
    char buffer[32];
    const auto r = std::to_chars(buffer, buffer + sizeof buffer, v);
    out.append(buffer, r.ptr);
}

template <typename Int> void append_integer(std::string& out, Int v) {
    out += std::to_string(v);
}

QString native(const QString& path) {
    return QDir::toNativeSeparators(path);
}

// Value range of the visible graphs within `keys`: of `noisy` without the kOutlierShare
// extremes at each end, joined with the whole range of `exact` (few, meaningful points).
bool robust_value_range(const std::vector<QCPGraph*>& noisy, const std::vector<QCPGraph*>& exact,
                        const QCPRange& keys, std::vector<double>& scratch, QCPRange* out) {
    scratch.clear();
    for (const QCPGraph* g : noisy) {
        if (!g->visible())
            continue;
        const auto end = g->data()->findEnd(keys.upper);
        for (auto it = g->data()->findBegin(keys.lower); it != end; ++it)
            if (std::isfinite(it->value))
                scratch.push_back(it->value);
    }
    bool found = !scratch.empty();
    double lower = std::numeric_limits<double>::infinity();
    double upper = -lower;
    if (found) {
        const auto n = scratch.size();
        const auto cut = static_cast<std::size_t>(kOutlierShare * static_cast<double>(n));
        auto lo = scratch.begin() + static_cast<std::ptrdiff_t>(cut);
        auto hi = scratch.begin() + static_cast<std::ptrdiff_t>(n - 1 - cut);
        std::nth_element(scratch.begin(), lo, scratch.end());
        lower = *lo;
        std::nth_element(lo, hi, scratch.end());
        upper = *hi;
    }
    for (const QCPGraph* g : exact) {
        bool has = false;
        const QCPRange r = g->visible() ? g->getValueRange(has, QCP::sdBoth, keys) : QCPRange();
        if (has) {
            lower = std::min(lower, r.lower);
            upper = std::max(upper, r.upper);
            found = true;
        }
    }
    if (!found)
        return false;
    const double pad =
        upper > lower ? 0.06 * (upper - lower) : std::max(1e-3, 0.05 * std::abs(upper));
    *out = QCPRange(lower - pad, upper + pad);
    return true;
}

QCPGraph* make_graph(QCPAxis* x, QCPAxis* y, const QString& name, const QPen& pen) {
    QCPGraph* g = x->parentPlot()->addGraph(x, y);
    g->setName(name);
    g->setPen(pen);
    g->setAdaptiveSampling(true);
    return g;
}

} // namespace

TrainingCurvesView::TrainingCurvesView(QWidget* parent) : QWidget(parent) {
    plot_ = new QCustomPlot(this);
    plot_->setObjectName(QStringLiteral("trainingCurvesPlot"));
    buildPlot();
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

    resetSmoothing();
    refreshLabels();
    rescaleToData();
}

TrainingCurvesView::~TrainingCurvesView() = default;

void TrainingCurvesView::buildPlot() {
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot_->setNoAntialiasingOnDrag(true);
    // Per-segment drawing: a 2 px antialiased polyline of 50,000 points costs 7 ms otherwise.
    plot_->setPlottingHint(QCP::phFastPolylines, true);
    plot_->setAutoAddPlottableToLegend(false);
    plot_->plotLayout()->clear();
    const QFont base = font();
    const QFont tick_font = plot_font(base, kPlotTickFontPoints);
    const QFont label_font = plot_font(base, kPlotLabelFontPoints);

    auto* left = new QCPLayoutGrid;
    auto* right = new QCPLayoutGrid;
    plot_->plotLayout()->addElement(0, 0, left);
    plot_->plotLayout()->addElement(0, 1, right);
    plot_->plotLayout()->setColumnStretchFactors({3.0, 1.0});
    plot_->plotLayout()->setColumnSpacing(8);

    // Time plots stacked in one column with one left/right margin, so that epochs line up
    // and a change marker reads across all of them.
    auto* margins = new QCPMarginGroup(plot_);
    std::array<QCPAxisRect*, 4> rects{};
    for (std::size_t i = 0; i < rects.size(); ++i) {
        auto* r = new QCPAxisRect(plot_);
        left->addElement(static_cast<int>(i) + 1, 0, r);
        r->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
        r->setRangeDrag(Qt::Horizontal | Qt::Vertical);
        r->setRangeZoom(Qt::Horizontal | Qt::Vertical);
        for (QCPAxis* a : r->axes()) {
            a->setTickLabelFont(tick_font);
            a->setLabelFont(label_font);
        }
        const bool bottom = i + 1 == rects.size();
        r->axis(QCPAxis::atBottom)->setTickLabels(bottom);
        if (!bottom)
            r->setAutoMargins(QCP::msLeft | QCP::msRight | QCP::msTop);
        if (!bottom)
            r->setMargins(QMargins(0, 0, 0, 4));
        rects[i] = r;
    }
    // Row 0: the ELBO legend, above the plot, where no curve or change label can be under it.
    elbo_legend_ = new QCPLegend;
    left->addElement(0, 0, elbo_legend_);
    elbo_legend_->setMarginGroup(QCP::msLeft, margins);
    left->setRowStretchFactors({0.001, 2.2, 1.0, 1.0, 1.25});
    left->setRowSpacing(2);
    elbo_rect_ = rects[0];
    recon_rect_ = rects[1];
    kl_rect_ = rects[2];
    schedule_rect_ = rects[3];
    schedule_rect_->axis(QCPAxis::atBottom)->setLabel(tr("epoch"));

    auto add_graph = [this](Series s, QCPAxisRect* r, const QString& name, const QPen& pen,
                            QCPAxis::AxisType value_axis = QCPAxis::atLeft) {
        graphs_[static_cast<int>(s)] =
            make_graph(r->axis(QCPAxis::atBottom), r->axis(value_axis), name, pen);
        return graphs_[static_cast<int>(s)];
    };
    add_graph(Series::TrainRaw, elbo_rect_, tr("train"), QPen(faded(kTrainColor, 70), 1));
    add_graph(Series::TrainSmoothed, elbo_rect_, tr("train (smoothed)"), QPen(kTrainColor, 2));
    QCPGraph* epoch_mean =
        add_graph(Series::TrainEpoch, elbo_rect_, tr("train (epoch mean)"), QPen(kTrainColor, 1.5));
    epoch_mean->setLineStyle(QCPGraph::lsNone);
    epoch_mean->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssSquare, kTrainColor.darker(130), Qt::white, 6));
    QCPGraph* val =
        add_graph(Series::Validation, elbo_rect_, tr("validation"), QPen(kValidationColor, 1.5));
    val->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssDisc, kValidationColor, kValidationColor, 6));
    add_graph(Series::ReconRaw, recon_rect_, tr("recon"), QPen(faded(kReconColor, 70), 1));
    add_graph(Series::ReconSmoothed, recon_rect_, tr("recon (smoothed)"), QPen(kReconColor, 2));
    add_graph(Series::KlRaw, kl_rect_, tr("KL"), QPen(faded(kKlColor, 70), 1));
    add_graph(Series::KlSmoothed, kl_rect_, tr("KL (smoothed)"), QPen(kKlColor, 2));
    add_graph(Series::Beta, schedule_rect_, tr("β"), QPen(kBetaColor, 2));
    add_graph(Series::LearningRate, schedule_rect_, tr("learning rate"), QPen(kLrColor, 2),
              QCPAxis::atRight);

    add_graph(Series::Mmd, kl_rect_, tr("MMD²"), QPen(kMmdColor, 1.5), QCPAxis::atRight);
    add_graph(Series::DiscriminatorLoss, recon_rect_, tr("discriminator"),
              QPen(kDiscriminatorColor, 1.5), QCPAxis::atRight);
    add_graph(Series::Adversarial, recon_rect_, tr("adversarial"), QPen(kAdversarialColor, 1.5),
              QCPAxis::atRight);
    // The regularisers' right axes, coloured like their curves; hidden until a run has them.
    auto right_axis = [](QCPAxisRect* r, const QString& label, const QColor& color) {
        QCPAxis* a = r->axis(QCPAxis::atRight);
        a->setLabel(label);
        a->setLabelColor(color);
        a->setTickLabelColor(color);
        a->setVisible(false);
    };
    right_axis(kl_rect_, tr("MMD²"), kMmdColor);
    right_axis(recon_rect_, tr("GAN: D loss (grey), −log D(x̃)"), kAdversarialColor);
    for (QCPAxisRect* r : {recon_rect_, kl_rect_}) {
        r->setRangeZoomAxes({r->axis(QCPAxis::atBottom)},
                            {r->axis(QCPAxis::atLeft), r->axis(QCPAxis::atRight)});
        r->setRangeDragAxes({r->axis(QCPAxis::atBottom)},
                            {r->axis(QCPAxis::atLeft), r->axis(QCPAxis::atRight)});
    }

    QCPAxis* beta_axis = schedule_rect_->axis(QCPAxis::atLeft);
    QCPAxis* lr_axis = schedule_rect_->axis(QCPAxis::atRight);
    beta_axis->setLabel(tr("β"));
    beta_axis->setLabelColor(kBetaColor);
    beta_axis->setTickLabelColor(kBetaColor);
    lr_axis->setVisible(true);
    lr_axis->setLabel(tr("learning rate"));
    lr_axis->setLabelColor(kLrColor);
    lr_axis->setTickLabelColor(kLrColor);
    lr_axis->setScaleType(QCPAxis::stLogarithmic);
    lr_axis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    lr_axis->setNumberFormat(QStringLiteral("eb"));
    lr_axis->setNumberPrecision(0);
    schedule_rect_->setRangeZoomAxes({schedule_rect_->axis(QCPAxis::atBottom)},
                                     {beta_axis, lr_axis});
    schedule_rect_->setRangeDragAxes({schedule_rect_->axis(QCPAxis::atBottom)},
                                     {beta_axis, lr_axis});

    elbo_legend_->setLayer(QStringLiteral("legend"));
    elbo_legend_->setFont(tick_font);
    elbo_legend_->setBrush(Qt::NoBrush);
    elbo_legend_->setBorderPen(Qt::NoPen);
    elbo_legend_->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    elbo_legend_->setColumnSpacing(14);
    elbo_legend_->setIconSize(18, 8);
    fillElboLegend();

    // KL of each latent unit of the last epoch: horizontal bars, unit 0 at the top.
    right->addElement(
        0, 0, new QCPTextElement(plot_, tr("KL per latent dimension"), plot_font(base, 9, true)));
    active_text_ = new QCPTextElement(plot_, tr("no epoch finished yet"), plot_font(base, 8.5));
    right->addElement(1, 0, active_text_);
    bars_rect_ = new QCPAxisRect(plot_);
    right->addElement(2, 0, bars_rect_);
    right->setRowSpacing(2);
    QCPAxis* dims = bars_rect_->axis(QCPAxis::atLeft);
    QCPAxis* kl_axis = bars_rect_->axis(QCPAxis::atBottom);
    for (QCPAxis* a : bars_rect_->axes()) {
        a->setTickLabelFont(tick_font);
        a->setLabelFont(label_font);
    }
    dims->setRangeReversed(true);
    dims->setLabel(tr("latent dimension"));
    dims->grid()->setVisible(false);
    setDimensionTicks(0);
    kl_axis->setLabel(tr("KL (nats)"));
    bars_rect_->setRangeDrag(Qt::Horizontal | Qt::Vertical);
    bars_rect_->setRangeZoom(Qt::Horizontal | Qt::Vertical);
    active_bars_ = new QCPBars(dims, kl_axis);
    active_bars_->setName(tr("active unit"));
    active_bars_->setPen(Qt::NoPen);
    active_bars_->setBrush(kTrainColor);
    idle_bars_ = new QCPBars(dims, kl_axis);
    idle_bars_->setName(tr("inactive (collapsed)"));
    idle_bars_->setPen(QPen(kIdleColor.darker(120)));
    idle_bars_->setBrush(kIdleColor);
    for (QCPBars* b : {active_bars_, idle_bars_})
        b->setWidth(0.7);
    auto* bars_legend = new QCPLegend;
    right->addElement(3, 0, bars_legend);
    bars_legend->setLayer(QStringLiteral("legend"));
    bars_legend->setFont(tick_font);
    bars_legend->setBorderPen(Qt::NoPen);
    bars_legend->setIconSize(14, 8);
    bars_legend->setRowSpacing(-2);
    bars_legend->setMinimumMargins(QMargins(4, 2, 4, 8));
    active_bars_->addToLegend(bars_legend);
    idle_bars_->addToLegend(bars_legend);
    // Text and legend rows take what they need, the bars the rest.
    right->setRowStretchFactors({0.001, 0.001, 1.0, 0.001});

    linkTimeAxes();
}

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
    connect(action("exportCsvAction", tr("Export CSV…"), false), &QAction::triggered, this,
            &TrainingCurvesView::exportCsvDialog);
    connect(action("exportImageAction", tr("Export Image…"), false), &QAction::triggered, this,
            &TrainingCurvesView::exportImageDialog);
}

void TrainingCurvesView::linkTimeAxes() {
    const auto rects = timeRects();
    for (QCPAxisRect* r : rects) {
        QCPAxis* x = r->axis(QCPAxis::atBottom);
        connect(x, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
                [this, x](const QCPRange& range) {
                    if (syncing_x_)
                        return;
                    syncing_x_ = true;
                    for (QCPAxisRect* other : timeRects())
                        if (other->axis(QCPAxis::atBottom) != x)
                            other->axis(QCPAxis::atBottom)->setRange(range);
                    syncing_x_ = false;
                });
    }
}

std::vector<QCPAxisRect*> TrainingCurvesView::timeRects() const {
    return {elbo_rect_, recon_rect_, kl_rect_, schedule_rect_};
}

QString TrainingCurvesView::activeUnitsText() const {
    if (epochs_.empty())
        return {};
    const EpochSummary& e = epochs_.back();
    return tr("active units: %1 of %2").arg(e.active_units).arg(e.kl_per_dim.size());
}

bool TrainingCurvesView::showsBitsPerDimension() const {
    return bits_ && input_dim_ > 0;
}

double TrainingCurvesView::lossScale() const {
    return showsBitsPerDimension() ? 1.0 / (static_cast<double>(input_dim_) * std::log(2.0)) : 1.0;
}

void TrainingCurvesView::appendMetrics(const std::vector<MetricsSample>& batch) {
    if (batch.empty())
        return;
    const double scale = lossScale();
    const double elbo_scale = showsBitsPerDimension() ? -scale : 1.0;
    const auto n = static_cast<qsizetype>(batch.size());
    QVector<double> keys(n);
    std::array<QVector<double>, kSeriesCount> values;
    for (Series s :
         {Series::TrainRaw, Series::TrainSmoothed, Series::ReconRaw, Series::ReconSmoothed,
          Series::KlRaw, Series::KlSmoothed, Series::Beta, Series::LearningRate})
        values[static_cast<int>(s)].resize(n);
    auto at = [&values](Series s, qsizetype i) -> double& {
        return values[static_cast<int>(s)][i];
    };
    const double w = smoothing_;
    for (qsizetype i = 0; i < n; ++i) {
        const MetricsSample& m = batch[static_cast<std::size_t>(i)];
        samples_.push_back(m);
        const std::array<double, 3> raw{m.elbo, m.recon, m.kl};
        std::array<double, 3> smooth{};
        for (std::size_t k = 0; k < 3; ++k) {
            // The EMA b_n = w b_(n-1) + (1-w) x_n, divided by 1 - w^n so that it is not pulled
            // toward the 0 it starts from, written as one update of the debiased value: the
            // first step takes x_1 exactly.
            if (std::isfinite(raw[k])) {
                ema_wn_[k] *= w;
                const double gain = (1.0 - w) / (1.0 - ema_wn_[k]);
                ema_[k] = std::isnan(ema_[k]) ? raw[k] : ema_[k] + gain * (raw[k] - ema_[k]);
            }
            smooth[k] = ema_[k];
        }
        smoothed_.push_back(smooth);
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
    for (int s = 0; s < kSeriesCount; ++s)
        if (!values[static_cast<std::size_t>(s)].isEmpty())
            graphs_[static_cast<std::size_t>(s)]->addData(keys, values[static_cast<std::size_t>(s)],
                                                          true);
    // The regularisers have points only where they are on (0 means off: a plain run keeps its
    // layout without their axes).
    for (const MetricsSample& m : batch) {
        if (m.mmd > 0.0)
            graph(Series::Mmd)->addData(m.epoch, m.mmd);
        if (m.discriminator_loss > 0.0) {
            graph(Series::DiscriminatorLoss)->addData(m.epoch, m.discriminator_loss);
            graph(Series::Adversarial)->addData(m.epoch, m.adversarial);
        }
    }
    updateRegulariserAxes();
    markDirty();
}

bool TrainingCurvesView::showsMmd() const {
    return !graph(Series::Mmd)->data()->isEmpty();
}

bool TrainingCurvesView::showsGanLosses() const {
    return !graph(Series::DiscriminatorLoss)->data()->isEmpty();
}

void TrainingCurvesView::updateRegulariserAxes() {
    kl_rect_->axis(QCPAxis::atRight)->setVisible(showsMmd());
    recon_rect_->axis(QCPAxis::atRight)->setVisible(showsGanLosses());
}

void TrainingCurvesView::appendEpoch(const EpochSummary& e) {
    epochs_.push_back(e);
    const double scale = lossScale();
    const double elbo_scale = showsBitsPerDimension() ? -scale : 1.0;
    const auto x = static_cast<double>(e.epoch);
    if (std::isfinite(e.train_elbo))
        graph(Series::TrainEpoch)->addData(x, elbo_scale * e.train_elbo);
    if (std::isfinite(e.val_elbo))
        graph(Series::Validation)->addData(x, elbo_scale * e.val_elbo);

    QVector<double> active_keys, active_values, idle_keys, idle_values;
    for (std::size_t d = 0; d < e.kl_per_dim.size(); ++d) {
        const bool active = d < e.mean_variance.size() ? e.mean_variance[d] > kActiveThreshold
                                                       : e.kl_per_dim[d] > kActiveThreshold;
        (active ? active_keys : idle_keys).push_back(static_cast<double>(d));
        (active ? active_values : idle_values).push_back(e.kl_per_dim[d]);
    }
    active_bars_->setData(active_keys, active_values, true);
    idle_bars_->setData(idle_keys, idle_values, true);
    labelCollapsed(idle_keys, e.kl_per_dim.size());
    setDimensionTicks(e.kl_per_dim.size());
    const double top =
        e.kl_per_dim.empty() ? 0.0 : *std::max_element(e.kl_per_dim.begin(), e.kl_per_dim.end());
    bars_rect_->axis(QCPAxis::atBottom)->setRange(0.0, std::max(0.05, 1.08 * top));
    active_text_->setText(tr("epoch %1 · %2").arg(e.epoch).arg(activeUnitsText()));
    markDirty();
}

// Every dimension labelled while there is room; a few slots at least, so that two latent
// dimensions are two bars and not two walls.
void TrainingCurvesView::setDimensionTicks(std::size_t dims) {
    constexpr std::size_t kMinSlots = 8;
    QCPAxis* axis = bars_rect_->axis(QCPAxis::atLeft);
    if (dims != ticked_dims_) {
        ticked_dims_ = dims;
        if (dims <= kLabelAllDims) {
            auto ticker = QSharedPointer<QCPAxisTickerText>::create();
            for (std::size_t d = 0; d < dims; ++d)
                ticker->addTick(static_cast<double>(d), QString::number(d));
            axis->setTicker(ticker);
        } else {
            auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
            ticker->setTickStep(1.0);
            ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
            axis->setTicker(ticker);
        }
    }
    axis->setRange(-0.6, static_cast<double>(std::max(dims, kMinSlots)) - 0.4);
}

// A collapsed unit's bar is too short to see: say so in words, while the rows are tall enough.
void TrainingCurvesView::labelCollapsed(const QVector<double>& dims, std::size_t total) {
    for (QCPItemText* t : collapsed_labels_)
        plot_->removeItem(t);
    collapsed_labels_.clear();
    if (total > kLabelAllDims)
        return;
    QFont f = plot_font(font(), 7.5);
    f.setItalic(true);
    for (double d : dims) {
        auto* t = new QCPItemText(plot_);
        t->setClipAxisRect(bars_rect_);
        t->position->setAxes(bars_rect_->axis(QCPAxis::atBottom),
                             bars_rect_->axis(QCPAxis::atLeft));
        t->position->setCoords(0.0, d);
        t->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
        t->setPadding(QMargins(4, 0, 0, 0));
        t->setFont(f);
        t->setColor(kIdleColor.darker(150));
        t->setText(tr("collapsed"));
        collapsed_labels_.push_back(t);
    }
}

void TrainingCurvesView::markChange(double epoch, const QString& text) {
    changes_.push_back({epoch, text});
    addChangeItems(changes_.back());
    markDirty();
}

void TrainingCurvesView::addChangeItems(const Change& c) {
    QPen pen(kChangeColor, 1, Qt::DashLine);
    const QFont label_font = plot_font(font(), 7.5);
    for (QCPAxisRect* r : timeRects()) {
        QCPAxis* x = r->axis(QCPAxis::atBottom);
        QCPAxis* y = r->axis(QCPAxis::atLeft);
        auto* line = new QCPItemStraightLine(plot_);
        line->setClipAxisRect(r);
        line->setPen(pen);
        for (QCPItemPosition* p : {line->point1, line->point2}) {
            p->setAxes(x, y);
            p->setAxisRect(r);
            p->setTypeX(QCPItemPosition::ptPlotCoords);
            p->setTypeY(QCPItemPosition::ptAxisRectRatio);
        }
        line->point1->setCoords(c.epoch, 0.0);
        line->point2->setCoords(c.epoch, 1.0);

        auto* label = new QCPItemText(plot_);
        label->setClipAxisRect(r);
        label->position->setAxes(x, y);
        label->position->setAxisRect(r);
        label->position->setTypeX(QCPItemPosition::ptPlotCoords);
        label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
        label->position->setCoords(c.epoch, 0.0);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        label->setPadding(QMargins(3, 1, 3, 1));
        label->setFont(label_font);
        label->setColor(kChangeColor);
        label->setBrush(QColor(255, 255, 255, 200));
        label->setText(c.text);
    }
}

void TrainingCurvesView::clear() {
    samples_.clear();
    epochs_.clear();
    changes_.clear();
    resetSmoothing();
    for (QCPGraph* g : graphs_)
        g->data()->clear();
    active_bars_->data()->clear();
    idle_bars_->data()->clear();
    setDimensionTicks(0);
    updateRegulariserAxes();
    plot_->clearItems();
    collapsed_labels_.clear();
    active_text_->setText(tr("no epoch finished yet"));
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

void TrainingCurvesView::resetSmoothing() {
    smoothed_.clear();
    ema_.fill(kNaN);
    ema_wn_.fill(1.0);
}

void TrainingCurvesView::setSmoothing(double weight) {
    smoothing_ = std::clamp(weight, 0.0, 0.999);
    // Recomputing from the raw samples is simplest: appendMetrics() owns the recurrence.
    std::vector<MetricsSample> samples;
    samples.swap(samples_);
    resetSmoothing();
    for (Series s :
         {Series::TrainRaw, Series::TrainSmoothed, Series::ReconRaw, Series::ReconSmoothed,
          Series::KlRaw, Series::KlSmoothed, Series::Beta, Series::LearningRate, Series::Mmd,
          Series::DiscriminatorLoss, Series::Adversarial})
        graph(s)->data()->clear();
    appendMetrics(samples);
}

// Re-expresses every series from the stored samples in the current unit and visibility.
void TrainingCurvesView::rebuildSeries() {
    std::vector<MetricsSample> samples;
    samples.swap(samples_);
    std::vector<EpochSummary> epochs;
    epochs.swap(epochs_);
    resetSmoothing();
    for (QCPGraph* g : graphs_)
        g->data()->clear();
    appendMetrics(samples);
    for (const EpochSummary& e : epochs)
        appendEpoch(e);
    for (Series s : {Series::TrainRaw, Series::ReconRaw, Series::KlRaw})
        graph(s)->setVisible(show_raw_);
    for (Series s : {Series::TrainSmoothed, Series::ReconSmoothed, Series::KlSmoothed})
        graph(s)->setVisible(show_smoothed_);
    fillElboLegend();
    refreshLabels();
    markDirty();
}

void TrainingCurvesView::refreshLabels() {
    const bool bits = showsBitsPerDimension();
    const QString unit = bits ? tr("bits / dim") : tr("nats / sample");
    elbo_rect_->axis(QCPAxis::atLeft)
        ->setLabel(bits ? tr("−ELBO (%1)").arg(unit) : tr("ELBO (%1)").arg(unit));
    recon_rect_->axis(QCPAxis::atLeft)->setLabel(tr("recon (%1)").arg(unit));
    kl_rect_->axis(QCPAxis::atLeft)->setLabel(tr("KL (%1)").arg(unit));
}

// A hidden series leaves the legend so that it does not explain what is not drawn.
void TrainingCurvesView::fillElboLegend() {
    elbo_legend_->clearItems();
    for (Series s :
         {Series::TrainRaw, Series::TrainSmoothed, Series::TrainEpoch, Series::Validation})
        if (graph(s)->visible())
            graph(s)->addToLegend(elbo_legend_);
    // Packed to the left: the last column takes the spare width.
    QList<double> stretch(elbo_legend_->columnCount(), 0.001);
    if (!stretch.isEmpty())
        stretch.back() = 1.0;
    elbo_legend_->setColumnStretchFactors(stretch);
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
        rescaleToData();
    plot_->replot(QCustomPlot::rpQueuedRefresh);
}

void TrainingCurvesView::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (dirty_)
        markDirty();
}

void TrainingCurvesView::rescaleToData() {
    double last = 0.0;
    for (QCPGraph* g : graphs_)
        if (!g->data()->isEmpty())
            last = std::max(last, (g->data()->constEnd() - 1)->key);
    const QCPRange keys(0.0, last > 0.0 ? last * 1.02 : 1.0);
    syncing_x_ = true;
    for (QCPAxisRect* r : timeRects())
        r->axis(QCPAxis::atBottom)->setRange(keys);
    syncing_x_ = false;

    std::vector<double> scratch;
    // The raw curve sets the range while it is shown: the smoothed one is its average, except
    // where it still carries the outliers that the raw range leaves out.
    auto scale = [&](QCPAxisRect* r, Series raw, Series smoothed,
                     const std::vector<QCPGraph*>& exact) {
        QCPRange range;
        if (robust_value_range({graph(show_raw_ ? raw : smoothed)}, exact, keys, scratch, &range))
            r->axis(QCPAxis::atLeft)->setRange(range);
    };
    scale(elbo_rect_, Series::TrainRaw, Series::TrainSmoothed,
          {graph(Series::TrainEpoch), graph(Series::Validation)});
    scale(recon_rect_, Series::ReconRaw, Series::ReconSmoothed, {});
    scale(kl_rect_, Series::KlRaw, Series::KlSmoothed, {});

    auto scale_right = [&](QCPAxisRect* r, const std::vector<QCPGraph*>& graphs) {
        QCPRange range;
        if (robust_value_range(graphs, {}, keys, scratch, &range))
            r->axis(QCPAxis::atRight)->setRange(range);
    };
    if (showsMmd())
        scale_right(kl_rect_, {graph(Series::Mmd)});
    if (showsGanLosses())
        scale_right(recon_rect_, {graph(Series::DiscriminatorLoss), graph(Series::Adversarial)});

    bool found = false;
    const QCPRange beta = graph(Series::Beta)->getValueRange(found, QCP::sdBoth, keys);
    schedule_rect_->axis(QCPAxis::atLeft)
        ->setRange(0.0, found && beta.upper > 0.0 ? beta.upper * 1.12 : 1.0);
    // Whole decades, at least two: a log axis over less shows no tick labels.
    const QCPRange lr = graph(Series::LearningRate)->getValueRange(found, QCP::sdPositive, keys);
    if (found)
        schedule_rect_->axis(QCPAxis::atRight)
            ->setRange(std::pow(10.0, std::floor(std::log10(lr.lower) - 0.1)),
                       std::pow(10.0, std::ceil(std::log10(lr.upper) + 0.1)));
    else
        schedule_rect_->axis(QCPAxis::atRight)->setRange(1e-4, 1e-2);
}

void TrainingCurvesView::setFollow(bool on) {
    follow_ = on;
    fit_action_->setEnabled(!on);
}

void TrainingCurvesView::fitToData() {
    setFollow(true);
    rescaleToData();
    dirty_ = false;
    plot_->replot(QCustomPlot::rpQueuedRefresh);
}

bool TrainingCurvesView::exportCsv(const QString& path, QString* error) const {
    std::size_t dims = 0;
    for (const EpochSummary& e : epochs_)
        dims = std::max(dims, e.kl_per_dim.size());
    std::string out = "kind,step,epoch,elbo,recon,kl,beta,learning_rate,samples_per_sec,"
                      "grad_norm,rollbacks,val_elbo,active_units,note,mmd,adversarial,"
                      "feature_matching,discriminator_loss,d_real,d_fake";
    for (std::size_t d = 0; d < dims; ++d)
        out += ",kl_dim_" + std::to_string(d);
    out += '\n';

    struct Row {
        double x;
        int kind; // 0 step, 1 change, 2 epoch
        std::size_t index;
    };
    std::vector<Row> rows;
    rows.reserve(samples_.size() + changes_.size() + epochs_.size());
    for (std::size_t i = 0; i < samples_.size(); ++i)
        rows.push_back({samples_[i].epoch, 0, i});
    for (std::size_t i = 0; i < changes_.size(); ++i)
        rows.push_back({changes_[i].epoch, 1, i});
    for (std::size_t i = 0; i < epochs_.size(); ++i)
        rows.push_back({static_cast<double>(epochs_[i].epoch), 2, i});
    std::stable_sort(rows.begin(), rows.end(),
                     [](const Row& a, const Row& b) { return a.x < b.x; });

    auto field = [&out](auto&& write) {
        out += ',';
        write();
    };
    auto number = [&](double v) { field([&] { append_number(out, v); }); };
    auto empty = [&](int count) { out.append(static_cast<std::size_t>(count), ','); };
    for (const Row& r : rows) {
        if (r.kind == 0) {
            const MetricsSample& m = samples_[r.index];
            out += "step,";
            append_integer(out, m.step);
            for (double v : {m.epoch, m.elbo, m.recon, m.kl, m.beta, m.learning_rate,
                             m.samples_per_sec, m.grad_norm})
                number(v);
            field([&] { append_integer(out, m.rollbacks); });
            empty(3);
            for (double v : {m.mmd, m.adversarial, m.feature_matching, m.discriminator_loss,
                             m.d_real, m.d_fake})
                number(v);
            empty(static_cast<int>(dims));
        } else if (r.kind == 1) {
            const Change& c = changes_[r.index];
            out += "change,";
            number(c.epoch);
            empty(10);
            field([&] { append_csv_field(out, c.text.toStdString()); });
            empty(6 + static_cast<int>(dims));
        } else {
            const EpochSummary& e = epochs_[r.index];
            out += "epoch,";
            field([&] { append_integer(out, e.epoch); });
            for (double v : {e.train_elbo, e.recon, e.kl})
                number(v);
            empty(2);
            number(e.samples_per_sec);
            empty(2);
            number(e.val_elbo);
            field([&] { append_integer(out, e.active_units); });
            empty(1);
            for (double v : {e.mmd, e.adversarial, e.feature_matching, e.discriminator_loss,
                             e.d_real, e.d_fake})
                number(v);
            for (std::size_t d = 0; d < dims; ++d)
                number(d < e.kl_per_dim.size() ? e.kl_per_dim[d] : kNaN);
        }
        out += '\n';
    }

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(native(path), file.errorString());
        return false;
    }
    if (file.write(out.data(), static_cast<qint64>(out.size())) !=
            static_cast<qint64>(out.size()) ||
        !file.commit()) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(native(path), file.errorString());
        return false;
    }
    return true;
}

bool TrainingCurvesView::exportImage(const QString& path, QString* error) {
    if (follow_)
        rescaleToData();
    return PlotImageExport::write(plot_, path, tr("Training curves"), error);
}

void TrainingCurvesView::exportCsvDialog() {
    QSettings settings;
    const QString dir = settings.value(QStringLiteral("files/lastExportDirectory")).toString();
    QString path = QFileDialog::getSaveFileName(
        this, tr("Export Curves as CSV"), QDir(dir).filePath(QStringLiteral("training_curves.csv")),
        tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".csv");
    settings.setValue(QStringLiteral("files/lastExportDirectory"), QFileInfo(path).absolutePath());
    QString error;
    if (!exportCsv(path, &error))
        QMessageBox::warning(this, tr("Cannot export the curves"), error);
}

void TrainingCurvesView::exportImageDialog() {
    PlotImageExport::askAndWrite(
        this, tr("Export Curves as Image"), QStringLiteral("training_curves.png"),
        tr("Cannot export the curves"),
        [this](const QString& path, QString* error) { return exportImage(path, error); });
}

} // namespace vae::ui
