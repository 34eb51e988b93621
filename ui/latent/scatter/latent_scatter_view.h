#pragma once

#include "data/dataset.h"
#include "ui/latent/scatter/latent_map_kind.h"

#include <Eigen/Core>

#include <QImage>
#include <QPointF>
#include <QRectF>
#include <QString>
#include <QStringList>
#include <QVector>
#include <QWidget>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

class QAction;
class QCPColorMap;
class QCPColorScale;
class QCPLegend;
class QCustomPlot;
class QLabel;
class QTimer;
class QToolBar;

namespace vae::ui {

class ScatterHover;
class ScatterInteraction;
class ScatterMapButton;
class ScatterMapLayer;
class ScatterMosaic;
class ScatterOverlay;
class ScatterOverlayWidget;
class ScatterPriorCircles;
class ScatterRasterPlottable;
class ScatterSeries;
class ScatterSideColumn;
class ScatterViewport;

/// The latent plane: the encoded means of a dataset (up to all 70,000 points) as a scatter
/// coloured by class (Tableau 10 / 20, with a legend whose entries switch a class on and off)
/// or by a numeric target (viridis, with a colour scale), on one QCustomPlot. It decodes
/// nothing itself: it reports clicks, drags and the visible region, and shows what it is given
/// (the decoded point's marker, an interpolation path, a mosaic of decoded images).
///
/// Mouse: wheel zooms about the cursor; right-, middle- or Ctrl+left-drag pans; double-click
/// or "Reset view" fits the data again (the double-click's first click is still a click). A
/// left click emits dataPointClicked when it lands within kHitRadiusPx of a shown point,
/// planeClicked otherwise (one or the other, never both). A left drag draws the path from A to the
/// cursor with pathSteps() evenly spaced frame ticks and emits dragChanged on every move and
/// dragFinished on release. Hovering a point shows "row 1234 · Sneaker" as a tooltip and rings the
/// point. A right click without a drag opens the actions' menu.
///
/// Drawing: the points are rasterised into a cached image on their own buffered layer
/// (ScatterRasterPlottable), redrawn only when the points, their colours or the view change.
/// Path, marker and hover ring are painted by a transparent widget over the plot, so a drag,
/// a click's marker or a hover repaints only the few pixels they change, never the scatter
/// (scatterRasterCount() and replotCount() stay put; overlayReplotCount() counts these
/// repaints). The points are drawn in a fixed pseudo-random order rather than class by class: with
/// class order the last class would cover the others wherever clusters overlap (and a dataset
/// sorted by label would show only its last classes there); shuffled, an overlap shows as a
/// mix in proportion to the classes' densities. The order depends only on the point count, so
/// live updates do not flicker.
///
/// The axes keep one plane unit the same length in x and y (setEqualAspect), so that the
/// prior's circles are circles and distances read true. Until the user zooms or pans, new
/// points refit the view (with a 5% margin); after that the view stays where the user put it.
class LatentScatterView : public QWidget {
    Q_OBJECT
public:
    /// A click or hover within this many pixels of a point picks it.
    static constexpr double kHitRadiusPx = 6.0;
    /// A left press that moves farther than this is a drag, not a click.
    static constexpr int kDragThresholdPx = 4;
    /// visibleRangeChanged waits this long after the last zoom or pan step.
    static constexpr int kRangeSettleMs = 100;
    /// Share of the data's extent added on each side when the view fits the data.
    static constexpr double kFitMargin = 0.05;

    explicit LatentScatterView(QWidget* parent = nullptr);
    ~LatentScatterView() override;

    /// Replaces the points. `xy` is N×2 (row i = plane x, y of point i; any other column count
    /// shows nothing), e.g. LatentSnapshot::means of a 2-D latent or a projection of it.
    /// `labels[i]` is the class id of point i (-1 or out of range: no class, drawn grey);
    /// `label_names[c]` names class c (missing names read "class c"); `rows[i]` is the dataset
    /// row of point i (empty: row = i). Non-finite points are neither drawn nor picked.
    /// Cheap enough to call several times a second with 70,000 points (see the benchmark); the
    /// class visibility chosen in the legend is kept while the class list stays the same.
    void setPoints(const vae::Matrix& xy, const std::vector<std::int32_t>& labels,
                   const QStringList& label_names, const std::vector<std::size_t>& rows);
    /// Colours the points by `values[i]` (for point i of the last setPoints) on a viridis scale
    /// from their minimum to their maximum, with a colour scale titled `name`; NaN is grey.
    /// Kept across setPoints while the point count stays the same; an empty vector goes back
    /// to class colours.
    void setContinuousValues(const std::vector<double>& values, const QString& name);
    /// Forgets points, path, marker and mosaic, and follows the data again.
    void clear();

