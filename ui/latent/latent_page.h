#pragma once

#include "data/dataset.h"
#include "latent/latent_projection.h"
#include "training/training_events.h"
#include "ui/latent/decode_service.h"
#include "ui/latent/latent_map_layer.h"
#include "ui/widgets/sample_renderer.h"
#include "vae/vae_model.h"

#include <QImage>
#include <QPointF>
#include <QRectF>
#include <QWidget>

#include <memory>
#include <optional>
#include <utility>

class QSplitter;
class QTabWidget;

namespace vae::ui {

class DecodedSampleView;
class InterpolationStrip;
class LatentEncoder;
class LatentNearestTab;
class LatentPageToolbar;
class LatentProjectionPanel;
class LatentScatterView;
class LatentTraversalView;
class NearestSamplesView;

/// The latent plane: the encoded data (the newest latent snapshot) as a scatter, a click
/// decoded into a sample beside the nearest real one, a drag decoded into a strip of frames
/// beneath, the k nearest training samples of the sample shown (the Nearest tab, with a
/// verdict against the data's own nearest-neighbour distances), and optionally the manifold
/// grid of decoded images or a map layer (posterior vs prior, decoding consistency) over the
/// visible region, computed off the GUI thread by LatentMapService.
/// Decoding runs on the DecodeService's thread; a result overtaken by a newer request is
/// dropped. The plane shows two latent dimensions or a PCA projection (setProjection); the
/// other dimensions sit at the projection's reference. GUI thread only.
class LatentPage : public QWidget {
    Q_OBJECT
public:
    enum class Interpolation { Linear, Spherical };
    /// Manifold-grid cells aim at this many pixels on a side.
    static constexpr int kGridCellPx = 44;

    explicit LatentPage(QWidget* parent = nullptr);

    void setDataset(std::shared_ptr<const Dataset> data);
    /// The newest weights and encodings (either may be null: the page then waits).
    void setResults(std::shared_ptr<const VaeModel> model,
                    std::shared_ptr<const LatentSnapshot> snapshot);
    void setInterpolation(Interpolation mode);
    /// How many data points the plane shows: the encoded subsample's size (the whole dataset
    /// when the user picks "all"). Training snapshots should carry as many.
    [[nodiscard]] std::size_t pointLimit() const;
    /// Picks the entry of the "points" control closest to `n` (0: all).
    void setPointLimit(std::size_t n);
    [[nodiscard]] Interpolation interpolation() const;

    /// Decodes plane point `xy` as a click there does.
    void decodeAt(QPointF xy);
    /// Decodes the strip from plane point `a` to `b` as a drag does.
    void interpolate(QPointF a, QPointF b);
    /// Decodes the strip between the encodings of dataset rows `from_row` and `to_row` (all
    /// latent dimensions), as a click on one data point and a Shift+click on another does.
    void interpolateRows(std::size_t from_row, std::size_t to_row);

