#include "ui/latent/scatter/latent_scatter_view.h"

#include "ui/latent/scatter/scatter_legend_item.h"
#include "ui/latent/scatter/scatter_mosaic.h"
#include "ui/latent/scatter/scatter_overlay.h"
#include "ui/latent/scatter/scatter_overlay_widget.h"
#include "ui/latent/scatter/scatter_raster_plottable.h"
#include "ui/widgets/plot_image_export.h"
#include "ui/widgets/plot_style.h"

#include <QAction>
#include <QActionGroup>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMouseEvent>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>
#include <random>

namespace vae::ui {
namespace {

const QColor kNoClassColor(185, 185, 185);
const QColor kNanColor(200, 200, 200);
const QColor kPriorColor(60, 60, 60);
// Levels of the numeric colour map: slots 0-255, NaN in slot 256.
constexpr int kValueLevels = 256;
// While the manifold mosaic shows, points keep this share of their opacity: the images are
// what the grid is for, the points only say where the data lies.
constexpr double kDimUnderMosaic = 0.3;
// Over a map layer the points stay readable but let the colours under them show.
constexpr double kDimOverMap = 0.55;
// A map over the manifold mosaic is a wash, so that the images stay visible through it.
constexpr double kMapOverMosaicAlpha = 0.45;
// The shuffle of the drawing order is seeded, so the same count always gives the same order.
constexpr std::uint32_t kOrderSeed = 0x5ca77e2u;

QColor class_color(int c, int classes) {
    if (classes <= 10)
        return tableau10()[static_cast<std::size_t>(c)];
    if (classes <= 20)
        return tableau20()[static_cast<std::size_t>(c)];
    // No palette keeps more than 20 hues apart; golden-ratio steps around the wheel at least
    // put neighbours far from each other.
    return QColor::fromHsvF(std::fmod(0.6180339887 * c, 1.0), 0.65, 0.85);
}

// matplotlib's viridis: perceptually uniform and readable in grey and for the colour-blind.
QCPColorGradient viridis() {
    QCPColorGradient g;
    g.clearColorStops();
    const QColor stops[] = {QColor(68, 1, 84),    QColor(71, 45, 123),  QColor(59, 82, 139),
                            QColor(44, 114, 142), QColor(33, 145, 140), QColor(40, 174, 128),
                            QColor(94, 201, 98),  QColor(173, 220, 48), QColor(253, 231, 37)};
    for (int i = 0; i < 9; ++i)
        g.setColorStopAt(i / 8.0, stops[i]);
    g.setColorInterpolation(QCPColorGradient::ciRGB);
    g.setLevelCount(kValueLevels);
    return g;
}

// The density map's diverging palette (ColorBrewer RdBu): red where the prior expects codes
// the encoder never produces (q < p, the holes), blue where the codes crowd (q > p), white
// where they agree; `zero` is where 0 sits in the colour range.
QCPColorGradient diverging(double zero) {
    QCPColorGradient g;
    g.clearColorStops();
    const double z = std::clamp(zero, 0.05, 0.95);
    g.setColorStopAt(0.0, QColor(103, 0, 31));
    g.setColorStopAt(z * 0.35, QColor(178, 24, 43));
    g.setColorStopAt(z * 0.7, QColor(239, 138, 98));
    g.setColorStopAt(z, QColor(247, 247, 247));
    g.setColorStopAt(z + (1 - z) * 0.3, QColor(146, 197, 222));
    g.setColorStopAt(z + (1 - z) * 0.65, QColor(67, 147, 195));
    g.setColorStopAt(1.0, QColor(5, 48, 97));
    g.setColorInterpolation(QCPColorGradient::ciRGB);
    g.setLevelCount(kValueLevels);
    g.setNanHandling(QCPColorGradient::nhTransparent);
    return g;
}

// The consistency map's sequential palette (ColorBrewer YlOrRd): pale where a code comes back
// to itself, dark red where the decoder's output is encoded far away.
QCPColorGradient sequential() {
    QCPColorGradient g;
    g.clearColorStops();
    const QColor stops[] = {QColor(255, 255, 229), QColor(254, 237, 160), QColor(254, 196, 79),
                            QColor(251, 128, 44),  QColor(227, 26, 28),   QColor(128, 0, 38)};
    for (int i = 0; i < 6; ++i)
        g.setColorStopAt(i / 5.0, stops[i]);
    g.setColorInterpolation(QCPColorGradient::ciRGB);
    g.setLevelCount(kValueLevels);
    g.setNanHandling(QCPColorGradient::nhTransparent);
    return g;
}

// Points get more transparent as they get more numerous, so that dense regions still show
// their density: opaque-ish at a thousand, about half at 70,000.
double opacity_for(std::size_t n) {
    const double decades = std::log10(std::max<double>(static_cast<double>(n), 1000.0) / 1000.0);
    return std::clamp(0.9 - 0.2 * decades, 0.45, 0.9);
}

} // namespace

LatentScatterView::LatentScatterView(QWidget* parent) : QWidget(parent) {
    plot_ = new QCustomPlot(this);
    plot_->setObjectName(QStringLiteral("latentScatterPlot"));
    plot_->setMouseTracking(true);
    // Right-drag pans, so the menu opens on a right click without a drag (see onRelease).
    plot_->setContextMenuPolicy(Qt::PreventContextMenu);
    plot_->installEventFilter(this);
    buildPlot();
    buildActions();

    range_timer_ = new QTimer(this);
    range_timer_->setSingleShot(true);
    range_timer_->setInterval(kRangeSettleMs);
    connect(range_timer_, &QTimer::timeout, this, [this] {
        const QRectF r = visibleRange();
        if (r == last_emitted_range_)
            return;
        last_emitted_range_ = r;
        emit visibleRangeChanged(r);
    });
    for (QCPAxis* a : {plot_->xAxis, plot_->yAxis})
        connect(a, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), range_timer_,
                qOverload<>(&QTimer::start));

    // Zero-delay: all overlay changes of one event-loop turn (a move, and the path a slot
    // connected to dragChanged sets in answer) repaint once.
    overlay_timer_ = new QTimer(this);
    overlay_timer_->setSingleShot(true);
    overlay_timer_->setInterval(0);
    connect(overlay_timer_, &QTimer::timeout, this, &LatentScatterView::replotOverlayNow);