    void setAxisLabels(const QString& x, const QString& y);
    /// Disc diameter of a point in pixels (default 2.5).
    void setPointSize(double px);
    /// Keeps one plane unit equally long on both axes (default on).
    void setEqualAspect(bool on);
    /// Number of frames along a drag (ticks on the path, both ends included); at least 2.
    void setPathSteps(int n);
    [[nodiscard]] int pathSteps() const { return path_steps_; }
    /// Draws `polyline` (plane coordinates) as the path instead of the straight drag line, e.g.
    /// a spherical interpolation; its ticks are pathSteps() points evenly spaced along it.
    /// During a drag, call it from a dragChanged slot: the view draws the straight line first.
    void setPathPoints(const QVector<QPointF>& polyline);
    void clearPath();
    /// Marks the decoded point at plane `xy` (a ring with ticks) until hideMarker().
    void showMarker(QPointF xy);
    void hideMarker();
    /// Circles of radius 1 and 2 around the origin: the prior's 1σ and 2σ, meaningful when the
    /// plane shows two latent dimensions at their own scale.
    void setPriorCirclesVisible(bool on);
    /// Shows `mosaic` stretched over `plane_rect` under the points (which are dimmed while it
    /// shows), its top row at the rect's largest y. An image decoded for visibleRange() fits
    /// the view exactly; after a zoom or pan it is stretched until the next one arrives.
    void setManifoldTiles(const QImage& mosaic, QRectF plane_rect);
    void clearManifoldTiles();
    /// The "Manifold grid" toggle: emits manifoldGridToggled; off also clears the mosaic.
    void setManifoldGridEnabled(bool on);
    [[nodiscard]] bool manifoldGridEnabled() const;
    /// Enables the toggle (the page knows whether its data are images); unavailable also
    /// switches the grid off.
    void setManifoldGridAvailable(bool available);
    /// The "Map" menu (its actions mapNoneAction, mapDensityAction, mapConsistencyAction): which
    /// colour layer to show under the points. Emits mapKindChanged; None also clears the layer.
    void setMapKind(LatentMapKind kind);
    [[nodiscard]] LatentMapKind mapKind() const;
    /// Shows a map layer under the points: `values` (rows * cols, row-major from the TOP row,
    /// as manifold_grid_latents orders cells) on cells tiling `plane_rect`, coloured on the
    /// kind's palette (Density: diverging, white at 0; Consistency: sequential) over `range`,
    /// with a colour scale titled for the kind beside the plane. `alpha` (same size, 0-1, or
    /// empty for opaque) fades cells. Non-finite values are transparent. Ignored when `kind` is
    /// not mapKind().
    void setMap(LatentMapKind kind, const Eigen::VectorXd& values, int cols, int rows,
                QRectF plane_rect, std::pair<double, double> range,
                const std::vector<double>& alpha = {});
    void clearMap();
    /// True while a map layer shows.
    [[nodiscard]] bool mapShown() const;
    /// The layer's value at plane point `xy` (the cell's, as drawn without interpolation);
    /// nullopt outside the layer or without one.
    [[nodiscard]] std::optional<double> mapValueAt(QPointF xy) const;
    /// "log q/p = −3.2 …" for plane point `xy`, the hover text away from points; empty without.
    [[nodiscard]] QString mapText(QPointF xy) const;
    [[nodiscard]] QCPColorMap* mapPlottable() const;
    [[nodiscard]] QCPColorScale* mapScale() const;
    /// Shows or hides the points of class `class_id` (-1: the unlabelled ones).
    void setClassVisible(int class_id, bool visible);
    [[nodiscard]] bool classVisible(int class_id) const;
    /// Fits the data again and follows it until the next zoom or pan.
    void resetView();
    /// Shows `plane_rect` (as visibleRange() reads) as if the user had zoomed there: new points
    /// keep it. With an equal aspect, the axis with room to spare widens about its centre.
    void setVisibleRange(const QRectF& plane_rect);

    /// Writes the plot as shown to a .png or .pdf (by suffix), atomically.
    bool exportImage(const QString& path, QString* error);