    [[nodiscard]] LatentScatterView* scatter() const { return scatter_; }
    [[nodiscard]] DecodedSampleView* sampleView() const { return sample_; }
    [[nodiscard]] InterpolationStrip* strip() const { return strip_; }
    [[nodiscard]] LatentProjectionPanel* projectionPanel() const { return projection_panel_; }
    [[nodiscard]] LatentTraversalView* traversal() const { return traversal_; }
    /// Shows the traversal (true) or the interpolation strip under the plane.
    void showTraversal(bool on);
    /// Shows the Nearest tab under the plane.
    void showNearestTab();
    /// Searches the training samples nearest to `x` (1 x D, stored units: e.g. a generated
    /// sample) and shows them in the Nearest tab, captioned `caption`.
    void showNearestOf(const Matrix& x, const QString& caption);
    [[nodiscard]] NearestSamplesView* nearestView() const { return nearest_view_; }
    /// The sample the Nearest tab's neighbours are for (1 x D; empty before the first).
    [[nodiscard]] const Matrix& nearestQuery() const;
    /// The newest map layer result shown (null when none shows).
    [[nodiscard]] std::shared_ptr<const LatentMapService::Result> mapResult() const {
        return map_layer_->result();
    }
    /// Map cells aim at this many pixels on a side (the consistency map decodes and encodes
    /// every cell, so its cells are larger).
    static constexpr int kDensityCellPx = LatentMapLayer::kDensityCellPx;
    static constexpr int kConsistencyCellPx = LatentMapLayer::kConsistencyCellPx;
    [[nodiscard]] const std::optional<LatentProjection>& projection() const { return projection_; }
    [[nodiscard]] std::shared_ptr<const VaeModel> model() const { return model_; }
    [[nodiscard]] std::shared_ptr<const Dataset> dataset() const { return data_; }
    [[nodiscard]] std::shared_ptr<const LatentSnapshot> snapshot() const { return snapshot_; }
    /// The latent code and decode of the last click shown (for tests and exports).
    [[nodiscard]] const Matrix& lastDecodedZ() const { return last_z_; }
    [[nodiscard]] const Matrix& lastDecodedX() const { return last_x_; }
    /// The latent codes and decodes of the strip shown (frames x L, frames x D).
    [[nodiscard]] const Matrix& stripZ() const { return strip_z_; }
    [[nodiscard]] const Matrix& stripX() const { return strip_x_; }
    /// The manifold grid shown: (rows * cols) x L codes, their plane rectangle and cell counts.
    [[nodiscard]] const Matrix& gridZ() const { return grid_z_; }
    [[nodiscard]] QRectF gridRect() const { return grid_rect_; }
    /// The dataset row of the nearest real sample shown beside the decoded point, if any.
    [[nodiscard]] std::optional<std::size_t> nearestRow() const { return nearest_row_; }

signals:
    /// A click's, a drag's or the grid's decoded result is on screen.
    void decodedShown(vae::ui::DecodeService::Kind kind);
    /// The user picked another number of points (already being encoded for the current model).
    void pointLimitChanged(std::size_t n);
    /// New points are on the plane.
    void pointsShown();
    /// The Nearest tab shows the neighbours of a new sample (or their verdict changed).
    void nearestShown();
    /// A map layer was computed and is on screen.
    void mapShown();

private:
    /// The views in their splitters and tabs; returns the splitter over the bottom tabs.
    QSplitter* layOut();
    void connectViews(QSplitter* vertical);
    void showPoints();
    void encodePoints();
    void decodeRow(std::size_t row);
    void requestGrid();
    void requestStrip(Matrix z);
    void interpolateCodes(const Vector& from, const Vector& to);
    void requestTraversal();
    void onProjectionChanged(bool axes_changed);
    void redecodeShown();
    void showTraversalResult(const DecodeService::Result& r);
    void showDecoded(const std::shared_ptr<const DecodeService::Result>& r);
    void showPoint(const DecodeService::Result& r);
    void showNearest(const DecodeService::Result& r);
    void showPointPanels();
    void showReconstruction(const DecodeService::Result& r);
    void showStrip(const DecodeService::Result& r);
    void showGrid(const DecodeService::Result& r);
    void requestMap();
    [[nodiscard]] Vector latentAt(QPointF xy) const;
    [[nodiscard]] QString pointCaption(const Matrix& z) const;
    [[nodiscard]] bool ready() const;

    std::shared_ptr<const Dataset> data_;
    std::shared_ptr<const VaeModel> model_;
    std::shared_ptr<const LatentSnapshot> snapshot_;
    std::optional<LatentProjection> projection_;
    SampleRenderer renderer_;
    DecodeService* decoder_ = nullptr;
    LatentEncoder* encoder_ = nullptr;
    LatentPageToolbar* toolbar_ = nullptr;
    LatentScatterView* scatter_ = nullptr;
    DecodedSampleView* sample_ = nullptr;
    InterpolationStrip* strip_ = nullptr;
    LatentProjectionPanel* projection_panel_ = nullptr;
    LatentTraversalView* traversal_ = nullptr;
    NearestSamplesView* nearest_view_ = nullptr;
    LatentNearestTab* nearest_tab_ = nullptr;
    LatentMapLayer* map_layer_ = nullptr;
    QTabWidget* bottom_tabs_ = nullptr;
    std::size_t clicked_row_ = 0; ///< the data point whose reconstruction was asked for
    Matrix last_z_, last_x_;
    Matrix strip_z_, strip_x_;
    Matrix grid_z_;
    QRectF grid_rect_;
    QRectF grid_request_rect_;
    int grid_cols_ = 0, grid_rows_ = 0;
    std::optional<std::size_t> nearest_row_;
    bool showing_point_ = false; ///< the sample view shows a plane click (not a reconstruction)
    QImage point_image_;         ///< the decoded click shown, and its caption
    QString point_caption_;
    QImage nearest_image_;    ///< the nearest sample shown, kept so a click can keep it as is
    QString nearest_caption_; ///< its caption
    std::optional<std::size_t> selected_row_;                       ///< the last data point clicked
    std::optional<std::pair<std::size_t, std::size_t>> strip_rows_; ///< strip between rows
    std::optional<QPointF> clicked_xy_; ///< the plane point of the last click on the plane
    std::vector<double> traversal_values_;
    bool strip_in_flight_ = false;     ///< a strip request the decoder has not answered yet
    std::optional<Matrix> strip_next_; ///< the newest strip asked for meanwhile
};

} // namespace vae::ui