    connect(plot_, &QCustomPlot::afterLayout, this, &LatentScatterView::keepAspect);
    connect(plot_, &QCustomPlot::afterReplot, this, [this] { ++replot_count_; });

    auto* toolbar = toolbar_ = new QToolBar(this);
    toolbar->setObjectName(QStringLiteral("latentScatterToolBar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolbar->addAction(reset_action_);
    toolbar->addSeparator();
    toolbar->addAction(prior_action_);
    toolbar->addAction(manifold_action_);
    // A compact button with a menu: the row is shared with the page's controls and has no
    // room for a combo box of long names. The colour scale names the layer shown.
    map_button_ = new QToolButton(toolbar);
    map_button_->setObjectName(QStringLiteral("mapButton"));
    map_button_->setText(tr("Map"));
    map_button_->setToolButtonStyle(Qt::ToolButtonTextOnly);
    map_button_->setPopupMode(QToolButton::InstantPopup);
    map_button_->setCheckable(true);
    map_button_->setToolTip(tr("A colour map under the points, recomputed when the view settles "
                               "and for new weights"));
    auto* menu = new QMenu(map_button_);
    map_actions_ = new QActionGroup(this);
    const auto add_map = [&](const char* name, const QString& text, const QString& tip,
                             LatentMapKind kind) {
        QAction* a = menu->addAction(text);
        a->setObjectName(QString::fromLatin1(name));
        a->setCheckable(true);
        a->setData(static_cast<int>(kind));
        a->setToolTip(tip);
        map_actions_->addAction(a);
        connect(a, &QAction::toggled, this, [this](bool on) {
            if (!on)
                return; // the one switched on reports
            const LatentMapKind now = mapKind();
            map_button_->setChecked(now != LatentMapKind::None);
            if (now == LatentMapKind::None)
                clearMap();
            emit mapKindChanged(now);
        });
        return a;
    };
    add_map("mapNoneAction", tr("No map"), tr("Only the points"), LatentMapKind::None)
        ->setChecked(true);
    add_map("mapDensityAction", tr("Posterior vs prior (log q/p)"),
            tr("log q(z)/p(z): the encoded data's density (the aggregate posterior, a mixture of "
               "the encoder's Gaussians) against the prior N(0, I). Red: the prior expects "
               "samples there but no training sample is encoded there, so decodes there tend to "
               "look like no training sample. Blue: codes crowd."),
            LatentMapKind::Density);
    add_map("mapConsistencyAction", tr("Decoding consistency ‖z − enc(dec(z))‖"),
            tr("How far a code moves when its decode is encoded again. Pale: the encoder "
               "recognises the decoded sample as coming from here (a plausible sample). Dark: "
               "it maps it elsewhere (often garbage)."),
            LatentMapKind::Consistency);
    menu->setToolTipsVisible(true);
    map_button_->setMenu(menu);
    toolbar->addWidget(map_button_);
    toolbar->addSeparator();
    for (QAction* a : actions())
        if (a->objectName().startsWith(QLatin1String("export")))
            toolbar->addAction(a);
    auto* spacer = new QWidget(toolbar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolbar->addWidget(spacer);
    count_label_ = new QLabel(toolbar);
    count_label_->setObjectName(QStringLiteral("pointCountLabel"));
    count_label_->setContentsMargins(0, 0, 8, 0);
    toolbar->addWidget(count_label_);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(toolbar);
    layout->addWidget(plot_, 1);
    clear();
}

LatentScatterView::~LatentScatterView() = default;

void LatentScatterView::buildPlot() {
    // Wheel zoom only: QCustomPlot's own drag pans with the left button, which is the path's.
    plot_->setInteractions(QCP::iRangeZoom);
    plot_->setAutoAddPlottableToLegend(false);
    const QFont tick_font = plot_font(font(), kPlotTickFontPoints);
    const QFont label_font = plot_font(font(), kPlotLabelFontPoints);

    // Layers, bottom to top: background, grid, tiles (the mosaic), scatter (buffered: the
    // cached point image), main (prior circles), axes, legend, overlay (path, marker, hover
    // for exports only). On screen the overlay's marks are a child widget's, which repaints
    // just the pixels they change; so the overlay layer needs no buffer of its own (one
    // full-size buffer fewer to blend on each paint).
    plot_->addLayer(QStringLiteral("tiles"), plot_->layer(QStringLiteral("grid")),
                    QCustomPlot::limAbove);
    plot_->addLayer(QStringLiteral("map"), plot_->layer(QStringLiteral("tiles")),
                    QCustomPlot::limAbove);
    plot_->addLayer(QStringLiteral("scatter"), plot_->layer(QStringLiteral("map")),
                    QCustomPlot::limAbove);
    plot_->layer(QStringLiteral("scatter"))->setMode(QCPLayer::lmBuffered);
    plot_->layer(QStringLiteral("overlay"))->setMode(QCPLayer::lmLogical);

    QCPAxisRect* rect = plot_->axisRect();
    rect->setRangeZoom(Qt::Horizontal | Qt::Vertical);
    for (QCPAxis* a : rect->axes()) {
        a->setTickLabelFont(tick_font);
        a->setLabelFont(label_font);
    }
    // Equal factors on both axes keep the aspect through a zoom.
    rect->setRangeZoomFactor(0.85);
    plot_->xAxis->grid()->setZeroLinePen(QPen(QColor(160, 160, 160), 1));
    plot_->yAxis->grid()->setZeroLinePen(QPen(QColor(160, 160, 160), 1));

    scatter_ = new ScatterRasterPlottable(plot_->xAxis, plot_->yAxis);
    scatter_->setLayer(QStringLiteral("scatter"));
    mosaic_ = new ScatterMosaic(rect, QStringLiteral("tiles"));
    mosaic_->setVisible(false);
    map_ = new QCPColorMap(plot_->xAxis, plot_->yAxis);
    map_->setLayer(QStringLiteral("map"));
    map_->setSelectable(QCP::stNone);
    map_->setInterpolate(true);
    map_->setTightBoundary(false);
    map_->setVisible(false);
    map_scale_ = new QCPColorScale(plot_);
    map_scale_->setType(QCPAxis::atRight);
    map_scale_->setBarWidth(10);
    map_scale_->setRangeDrag(false);
    map_scale_->setRangeZoom(false);
    map_scale_->axis()->setTickLabelFont(tick_font);
    map_scale_->axis()->setLabelFont(label_font);
    map_scale_->setMinimumMargins(QMargins(4, 12, 4, 0));
    map_scale_->setVisible(false);
    map_->setColorScale(map_scale_);
    overlay_ = new ScatterOverlay(rect, QStringLiteral("overlay"));
    overlay_->setVisible(false); // shown by exportImage
    overlay_widget_ = new ScatterOverlayWidget(overlay_, plot_);

    for (double r : {1.0, 2.0}) {
        // A faint white band under each dashed circle keeps it visible over a dark mosaic (only
        // there: over the points it would read as a gap).
        auto* halo = new QCPItemEllipse(plot_);
        halo->setLayer(QStringLiteral("main"));
        halo->setSelectable(false);
        halo->setPen(QPen(QColor(255, 255, 255, 150), 3.0));
        halo->topLeft->setCoords(-r, r);
        halo->bottomRight->setCoords(r, -r);
        halo->setVisible(false);
        prior_halos_.push_back(halo);
        auto* circle = new QCPItemEllipse(plot_);
        circle->setLayer(QStringLiteral("main"));
        circle->setSelectable(false);
        circle->setPen(QPen(kPriorColor, 1.2, Qt::DashLine));
        circle->topLeft->setCoords(-r, r);
        circle->bottomRight->setCoords(r, -r);
        circle->setVisible(false);
        prior_circles_.push_back(circle);
        auto* text = new QCPItemText(plot_);
        text->setLayer(QStringLiteral("main"));
        text->setSelectable(false);
        text->setFont(plot_font(font(), kPlotTickFontPoints));
        text->setColor(kPriorColor);
        text->setBrush(QColor(255, 255, 255, 190));
        text->setPadding(QMargins(2, 0, 2, 0));
        text->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
        text->position->setCoords(r / std::numbers::sqrt2, r / std::numbers::sqrt2);
        text->setText(r == 1.0 ? tr("1σ") : tr("2σ"));
        text->setVisible(false);
        prior_labels_.push_back(text);
    }

    // Beside the plane, never over it: the legend at the top, under it a spacer, or the
    // colour scale of a numeric target lined up with the plane.
    side_ = new QCPLayoutGrid;
    plot_->plotLayout()->addElement(0, 1, side_);
    plot_->plotLayout()->setColumnStretchFactors({1.0, 0.001});
    plot_->plotLayout()->setColumnSpacing(4);
    legend_ = new QCPLegend;
    side_->addElement(0, 0, legend_);
    legend_->setLayer(QStringLiteral("legend"));
    legend_->setFont(tick_font);
    legend_->setBorderPen(Qt::NoPen);
    legend_->setBrush(Qt::NoBrush);
    legend_->setIconSize(10, 10);
    legend_->setRowSpacing(1);
    legend_->setSelectableParts(QCPLegend::spNone);
    legend_->setMinimumMargins(QMargins(4, 8, 8, 4));
    legend_->setFillOrder(QCPLayoutGrid::foRowsFirst);
    legend_->setWrap(24);
    margins_ = new QCPMarginGroup(plot_);
    map_scale_->setMarginGroup(QCP::msBottom, margins_); // its bar ends where the plane does
    rect->setMarginGroup(QCP::msTop | QCP::msBottom, margins_);
    side_->setRowSpacing(0);
    arrangeSide(nullptr);
    setAxisLabels(tr("z₀"), tr("z₁"));
}

void LatentScatterView::buildActions() {
    auto action = [this](const char* name, const QString& text, bool checkable) {
        auto* a = new QAction(text, this);
        a->setObjectName(QString::fromLatin1(name));
        a->setCheckable(checkable);
        addAction(a);
        return a;
    };
    reset_action_ = action("resetViewAction", tr("Reset view"), false);
    reset_action_->setToolTip(tr("Show all points and follow new ones (or double-click the plot)"));
    connect(reset_action_, &QAction::triggered, this, &LatentScatterView::resetView);
    prior_action_ = action("priorCirclesAction", tr("Prior circles"), true);
    prior_action_->setToolTip(tr("Circles of radius 1 and 2 around the origin: the prior's 1σ "
                                 "and 2σ"));
    connect(prior_action_, &QAction::toggled, this, &LatentScatterView::setPriorCirclesVisible);
    manifold_action_ = action("manifoldGridAction", tr("Manifold grid"), true);
    manifold_action_->setToolTip(tr("Tile decoded images across the visible region"));
    connect(manifold_action_, &QAction::toggled, this, [this](bool on) {
        if (!on)
            clearManifoldTiles();
        emit manifoldGridToggled(on);
    });
    connect(action("exportImageAction", tr("Export Image…"), false), &QAction::triggered, this,
            &LatentScatterView::exportImageDialog);
}

// The side column holds the legend over a spacer, or a colour scale alone (so that it lines up
// with the plane's top and bottom through the margin group).
void LatentScatterView::arrangeSide(QCPColorScale* scale) {
    if (side_filler_)
        side_->remove(side_filler_);
    side_filler_ = nullptr;
    if (color_scale_ && color_scale_ != scale)
        side_->remove(color_scale_);
    color_scale_ = nullptr;
    for (QCPLayoutElement* e :
         {static_cast<QCPLayoutElement*>(legend_), static_cast<QCPLayoutElement*>(map_scale_),
          static_cast<QCPLayoutElement*>(scale)})
        if (e && e->layout() == side_)
            side_->take(e);
    side_->simplify();
    legend_->setVisible(scale == nullptr);
    const bool map = map_->visible();
    map_scale_->setVisible(map);
    int row = 0;
    QList<double> stretch;
    if (scale) {
        color_scale_ = scale;
        side_->addElement(row++, 0, scale);
        stretch << 1.0;
    } else {
        side_->addElement(row++, 0, legend_);
        stretch << 0.001;
    }
    if (map) {
        // Under the legend (or beside nothing else): the map's scale fills the rest.
        side_->addElement(row++, 0, map_scale_);
        stretch << 1.0;
    } else if (!scale) {
        side_filler_ = new QCPLayoutElement(plot_);
        side_->addElement(row++, 0, side_filler_);
        stretch << 1.0;
    }
    side_->setRowStretchFactors(stretch);
}

void LatentScatterView::setAxisLabels(const QString& x, const QString& y) {
    plot_->xAxis->setLabel(x);
    plot_->yAxis->setLabel(y);
    requestReplot();
}

// ---------------------------------------------------------------------------------------
// Points and colours

void LatentScatterView::setPoints(const vae::Matrix& xy, const std::vector<std::int32_t>& labels,
                                  const QStringList& label_names,
                                  const std::vector<std::size_t>& rows) {
    const std::size_t n = xy.cols() == 2 ? static_cast<std::size_t>(xy.rows()) : 0;
    labels_.assign(n, -1);
    std::copy_n(labels.begin(), std::min(n, labels.size()), labels_.begin());
    if (rows.size() == n) {
        rows_ = rows;
    } else {
        rows_.resize(n);
        std::iota(rows_.begin(), rows_.end(), std::size_t{0});
    }
    if (values_.size() != n) {
        values_.clear();
        value_name_.clear();
    }

    int classes = static_cast<int>(label_names.size());
    for (std::int32_t l : labels_)
        classes = std::max(classes, l + 1);
    QStringList names = label_names;
    for (int c = static_cast<int>(names.size()); c < classes; ++c)
        names << tr("class %1").arg(c);
    // The size check matters for unlabelled data: no names, as before the first call, but the
    // "no class" slot must exist.
    if (names != class_names_ || class_hidden_.size() != static_cast<std::size_t>(classes) + 1) {
        class_names_ = names;
        class_hidden_.assign(static_cast<std::size_t>(classes) + 1, false);
    }

    if (order_.size() != n) {
        order_.resize(n);
        std::iota(order_.begin(), order_.end(), 0u);
        std::shuffle(order_.begin(), order_.end(), std::mt19937(kOrderSeed));
        position_.resize(n);
        for (std::size_t k = 0; k < n; ++k)
            position_[order_[k]] = static_cast<std::uint32_t>(k);
    }
    std::vector<float> x(n);
    std::vector<float> y(n);
    for (std::size_t k = 0; k < n; ++k) {
        const auto i = static_cast<Eigen::Index>(order_[k]);
        x[k] = xy(i, 0);
        y[k] = xy(i, 1);
    }
    index_.build(x, y);
    scatter_->setData(std::move(x), std::move(y), std::vector<std::uint16_t>(n, 0));
    base_opacity_ = opacity_for(n);
    updateOpacity();
    applyColors();
    rebuildLegend();
    clearHover();
    count_label_->setText(tr("%1 points").arg(QLocale().toString(static_cast<qulonglong>(n))));
    requestReplot();
}

void LatentScatterView::setContinuousValues(const std::vector<double>& values,
                                            const QString& name) {
    if (values.empty() || values.size() != rows_.size()) {
        values_.clear();
        value_name_.clear();
    } else {
        values_ = values;
        value_name_ = name;
    }
    applyColors();
    rebuildLegend();
    clearHover();
    requestReplot();
}

std::size_t LatentScatterView::slotOfClass(int class_id) const {
    const auto classes = static_cast<std::size_t>(class_names_.size());
    return class_id >= 0 && static_cast<std::size_t>(class_id) < classes
               ? static_cast<std::size_t>(class_id)
               : classes;
}

QString LatentScatterView::classNameOf(int class_id) const {
    return class_id >= 0 && class_id < class_names_.size() ? class_names_[class_id]
                                                           : tr("no class");
}

// Slots and their colours for the current mode: a numeric target's levels, or the classes.
void LatentScatterView::applyColors() {
    const std::size_t n = order_.size();
    std::vector<std::uint16_t> point_slots(n);
    std::vector<QColor> colors;
    if (!values_.empty()) {
        double lo = std::numeric_limits<double>::infinity();
        double hi = -lo;
        for (double v : values_)
            if (std::isfinite(v)) {
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
        if (!(hi >= lo)) {
            lo = 0.0;
            hi = 1.0;
        }
        const double span = hi > lo ? hi - lo : 1.0;
        for (std::size_t k = 0; k < n; ++k) {
            const double v = values_[order_[k]];
            point_slots[k] =
                std::isfinite(v)
                    ? static_cast<std::uint16_t>(std::clamp(
                          static_cast<int>((v - lo) / span * kValueLevels), 0, kValueLevels - 1))
                    : static_cast<std::uint16_t>(kValueLevels);
        }
        QCPColorGradient gradient = viridis();
        for (int s = 0; s < kValueLevels; ++s)
            colors.emplace_back(gradient.color((s + 0.5) / kValueLevels, QCPRange(0.0, 1.0)));
        colors.push_back(kNanColor);
        scatter_->setSlotColors(std::move(colors));
        for (std::size_t s = 0; s <= static_cast<std::size_t>(kValueLevels); ++s)
            scatter_->setSlotVisible(s, true);

        QCPColorScale* scale = color_scale_;
        if (!scale) {
            scale = new QCPColorScale(plot_);
            scale->setType(QCPAxis::atRight);
            scale->setGradient(gradient);
            scale->setBarWidth(10);
            scale->setRangeDrag(false);
            scale->setRangeZoom(false);
            scale->axis()->setTickLabelFont(plot_font(font(), kPlotTickFontPoints));
            scale->axis()->setLabelFont(plot_font(font(), kPlotLabelFontPoints));
            scale->setMarginGroup(QCP::msTop | QCP::msBottom, margins_);
            arrangeSide(scale);
        }
        scale->setDataRange(QCPRange(lo, hi > lo ? hi : lo + 1.0));
        scale->axis()->setLabel(value_name_);
    } else {
        const int classes = static_cast<int>(class_names_.size());
        for (std::size_t k = 0; k < n; ++k)
            point_slots[k] = static_cast<std::uint16_t>(slotOfClass(labels_[order_[k]]));
        for (int c = 0; c < classes; ++c)
            colors.push_back(class_color(c, classes));
        colors.push_back(kNoClassColor);
        scatter_->setSlotColors(std::move(colors));
        for (std::size_t s = 0; s < class_hidden_.size(); ++s)
            scatter_->setSlotVisible(s, !class_hidden_[s]);
        if (color_scale_)
            arrangeSide(nullptr);
    }
    scatter_->setSlots(std::move(point_slots));
}

void LatentScatterView::rebuildLegend() {
    legend_->clearItems();
    if (!values_.empty())
        return;
    const int classes = static_cast<int>(class_names_.size());
    for (int c = 0; c < classes; ++c) {
        auto* item = new ScatterLegendItem(legend_, c, class_color(c, classes), class_names_[c]);
        item->setShown(!class_hidden_[static_cast<std::size_t>(c)]);
        legend_->addItem(item);
    }
    if (std::find(labels_.begin(), labels_.end(), -1) != labels_.end() ||
        std::any_of(labels_.begin(), labels_.end(), [classes](int l) { return l >= classes; })) {
        auto* item = new ScatterLegendItem(legend_, -1, kNoClassColor, tr("no class"));
        item->setShown(!class_hidden_.back());
        legend_->addItem(item);
    }
}

QStringList LatentScatterView::legendTexts() const {
    QStringList out;
    for (int i = 0; i < legend_->itemCount(); ++i)
        if (auto* item = qobject_cast<ScatterLegendItem*>(legend_->item(i)))
            out << item->text();
    return out;
}

void LatentScatterView::setClassVisible(int class_id, bool visible) {
    const std::size_t slot = slotOfClass(class_id);
    if (slot >= class_hidden_.size() || class_hidden_[slot] == !visible)
        return;
    class_hidden_[slot] = !visible;
    if (values_.empty())
        scatter_->setSlotVisible(slot, visible);
    for (int i = 0; i < legend_->itemCount(); ++i)
        if (auto* item = qobject_cast<ScatterLegendItem*>(legend_->item(i)))
            if (slotOfClass(item->classId()) == slot)
                item->setShown(visible);
    clearHover();
    requestReplot();
}

bool LatentScatterView::classVisible(int class_id) const {
    const std::size_t slot = slotOfClass(class_id);
    return slot >= class_hidden_.size() || !class_hidden_[slot];
}

void LatentScatterView::setPointSize(double px) {
    scatter_->setPointSize(px);
    requestReplot();
}

void LatentScatterView::updateOpacity() {
    scatter_->setOpacity(base_opacity_ * (mosaic_->visible() ? kDimUnderMosaic
                                          : map_->visible()  ? kDimOverMap
                                                             : 1.0));
}

void LatentScatterView::clear() {
    setPoints(vae::Matrix(0, 2), {}, {}, {});
    clearPath();
    hideMarker();
    clearManifoldTiles();
    clearMap();
    resetView();
}

// ---------------------------------------------------------------------------------------
// Overlay, circles, mosaic

void LatentScatterView::setPathSteps(int n) {
    path_steps_ = std::max(2, n);
    setPathPolyline(path_polyline_);
}

void LatentScatterView::setPathPoints(const QVector<QPointF>& polyline) {
    setPathPolyline(polyline);
}

void LatentScatterView::clearPath() {
    setPathPolyline({});
}

void LatentScatterView::setPathPolyline(const QVector<QPointF>& polyline) {
    path_polyline_ = polyline;
    overlay_->setPath(polyline, polyline.size() >= 2 ? evenly_spaced_along(polyline, path_steps_)
                                                     : QVector<QPointF>());
    requestOverlayReplot();
}

QVector<QPointF> LatentScatterView::pathTicks() const {
    return overlay_->ticks();
}

void LatentScatterView::showMarker(QPointF xy) {
    overlay_->setMarker(xy);
    requestOverlayReplot();
}

void LatentScatterView::hideMarker() {
    overlay_->setMarker(std::nullopt);
    requestOverlayReplot();
}

std::optional<QPointF> LatentScatterView::marker() const {
    return overlay_->marker();
}

void LatentScatterView::setPriorCirclesVisible(bool on) {
    prior_action_->setChecked(on);
    if (prior_on_ == on)
        return;
    prior_on_ = on;
    updatePriorItems();
    requestReplot();
}

void LatentScatterView::updatePriorItems() {
    for (QCPItemEllipse* c : prior_circles_)
        c->setVisible(prior_on_);
    for (QCPItemEllipse* c : prior_halos_)
        c->setVisible(prior_on_ && mosaic_->visible());
    for (QCPItemText* t : prior_labels_)
        t->setVisible(prior_on_);
}

void LatentScatterView::setManifoldTiles(const QImage& mosaic, QRectF plane_rect) {
    mosaic_->setImage(mosaic, plane_rect);
    const bool was_visible = mosaic_->visible();
    mosaic_->setVisible(!mosaic.isNull() && !plane_rect.isEmpty());
    if (was_visible != mosaic_->visible())
        applyMapAlpha(); // a map over the images becomes a wash, and opaque again without
    updateOpacity();
    updatePriorItems();
    requestReplot();
}

void LatentScatterView::clearManifoldTiles() {
    if (!mosaic_->visible() && mosaic_->image().isNull())
        return;
    mosaic_->setImage(QImage(), QRectF());
    mosaic_->setVisible(false);
    applyMapAlpha();
    updateOpacity();
    updatePriorItems();
    requestReplot();
}

void LatentScatterView::setManifoldGridEnabled(bool on) {
    manifold_action_->setChecked(on);
}

void LatentScatterView::setManifoldGridAvailable(bool available) {
    if (!available)
        manifold_action_->setChecked(false);
    manifold_action_->setEnabled(available);
    manifold_action_->setToolTip(available ? tr("Tile decoded images across the visible region")
                                           : tr("The manifold grid tiles decoded images: it "
                                                "needs image data"));
}

bool LatentScatterView::manifoldGridEnabled() const {
    return manifold_action_->isChecked();
}

void LatentScatterView::setMapKind(LatentMapKind kind) {
    for (QAction* a : map_actions_->actions())
        if (a->data().toInt() == static_cast<int>(kind))
            a->setChecked(true);
}

LatentMapKind LatentScatterView::mapKind() const {
    const QAction* a = map_actions_->checkedAction();
    return a ? static_cast<LatentMapKind>(a->data().toInt()) : LatentMapKind::None;
}

bool LatentScatterView::mapShown() const {
    return map_->visible();
}

void LatentScatterView::setMap(LatentMapKind kind, const Eigen::VectorXd& values, int cols,
                               int rows, QRectF plane_rect, std::pair<double, double> range,
                               const std::vector<double>& alpha) {
    const QRectF r = plane_rect.normalized();
    if (kind != mapKind() || kind == LatentMapKind::None || cols < 2 || rows < 2 ||
        values.size() != static_cast<Eigen::Index>(cols) * rows || r.isEmpty())
        return;
    const bool had_map = map_->visible();
    QCPColorMapData* data = map_->data();
    data->setSize(cols, rows);
    // The cells' centres: the layer covers the rectangle exactly.
    const double hx = r.width() / (2.0 * cols);
    const double hy = r.height() / (2.0 * rows);
    data->setRange(QCPRange(r.left() + hx, r.right() - hx),
                   QCPRange(r.top() + hy, r.bottom() - hy));
    for (int row = 0; row < rows; ++row)
        for (int c = 0; c < cols; ++c) {
            const double v = values(static_cast<Eigen::Index>(row) * cols + c);
            // Row 0 is the top: the largest y, the last value index.
            data->setCell(c, rows - 1 - row, std::isfinite(v) ? v : std::nan(""));
        }
    map_alpha_ = alpha.size() == static_cast<std::size_t>(values.size())
                     ? alpha
                     : std::vector<double>(static_cast<std::size_t>(values.size()), 1.0);
    applyMapAlpha();
    double lo = range.first;
    double hi = range.second;
    if (!(hi > lo)) {
        lo = std::isfinite(lo) ? lo : 0.0;
        hi = lo + 1.0;
    }
    map_->setGradient(kind == LatentMapKind::Density ? diverging(-lo / (hi - lo)) : sequential());
    map_->setDataRange(QCPRange(lo, hi));
    map_scale_->axis()->setLabel(kind == LatentMapKind::Density
                                     ? tr("log q(z)/p(z)   ← holes · crowded →")
                                     : tr("‖z − enc(dec(z))‖   good → garbage"));
    map_->setVisible(true);
    if (!had_map) {
        arrangeSide(color_scale_);
        updateOpacity();
    }
    requestReplot();
}

void LatentScatterView::applyMapAlpha() {
    QCPColorMapData* data = map_->data();
    const int cols = data->keySize();
    const int rows = data->valueSize();
    if (map_alpha_.size() != static_cast<std::size_t>(cols) * static_cast<std::size_t>(rows))
        return;
    const double wash = mosaic_->visible() ? kMapOverMosaicAlpha : 1.0;
    for (int row = 0; row < rows; ++row)
        for (int c = 0; c < cols; ++c) {
            const double a = map_alpha_[static_cast<std::size_t>(row * cols + c)] * wash;
            data->setAlpha(c, rows - 1 - row,
                           static_cast<unsigned char>(std::lround(std::clamp(a, 0.0, 1.0) * 255)));
        }
}

void LatentScatterView::clearMap() {
    if (!map_->visible())
        return;
    map_->setVisible(false);
    map_->data()->clear();
    map_alpha_.clear();
    arrangeSide(color_scale_);
    updateOpacity();
    requestReplot();
}

std::optional<double> LatentScatterView::mapValueAt(QPointF xy) const {
    if (!map_->visible())
        return std::nullopt;
    QCPColorMapData* data = map_->data(); // cell() is not const
    int k = 0;
    int v = 0;
    data->coordToCell(xy.x(), xy.y(), &k, &v);
    if (k < 0 || v < 0 || k >= data->keySize() || v >= data->valueSize())
        return std::nullopt;
    const double value = data->cell(k, v);
    if (!std::isfinite(value))
        return std::nullopt;
    return value;
}

QString LatentScatterView::mapText(QPointF xy) const {
    const auto v = mapValueAt(xy);
    if (!v)
        return {};
    if (mapKind() == LatentMapKind::Density) {
        const QString ratio = QString::number(*v, 'f', 2);
        if (*v < -1.0)
            return tr("log q/p = %1: fewer codes than the prior expects (×%2)")
                .arg(ratio, QString::number(std::exp(*v), 'g', 2));
        if (*v > 1.0)
            return tr("log q/p = %1: codes crowd here (×%2 the prior)")
                .arg(ratio, QString::number(std::exp(*v), 'g', 2));
        return tr("log q/p = %1: about as dense as the prior").arg(ratio);
    }
    return tr("‖z − enc(dec(z))‖ = %1").arg(QString::number(*v, 'f', 3));
}

// ---------------------------------------------------------------------------------------
// View

void LatentScatterView::setEqualAspect(bool on) {
    equal_aspect_ = on;
    requestReplot();
}

void LatentScatterView::resetView() {
    user_view_ = false;
    fitView();
    requestReplot();
}

void LatentScatterView::setVisibleRange(const QRectF& plane_rect) {
    const QRectF r = plane_rect.normalized();
    if (r.isEmpty())
        return;
    user_view_ = true;
    QCPRange x(r.left(), r.right());
    QCPRange y(r.top(), r.bottom());
    const QRect rect = plot_->axisRect()->rect();
    if (equal_aspect_ && rect.width() > 0 && rect.height() > 0) {
        const double per_px = std::max(x.size() / rect.width(), y.size() / rect.height());
        x = QCPRange(x.center() - per_px * rect.width() / 2.0,
                     x.center() + per_px * rect.width() / 2.0);
        y = QCPRange(y.center() - per_px * rect.height() / 2.0,
                     y.center() + per_px * rect.height() / 2.0);
    }
    plot_->xAxis->setRange(x);
    plot_->yAxis->setRange(y);
    requestReplot();
}

// The data's box with a margin; with an equal aspect, widened on one axis to the rect's shape.
void LatentScatterView::fitView() {
    bool found_x = false;
    bool found_y = false;
    QCPRange x = scatter_->getKeyRange(found_x);
    QCPRange y = scatter_->getValueRange(found_y);
    if (!found_x || !found_y) {
        x = QCPRange(-3.0, 3.0);
        y = QCPRange(-3.0, 3.0);
    }
    // A single point, or a line, still gets an area around it.
    const double least = std::max({x.size(), y.size(), 1e-6}) * 0.1;
    const double w = std::max(x.size(), least) * (1.0 + 2.0 * kFitMargin);
    const double h = std::max(y.size(), least) * (1.0 + 2.0 * kFitMargin);
    const double cx = x.center();
    const double cy = y.center();
    const QRect rect = plot_->axisRect()->rect();
    if (equal_aspect_ && rect.width() > 0 && rect.height() > 0) {
        const double per_px = std::max(w / rect.width(), h / rect.height());
        plot_->xAxis->setRange(cx - per_px * rect.width() / 2.0, cx + per_px * rect.width() / 2.0);
        plot_->yAxis->setRange(cy - per_px * rect.height() / 2.0,
                               cy + per_px * rect.height() / 2.0);
    } else {
        plot_->xAxis->setRange(cx - w / 2.0, cx + w / 2.0);
        plot_->yAxis->setRange(cy - h / 2.0, cy + h / 2.0);
    }
}

// After each layout, before drawing: a view that follows the data refits to the rect; a view
// the user set keeps its scale and centre when the rect changes size.
void LatentScatterView::keepAspect() {
    const QSize size = plot_->axisRect()->rect().size();
    if (!user_view_) {
        fitView();
    } else if (equal_aspect_ && size != last_rect_size_ && size.width() > 0 && size.height() > 0) {
        const QCPRange x = plot_->xAxis->range();
        const QCPRange y = plot_->yAxis->range();
        // Scale from the last layout; the first one (a range set before any layout) takes the
        // larger of the two so that all of the asked region shows.
        const double per_px = last_rect_size_.width() > 0
                                  ? x.size() / last_rect_size_.width()
                                  : std::max(x.size() / size.width(), y.size() / size.height());
        plot_->xAxis->setRange(x.center() - per_px * size.width() / 2.0,
                               x.center() + per_px * size.width() / 2.0);
        plot_->yAxis->setRange(y.center() - per_px * size.height() / 2.0,
                               y.center() + per_px * size.height() / 2.0);
    }
    last_rect_size_ = size;
}

QRectF LatentScatterView::visibleRange() const {
    const QCPRange x = plot_->xAxis->range();
    const QCPRange y = plot_->yAxis->range();
    return {x.lower, y.lower, x.size(), y.size()};
}

QPointF LatentScatterView::planeAt(QPointF plot_pos) const {
    return {plot_->xAxis->pixelToCoord(plot_pos.x()), plot_->yAxis->pixelToCoord(plot_pos.y())};
}

QPointF LatentScatterView::pixelAt(QPointF plane) const {
    return {plot_->xAxis->coordToPixel(plane.x()), plot_->yAxis->coordToPixel(plane.y())};
}

QPointF LatentScatterView::pointPosition(std::size_t i) const {
    const std::size_t k = position_[i];
    return {scatter_->xs()[k], scatter_->ys()[k]};
}

std::optional<std::size_t> LatentScatterView::pointNear(QPointF plot_pos, double radius_px) const {
    const QRect rect = plot_->axisRect()->rect();
    const double px_per_x = rect.width() / plot_->xAxis->range().size();
    const double px_per_y = rect.height() / plot_->yAxis->range().size();
    const QPointF at = planeAt(plot_pos);
    const auto& point_slots = scatter_->pointSlots();
    const std::ptrdiff_t k =
        index_.nearest(at.x(), at.y(), px_per_x, px_per_y, radius_px,
                       [&](std::size_t s) { return scatter_->slotVisible(point_slots[s]); });
    if (k < 0)
        return std::nullopt;
    return order_[static_cast<std::size_t>(k)];
}

QString LatentScatterView::pointText(std::size_t i) const {
    const QString row = tr("row %1").arg(rows_[i]);
    if (!values_.empty()) {
        const QString value = QString::number(values_[i], 'g', 4);
        return value_name_.isEmpty() ? tr("%1 · %2").arg(row, value)
                                     : tr("%1 · %2 %3").arg(row, value_name_, value);
    }
    const int label = labels_[i];
    if (label < 0 || label >= class_names_.size())
        return row;
    return tr("%1 · %2").arg(row, class_names_[label]);
}

int LatentScatterView::scatterRasterCount() const {
    return scatter_->rasterCount();
}

void LatentScatterView::requestReplot() {
    if (!isVisible()) {
        dirty_ = true;
        return;
    }
    dirty_ = false;
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void LatentScatterView::requestOverlayReplot() {
    if (!overlay_timer_->isActive())
        overlay_timer_->start();
}

void LatentScatterView::replotOverlayNow() {
    if (!isVisible()) {
        dirty_ = true;
        return;
    }
    ++overlay_replot_count_;
    overlay_widget_->refresh();
}

void LatentScatterView::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (dirty_)
        requestReplot();
}

// ---------------------------------------------------------------------------------------
// Mouse

bool LatentScatterView::inPlotArea(const QPointF& pos) const {
    return plot_->axisRect()->rect().contains(pos.toPoint());
}

int LatentScatterView::legendClassAt(const QPointF& pos) const {
    for (int i = 0; i < legend_->itemCount(); ++i)
        if (auto* item = qobject_cast<ScatterLegendItem*>(legend_->item(i)))
            if (item->outerRect().contains(pos.toPoint()))
                return item->classId();
    return kNoLegendItem;
}

bool LatentScatterView::eventFilter(QObject* watched, QEvent* event) {
    if (watched != plot_)
        return QWidget::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::MouseButtonPress:
        onPress(static_cast<QMouseEvent*>(event));
        return gesture_ != Gesture::None;
    case QEvent::MouseMove: {
        const bool ours = gesture_ != Gesture::None;
        onMove(static_cast<QMouseEvent*>(event));
        return ours;
    }
    case QEvent::MouseButtonRelease: {
        const bool ours = gesture_ != Gesture::None;
        onRelease(static_cast<QMouseEvent*>(event));
        return ours;
    }
    case QEvent::MouseButtonDblClick: {
        auto* e = static_cast<QMouseEvent*>(event);
        if (e->button() == Qt::LeftButton && inPlotArea(e->position())) {
            resetView();
            return true;
        }
        return false;
    }
    case QEvent::Wheel:
        if (inPlotArea(static_cast<QWheelEvent*>(event)->position())) {
            user_view_ = true;
            clearHover();
        }
        return false;
    case QEvent::Leave:
        clearHover();
        return false;
    default:
        return false;
    }
}

void LatentScatterView::onPress(QMouseEvent* e) {
    if (gesture_ != Gesture::None)
        return;
    const QPointF pos = e->position();
    legend_press_class_ = kNoLegendItem;
    if (!inPlotArea(pos)) {
        if (e->button() == Qt::LeftButton)
            legend_press_class_ = legendClassAt(pos);
        return;
    }
    clearHover();
    gesture_button_ = e->button();
    press_pos_ = pos;
    if (e->button() == Qt::LeftButton && !(e->modifiers() & Qt::ControlModifier)) {
        gesture_ = Gesture::Press;
    } else if (e->button() == Qt::LeftButton || e->button() == Qt::RightButton ||
               e->button() == Qt::MiddleButton) {
        gesture_ = Gesture::Pan;
        setPlotCursor(Qt::ClosedHandCursor);
        pan_last_ = pos;
        pan_moved_ = false;
    }
}

void LatentScatterView::onMove(QMouseEvent* e) {
    const QPointF pos = e->position();
    switch (gesture_) {
    case Gesture::None:
        if (e->buttons() == Qt::NoButton) {
            // A cross over the plane: a click there decodes that spot.
            setPlotCursor(inPlotArea(pos) ? Qt::CrossCursor : Qt::ArrowCursor);
            updateHover(pos);
        }
        return;
    case Gesture::Press:
        if ((pos - press_pos_).manhattanLength() <= kDragThresholdPx)
            return;
        gesture_ = Gesture::Drag;
        drag_a_ = planeAt(press_pos_);
        [[fallthrough]];
    case Gesture::Drag:
        drag_b_ = planeAt(pos);
        // The straight line first: a slot connected to dragChanged may replace it.
        setPathPolyline({drag_a_, drag_b_});
        emit dragChanged(drag_a_, drag_b_);
        return;
    case Gesture::Pan: {
        if ((pos - press_pos_).manhattanLength() > kDragThresholdPx)
            pan_moved_ = true;
        const double dx =
            plot_->xAxis->pixelToCoord(pan_last_.x()) - plot_->xAxis->pixelToCoord(pos.x());
        const double dy =
            plot_->yAxis->pixelToCoord(pan_last_.y()) - plot_->yAxis->pixelToCoord(pos.y());
        pan_last_ = pos;
        if (dx == 0.0 && dy == 0.0)
            return;
        user_view_ = true;
        plot_->xAxis->moveRange(dx);
        plot_->yAxis->moveRange(dy);
        requestReplot();
        return;
    }
    }
}

void LatentScatterView::onRelease(QMouseEvent* e) {
    const QPointF pos = e->position();
    if (gesture_ == Gesture::None) {
        if (e->button() == Qt::LeftButton && legend_press_class_ != kNoLegendItem &&
            legendClassAt(pos) == legend_press_class_)
            setClassVisible(legend_press_class_, !classVisible(legend_press_class_));
        legend_press_class_ = kNoLegendItem;
        return;
    }
    if (e->button() != gesture_button_)
        return;
    const Gesture gesture = gesture_;
    gesture_ = Gesture::None;
    setPlotCursor(inPlotArea(pos) ? Qt::CrossCursor : Qt::ArrowCursor);
    switch (gesture) {
    case Gesture::Press:
        if (const auto hit = pointNear(press_pos_))
            emit dataPointClicked(rows_[*hit], pointPosition(*hit));
        else
            emit planeClicked(planeAt(press_pos_));
        break;
    case Gesture::Drag:
        drag_b_ = planeAt(pos);
        if (path_polyline_.size() == 2 && path_polyline_.front() == drag_a_)
            setPathPolyline({drag_a_, drag_b_});
        emit dragFinished(drag_a_, drag_b_);
        break;
    case Gesture::Pan:
        if (!pan_moved_ && e->button() == Qt::RightButton) {
            auto* menu = new QMenu(this);
            menu->setAttribute(Qt::WA_DeleteOnClose);
            menu->addActions(actions());
            menu->popup(e->globalPosition().toPoint());
        }
        break;
    case Gesture::None:
        break;
    }
    if (inPlotArea(pos))
        updateHover(pos);
}

void LatentScatterView::setPlotCursor(Qt::CursorShape shape) {
    if (plot_->cursor().shape() != shape)
        plot_->setCursor(shape);
}

void LatentScatterView::updateHover(const QPointF& pos) {
    const auto hit = inPlotArea(pos) ? pointNear(pos) : std::nullopt;
    if (!hit && map_->visible() && inPlotArea(pos)) {
        // Away from points the map's value under the cursor (a lookup: cheap on every move).
        clearHover();
        const QString text = mapText(planeAt(pos));
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(plot_->mapToGlobal(pos.toPoint() + QPoint(12, 8)), text, plot_);
        return;
    }
    if (hit == hover_)
        return;
    if (!hit) {
        clearHover();
        return;
    }
    hover_ = hit;
    hover_text_ = pointText(*hit);
    const QPointF xy = pointPosition(*hit);
    const int label = labels_[*hit];
    const int classes = static_cast<int>(class_names_.size());
    const QColor color = !values_.empty()                ? QColor()
                         : label >= 0 && label < classes ? class_color(label, classes)
                                                         : kNoClassColor;
    overlay_->setHover(xy, color);
    QToolTip::showText(plot_->mapToGlobal(pixelAt(xy).toPoint() + QPoint(12, 8)), hover_text_,
                       plot_);
    requestOverlayReplot();
}

void LatentScatterView::clearHover() {
    if (!hover_)
        return;
    hover_.reset();
    hover_text_.clear();
    overlay_->setHover(std::nullopt);
    QToolTip::hideText();
    requestOverlayReplot();
}

// ---------------------------------------------------------------------------------------
// Export

bool LatentScatterView::exportImage(const QString& path, QString* error) {
    // Rendering at another size lays the plot out again (and keepAspect adapts the ranges to
    // it); the screen's view comes back exactly afterwards.
    const QCPRange x = plot_->xAxis->range();
    const QCPRange y = plot_->yAxis->range();
    const QSize rect_size = last_rect_size_;
    // The screen's marks are the overlay widget's; the plot's own rendering needs them drawn.
    overlay_->setVisible(true);
    const bool ok = PlotImageExport::write(plot_, path, tr("Latent plane"), error);
    overlay_->setVisible(false);
    plot_->xAxis->setRange(x);
    plot_->yAxis->setRange(y);
    last_rect_size_ = rect_size;
    plot_->replot();
    return ok;
}

void LatentScatterView::exportImageDialog() {
    PlotImageExport::askAndWrite(
        this, tr("Export Latent Plane as Image"), QStringLiteral("latent_plane.png"),
        tr("Cannot export the latent plane"),
        [this](const QString& path, QString* error) { return exportImage(path, error); });
}

} // namespace vae::ui