    /// The visible plane region: x from left() to right(), y from top() (the lower y) to
    /// bottom() (the upper y).
    [[nodiscard]] QRectF visibleRange() const;
    /// Plane coordinates under a position in plot() coordinates, and back.
    [[nodiscard]] QPointF planeAt(QPointF plot_pos) const;
    [[nodiscard]] QPointF pixelAt(QPointF plane) const;
    /// The shown point nearest to `plot_pos` (plot() coordinates) within `radius_px`, as an
    /// index into the last setPoints, from the spatial index.
    [[nodiscard]] std::optional<std::size_t> pointNear(QPointF plot_pos,
                                                       double radius_px = kHitRadiusPx) const;
    [[nodiscard]] std::size_t pointCount() const;
    [[nodiscard]] std::size_t rowOf(std::size_t i) const;
    [[nodiscard]] QPointF pointPosition(std::size_t i) const;
    /// "row 1234 · Sneaker" (or "row 1234 · price 3.52" for a numeric target).
    [[nodiscard]] QString pointText(std::size_t i) const;
    /// The hover tooltip's text, empty when no point is under the cursor.
    [[nodiscard]] QString hoverText() const;
    /// Plane positions of the path's frame ticks (empty without a path).
    [[nodiscard]] QVector<QPointF> pathTicks() const;
    [[nodiscard]] std::optional<QPointF> marker() const;
    [[nodiscard]] bool priorCirclesVisible() const { return prior_on_; }
    /// True once the user zoomed or panned: new points then keep the view.
    [[nodiscard]] bool userChangedView() const;
    /// The legend's entries, in order ("T-shirt/top", ...), empty for a numeric target.
    [[nodiscard]] QStringList legendTexts() const;

    /// Counters for tests and benchmarks: point rasterisations for the screen, full replots,
    /// overlay-only repaints (of the marks' old and new places).
    [[nodiscard]] int scatterRasterCount() const;
    [[nodiscard]] int replotCount() const { return replot_count_; }
    [[nodiscard]] int overlayReplotCount() const { return overlay_replot_count_; }
    [[nodiscard]] QCustomPlot* plot() const { return plot_; }
    [[nodiscard]] QCPLegend* legend() const;
    /// The row of buttons above the plot, where a page may add its own controls.
    [[nodiscard]] QToolBar* toolBar() const { return toolbar_; }

signals:
    /// A left click on the plane away from any point, at plane `xy`.
    void planeClicked(QPointF xy);
    /// A left click within kHitRadiusPx of a shown point: its dataset row and its plane
    /// position (not the cursor's).
    void dataPointClicked(std::size_t row, QPointF xy);
    /// During a left drag, on every move: from A (the press) to B (the cursor), plane units.
    void dragChanged(QPointF a, QPointF b);
    /// The release of a left drag.
    void dragFinished(QPointF a, QPointF b);
    /// The visible region (as visibleRange()), kRangeSettleMs after zooming or panning stops.
    void visibleRangeChanged(QRectF plane_rect);
    void manifoldGridToggled(bool on);
    /// The user (or setMapKind) picked another map layer.
    void mapKindChanged(vae::ui::LatentMapKind kind);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void buildPlot();
    void buildActions();
    void buildToolBar();
    void connectInteraction();
    /// Recolours the points for the current mode, with the legend or the value scale beside.
    void applyColors();
    void updateOpacity();
    void updatePriorItems();
    void requestReplot();
    void requestOverlayReplot();
    void replotOverlayNow();
    void setPathPolyline(const QVector<QPointF>& polyline);
    void onClick(QPointF plot_pos);
    void onDragReleased(QPointF a, QPointF b);
    void openContextMenu(QPoint global_pos);
    void updateHover(const QPointF& pos);
    void clearHover();
    void exportImageDialog();

    QCustomPlot* plot_ = nullptr;
    ScatterRasterPlottable* scatter_ = nullptr;
    ScatterOverlay* overlay_ = nullptr;
    ScatterOverlayWidget* overlay_widget_ = nullptr; ///< paints overlay_'s marks on screen
    ScatterMosaic* mosaic_ = nullptr;
    ScatterMapButton* map_button_ = nullptr;
    QTimer* range_timer_ = nullptr;
    QTimer* overlay_timer_ = nullptr;
    QAction* reset_action_ = nullptr;
    QAction* prior_action_ = nullptr;
    QAction* manifold_action_ = nullptr;
    QLabel* count_label_ = nullptr;
    QToolBar* toolbar_ = nullptr;

    // Declared in the order they are needed; the interaction, last, goes first, so that no
    // event reaches the others while they are taken down.
    std::unique_ptr<ScatterSeries> series_;
    std::unique_ptr<ScatterViewport> viewport_;
    std::unique_ptr<ScatterMapLayer> map_;
    std::unique_ptr<ScatterPriorCircles> prior_;
    std::unique_ptr<ScatterSideColumn> side_;
    std::unique_ptr<ScatterHover> hover_;
    std::unique_ptr<ScatterInteraction> interaction_;

    QVector<QPointF> path_polyline_;
    int path_steps_ = 10;
    QRectF last_emitted_range_;
    bool prior_on_ = false;
    bool dirty_ = false;
    int replot_count_ = 0;
    int overlay_replot_count_ = 0;
};

} // namespace vae::ui
