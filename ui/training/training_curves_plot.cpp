#include "ui/training/training_curves_plot.h"

#include "ui/training/robust_value_range.h"
#include "ui/widgets/plot_style.h"
#include "vae/active_units.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace vae::ui {
namespace {

// Up to this many latent dimensions, each bar gets its own tick label.
constexpr std::size_t kLabelAllDims = 24;

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

QCPGraph* make_graph(QCPAxis* x, QCPAxis* y, const QString& name, const QPen& pen) {
    QCPGraph* g = x->parentPlot()->addGraph(x, y);
    g->setName(name);
    g->setPen(pen);
    g->setAdaptiveSampling(true);
    return g;
}

} // namespace

TrainingCurvesPlot::TrainingCurvesPlot(QCustomPlot* plot, const QFont& base) : plot_(plot) {
    build(base);
}

void TrainingCurvesPlot::build(const QFont& base) {
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot_->setNoAntialiasingOnDrag(true);
    // Per-segment drawing: a 2 px antialiased polyline of 50,000 points costs 7 ms otherwise.
    plot_->setPlottingHint(QCP::phFastPolylines, true);
    plot_->setAutoAddPlottableToLegend(false);
    plot_->plotLayout()->clear();
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
        graphs_[static_cast<std::size_t>(s)] =
            make_graph(r->axis(QCPAxis::atBottom), r->axis(value_axis), name, pen);
        return graphs_[static_cast<std::size_t>(s)];
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
    bars_caption_ = new QCPTextElement(plot_, tr("no epoch finished yet"), plot_font(base, 8.5));
    right->addElement(1, 0, bars_caption_);
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

void TrainingCurvesPlot::linkTimeAxes() {
    for (QCPAxisRect* r : timeRects()) {
        QCPAxis* x = r->axis(QCPAxis::atBottom);
        QObject::connect(x, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), plot_,
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

std::vector<QCPAxisRect*> TrainingCurvesPlot::timeRects() const {
    return {elbo_rect_, recon_rect_, kl_rect_, schedule_rect_};
}

bool TrainingCurvesPlot::showsMmd() const {
    return !graph(Series::Mmd)->data()->isEmpty();
}

bool TrainingCurvesPlot::showsGanLosses() const {
    return !graph(Series::DiscriminatorLoss)->data()->isEmpty();
}

void TrainingCurvesPlot::updateRegulariserAxes() {
    kl_rect_->axis(QCPAxis::atRight)->setVisible(showsMmd());
    recon_rect_->axis(QCPAxis::atRight)->setVisible(showsGanLosses());
}

// A hidden series leaves the legend so that it does not explain what is not drawn.
void TrainingCurvesPlot::fillElboLegend() {
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

void TrainingCurvesPlot::setLossUnit(bool bits) {
    const QString unit = bits ? tr("bits / dim") : tr("nats / sample");
    elbo_rect_->axis(QCPAxis::atLeft)
        ->setLabel(bits ? tr("−ELBO (%1)").arg(unit) : tr("ELBO (%1)").arg(unit));
    recon_rect_->axis(QCPAxis::atLeft)->setLabel(tr("recon (%1)").arg(unit));
    kl_rect_->axis(QCPAxis::atLeft)->setLabel(tr("KL (%1)").arg(unit));
}

void TrainingCurvesPlot::setBarsCaption(const QString& text) {
    bars_caption_->setText(text);
}

void TrainingCurvesPlot::showKlPerDimension(const EpochSummary& e, const QFont& base) {
    QVector<double> active_keys, active_values, idle_keys, idle_values;
    for (std::size_t d = 0; d < e.kl_per_dim.size(); ++d) {
        // A unit whose posterior leaves the prior without depending on x has KL but carries
        // nothing: the variance of its mean decides, as in the engine's count shown beside.
        const double activity = d < e.mean_variance.size() ? e.mean_variance[d] : e.kl_per_dim[d];
        const bool active = is_active_unit(activity);
        (active ? active_keys : idle_keys).push_back(static_cast<double>(d));
        (active ? active_values : idle_values).push_back(e.kl_per_dim[d]);
    }
    active_bars_->setData(active_keys, active_values, true);
    idle_bars_->setData(idle_keys, idle_values, true);
    labelCollapsed(idle_keys, e.kl_per_dim.size(), base);
    setDimensionTicks(e.kl_per_dim.size());
    const double top =
        e.kl_per_dim.empty() ? 0.0 : *std::max_element(e.kl_per_dim.begin(), e.kl_per_dim.end());
    bars_rect_->axis(QCPAxis::atBottom)->setRange(0.0, std::max(0.05, 1.08 * top));
}

// Every dimension labelled while there is room; a few slots at least, so that two latent
// dimensions are two bars and not two walls.
void TrainingCurvesPlot::setDimensionTicks(std::size_t dims) {
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
void TrainingCurvesPlot::labelCollapsed(const QVector<double>& dims, std::size_t total,
                                        const QFont& base) {
    for (QCPItemText* t : collapsed_labels_)
        plot_->removeItem(t);
    collapsed_labels_.clear();
    if (total > kLabelAllDims)
        return;
    QFont f = plot_font(base, 7.5);
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

void TrainingCurvesPlot::addChangeMarker(double epoch, const QString& text, const QFont& base) {
    QPen pen(kChangeColor, 1, Qt::DashLine);
    const QFont label_font = plot_font(base, 7.5);
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
        line->point1->setCoords(epoch, 0.0);
        line->point2->setCoords(epoch, 1.0);

        auto* label = new QCPItemText(plot_);
        label->setClipAxisRect(r);
        label->position->setAxes(x, y);
        label->position->setAxisRect(r);
        label->position->setTypeX(QCPItemPosition::ptPlotCoords);
        label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
        label->position->setCoords(epoch, 0.0);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        label->setPadding(QMargins(3, 1, 3, 1));
        label->setFont(label_font);
        label->setColor(kChangeColor);
        label->setBrush(QColor(255, 255, 255, 200));
        label->setText(text);
    }
}

void TrainingCurvesPlot::rescaleToData(bool show_raw) {
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
        if (robust_value_range({graph(show_raw ? raw : smoothed)}, exact, keys, scratch, &range))
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

void TrainingCurvesPlot::clear() {
    for (QCPGraph* g : graphs_)
        g->data()->clear();
    active_bars_->data()->clear();
    idle_bars_->data()->clear();
    setDimensionTicks(0);
    updateRegulariserAxes();
    plot_->clearItems();
    collapsed_labels_.clear();
    bars_caption_->setText(tr("no epoch finished yet"));
}

} // namespace vae::ui
