#include "ui/latent/scatter/latent_scatter_view.h"

#include "ui/latent/scatter/scatter_hover.h"
#include "ui/latent/scatter/scatter_interaction.h"
#include "ui/latent/scatter/scatter_map_button.h"
#include "ui/latent/scatter/scatter_map_layer.h"
#include "ui/latent/scatter/scatter_mosaic.h"
#include "ui/latent/scatter/scatter_overlay.h"
#include "ui/latent/scatter/scatter_overlay_widget.h"
#include "ui/latent/scatter/scatter_prior_circles.h"
#include "ui/latent/scatter/scatter_raster_plottable.h"
#include "ui/latent/scatter/scatter_series.h"
#include "ui/latent/scatter/scatter_side_column.h"
#include "ui/latent/scatter/scatter_viewport.h"
#include "ui/widgets/plot_image_export.h"
#include "ui/widgets/plot_style.h"

#include <QAction>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>

namespace vae::ui {
namespace {

// While the manifold mosaic shows, points keep this share of their opacity: the images are
// what the grid is for, the points only say where the data lies.
constexpr double kDimUnderMosaic = 0.3;
// Over a map layer the points stay readable but let the colours under them show.
constexpr double kDimOverMap = 0.55;

} // namespace

LatentScatterView::LatentScatterView(QWidget* parent) : QWidget(parent) {
    plot_ = new QCustomPlot(this);
    plot_->setObjectName(QStringLiteral("latentScatterPlot"));
    plot_->setMouseTracking(true);
    // Right-drag pans, so the menu opens on a right click without a drag (see
    // ScatterInteraction).
    plot_->setContextMenuPolicy(Qt::PreventContextMenu);
    buildPlot();
    buildActions();
    connectInteraction();

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

    connect(plot_, &QCustomPlot::afterLayout, this, [this] { viewport_->keepAspect(); });
    connect(plot_, &QCustomPlot::afterReplot, this, [this] { ++replot_count_; });

    buildToolBar();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(toolbar_);
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

    // Layers, bottom to top: background, grid, tiles (the mosaic), map, scatter (buffered: the
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
    series_ = std::make_unique<ScatterSeries>(scatter_);
    viewport_ = std::make_unique<ScatterViewport>(plot_, *scatter_);
    mosaic_ = new ScatterMosaic(rect, QStringLiteral("tiles"));
    mosaic_->setVisible(false);
    map_ = std::make_unique<ScatterMapLayer>(plot_, tick_font, label_font);
    overlay_ = new ScatterOverlay(rect, QStringLiteral("overlay"));
    overlay_->setVisible(false); // shown by exportImage
    overlay_widget_ = new ScatterOverlayWidget(overlay_, plot_);
    hover_ = std::make_unique<ScatterHover>(*this, *series_, *viewport_, *overlay_);
    prior_ = std::make_unique<ScatterPriorCircles>(plot_, *this);
    side_ = std::make_unique<ScatterSideColumn>(plot_, *map_, *this);
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

void LatentScatterView::buildToolBar() {
    toolbar_ = new QToolBar(this);
    toolbar_->setObjectName(QStringLiteral("latentScatterToolBar"));
    toolbar_->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolbar_->addAction(reset_action_);
    toolbar_->addSeparator();
    toolbar_->addAction(prior_action_);
    toolbar_->addAction(manifold_action_);
    // A compact button with a menu: the row is shared with the page's controls and has no
    // room for a combo box of long names. The colour scale names the layer shown.
    map_button_ = new ScatterMapButton(toolbar_);
    connect(map_button_, &ScatterMapButton::kindPicked, this, [this](LatentMapKind kind) {
        if (kind == LatentMapKind::None)
            clearMap();
        emit mapKindChanged(kind);
    });
    toolbar_->addWidget(map_button_);
    toolbar_->addSeparator();
    for (QAction* a : actions())
        if (a->objectName().startsWith(QLatin1String("export")))
            toolbar_->addAction(a);
    auto* spacer = new QWidget(toolbar_);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolbar_->addWidget(spacer);
    count_label_ = new QLabel(toolbar_);
    count_label_->setObjectName(QStringLiteral("pointCountLabel"));
    count_label_->setContentsMargins(0, 0, 8, 0);
    toolbar_->addWidget(count_label_);
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
    series_->setPoints(xy, labels, label_names, rows);
    updateOpacity();
    applyColors();
    clearHover();
    count_label_->setText(
        tr("%1 points").arg(QLocale().toString(static_cast<qulonglong>(series_->size()))));
    requestReplot();
}

void LatentScatterView::setContinuousValues(const std::vector<double>& values,
                                            const QString& name) {
    series_->setValues(values, name);
    applyColors();
    clearHover();
    requestReplot();
}

void LatentScatterView::applyColors() {
    if (const auto range = series_->applyColors())
        side_->showValueScale(*range, series_->valueName());
    else
        side_->hideValueScale();
    side_->fillLegend(*series_);
}

QStringList LatentScatterView::legendTexts() const {
    return side_->legendTexts();
}

QCPLegend* LatentScatterView::legend() const {
    return side_->legend();
}

void LatentScatterView::setClassVisible(int class_id, bool visible) {
    if (!series_->setClassVisible(class_id, visible))
        return;
    side_->syncLegend(*series_);
    clearHover();
    requestReplot();
}

bool LatentScatterView::classVisible(int class_id) const {
    return series_->classVisible(class_id);
}

void LatentScatterView::setPointSize(double px) {
    scatter_->setPointSize(px);
    requestReplot();
}

void LatentScatterView::updateOpacity() {
    scatter_->setOpacity(series_->baseOpacity() * (mosaic_->visible() ? kDimUnderMosaic
                                                   : map_->shown()    ? kDimOverMap
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

std::size_t LatentScatterView::pointCount() const {
    return series_->size();
}

std::size_t LatentScatterView::rowOf(std::size_t i) const {
    return series_->rowOf(i);
}

QPointF LatentScatterView::pointPosition(std::size_t i) const {
    return series_->position(i);
}

std::optional<std::size_t> LatentScatterView::pointNear(QPointF plot_pos, double radius_px) const {
    const QPointF scale = viewport_->pixelsPerUnit();
    return series_->pointNear(planeAt(plot_pos), scale.x(), scale.y(), radius_px);
}

QString LatentScatterView::pointText(std::size_t i) const {
    return series_->text(i);
}

int LatentScatterView::scatterRasterCount() const {
    return scatter_->rasterCount();
}

// ---------------------------------------------------------------------------------------
// View

void LatentScatterView::setEqualAspect(bool on) {
    viewport_->setEqualAspect(on);
    requestReplot();
}

void LatentScatterView::resetView() {
    viewport_->reset();
    requestReplot();
}

void LatentScatterView::setVisibleRange(const QRectF& plane_rect) {
    if (viewport_->show(plane_rect))
        requestReplot();
}

bool LatentScatterView::userChangedView() const {
    return viewport_->userChanged();
}

QRectF LatentScatterView::visibleRange() const {
    return viewport_->visibleRange();
}

QPointF LatentScatterView::planeAt(QPointF plot_pos) const {
    return viewport_->planeAt(plot_pos);
}

QPointF LatentScatterView::pixelAt(QPointF plane) const {
    return viewport_->pixelAt(plane);
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
// Mouse: what the gestures ScatterInteraction tells apart do here

void LatentScatterView::connectInteraction() {
    interaction_ = std::make_unique<ScatterInteraction>(plot_, *side_->legend(), *viewport_);
    ScatterInteraction* in = interaction_.get();
    connect(in, &ScatterInteraction::clicked, this, &LatentScatterView::onClick);
    connect(in, &ScatterInteraction::dragMoved, this, [this](QPointF a, QPointF b) {
        // The straight line first: a slot connected to dragChanged may replace it.
        setPathPolyline({a, b});
        emit dragChanged(a, b);
    });
    connect(in, &ScatterInteraction::dragReleased, this, &LatentScatterView::onDragReleased);
    connect(in, &ScatterInteraction::panRequested, this, [this](double dx, double dy) {
        viewport_->panBy(dx, dy);
        requestReplot();
    });
    connect(in, &ScatterInteraction::wheelZoomed, this, [this] {
        viewport_->markUserChanged();
        clearHover();
    });
    connect(in, &ScatterInteraction::resetRequested, this, &LatentScatterView::resetView);
    connect(in, &ScatterInteraction::contextMenuRequested, this,
            &LatentScatterView::openContextMenu);
    connect(in, &ScatterInteraction::legendEntryClicked, this,
            [this](int class_id) { setClassVisible(class_id, !classVisible(class_id)); });
    connect(in, &ScatterInteraction::hoverMoved, this, &LatentScatterView::updateHover);
    connect(in, &ScatterInteraction::hoverCleared, this, &LatentScatterView::clearHover);
}

void LatentScatterView::onClick(QPointF plot_pos) {
    if (const auto hit = pointNear(plot_pos))
        emit dataPointClicked(series_->rowOf(*hit), pointPosition(*hit));
    else
        emit planeClicked(planeAt(plot_pos));
}

void LatentScatterView::onDragReleased(QPointF a, QPointF b) {
    // Unless a dragChanged slot replaced it, the straight line follows the release.
    if (path_polyline_.size() == 2 && path_polyline_.front() == a)
        setPathPolyline({a, b});
    emit dragFinished(a, b);
}

void LatentScatterView::openContextMenu(QPoint global_pos) {
    auto* menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addActions(actions());
    menu->popup(global_pos);
}

void LatentScatterView::updateHover(const QPointF& pos) {
    if (hover_->update(pos))
        requestOverlayReplot();
}

void LatentScatterView::clearHover() {
    if (hover_->clear())
        requestOverlayReplot();
}

QString LatentScatterView::hoverText() const {
    return hover_->text();
}

// ---------------------------------------------------------------------------------------
// Export

bool LatentScatterView::exportImage(const QString& path, QString* error) {
    // Rendering at another size lays the plot out again (and keepAspect adapts the ranges to
    // it); the screen's view comes back exactly afterwards.
    const ScatterViewport::State shown = viewport_->state();
    // The screen's marks are the overlay widget's; the plot's own rendering needs them drawn.
    overlay_->setVisible(true);
    const bool ok = PlotImageExport::write(plot_, path, tr("Latent plane"), error);
    overlay_->setVisible(false);
    viewport_->restore(shown);
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
