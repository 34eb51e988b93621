#pragma once

#include "data/dataset.h"
#include "latent/latent_projection.h"
#include "training/training_events.h"
#include "ui/widgets/background_job.h"

#include <QString>
#include <QTimer>
#include <QWidget>

#include <array>
#include <cstddef>
#include <memory>
#include <optional>
#include <vector>

class QComboBox;
class QGridLayout;
class QLabel;
class QPushButton;
class QScrollArea;
class QSlider;
class QStackedWidget;

namespace vae::ui {

/// Chooses how an L-dimensional latent space maps to the latent plane (for L >= 3; a 2-D
/// latent has nothing to choose and the panel hides itself):
/// - the plane: two latent dimensions ("xDim", "yDim"; picking for one the other's dimension
///   swaps them), or the top two principal axes of the encoder means ("mode"), fitted on a
///   pool thread (70,000 x 64 codes take ~25 ms) and refitted when new means arrive;
/// - the reference, the code whose other dimensions every decoded plane point gets: zero (the
///   prior's mean) or the data point the user clicked ("referenceSource"), then edited with
///   one slider per dimension ("slider_<k>", -3..3 latent units, in a scroll area) and put
///   back to zero with "resetReference". Dimensions on the plane have a disabled slider.
///
/// The panel owns the LatentProjection; the page reads projection() when projectionChanged()
/// says it changed. GUI thread only.
class LatentProjectionPanel : public QWidget {
    Q_OBJECT
public:
    enum class Mode { Dimensions, Pca };
    enum class ReferenceSource { Zero, SelectedPoint };

    /// The sliders span [-kSliderRange, kSliderRange] latent units, in steps of 1/kSliderScale:
    /// the prior's ±3σ, where nearly all of a trained model's codes lie.
    static constexpr double kSliderRange = 3.0;
    static constexpr int kSliderScale = 100;
    /// While a slider is dragged, projectionChanged(false) comes at most once per this many ms
    /// (the first change at once, the last one always).
    static constexpr int kSliderEmitMs = 40;

    explicit LatentProjectionPanel(QWidget* parent = nullptr);
    ~LatentProjectionPanel() override;

    /// The model's latent dimension. A new value resets the panel (dimensions 0 and 1, zero
    /// reference, no means, no selected point); the same value changes nothing, so that it can
    /// be called with every model update during training. Hides the panel when L < 3. Does not
    /// emit projectionChanged: the caller re-reads projection() itself.
    void setLatentDim(std::size_t latent_dim);
    [[nodiscard]] std::size_t latentDim() const { return latent_dim_; }

    /// The encoder means to fit the PCA plane to (means.cols() must be latentDim(); others are
    /// ignored). In PCA mode a refit starts at once and projectionChanged(true) follows when it
    /// lands; the previous fit stays in use meanwhile. Axis signs follow
    /// LatentProjection::pca's convention, so refits of similar data keep their orientation.
    void setMeans(std::shared_ptr<const LatentSnapshot> snapshot);

    /// The data point the user clicked, in latent units (size latentDim(), else ignored), and
    /// how to name it ("row 4711 · Sneaker"). When the reference follows the selected point it
    /// becomes `z` and projectionChanged(false) is emitted.
    void setSelectedPoint(const Vector& z, const QString& description);

    /// Shows dimensions x and y on the plane (Dimensions mode); out-of-range or equal values
    /// are ignored. Emits projectionChanged(true) when the plane changes.
    void setDims(std::size_t x, std::size_t y);

    /// Switches the plane's kind as the "mode" box does (a PCA fit starts if means are known).
    void setMode(Mode mode);
    [[nodiscard]] Mode mode() const;
    [[nodiscard]] ReferenceSource referenceSource() const;
    /// The dimensions chosen for Dimensions mode (kept while PCA mode is on).
    [[nodiscard]] std::array<std::size_t, 2> dims() const { return dims_; }
    /// Size latentDim(): the code lift() takes the off-plane part from.
    [[nodiscard]] const Vector& reference() const { return reference_; }
    /// The plane as shown now. In PCA mode before the first fit has landed this is still the
    /// Dimensions plane (the mode's label says "fitting…"). Requires latentDim() >= 2.
    [[nodiscard]] LatentProjection projection() const;
    /// The axes' titles: "z₃", "z₇" or "PC1 (41 %)", "PC2 (23 %)".
    [[nodiscard]] std::array<QString, 2> axisLabels() const;
    /// True while a PCA fit runs on the pool.
    [[nodiscard]] bool fitting() const;

    [[nodiscard]] QSize sizeHint() const override;

signals:
    /// projection() changed. `axesChanged`: the plane itself changed (mode, dimensions, a PCA
    /// refit): re-project the points. Otherwise only the reference moved: the points stay where
    /// they are and only decoded codes change. Once per user edit; slider drags are throttled
    /// to one per kSliderEmitMs. Not emitted by setLatentDim().
    void projectionChanged(bool axesChanged);

private:
    struct Fit {
        std::shared_ptr<const LatentSnapshot> means;
        std::optional<LatentProjection> plane; ///< reference left empty
        QString error;
        int generation = 0;
    };

    void buildSliders();
    void syncControls();
    void syncSlider(std::size_t k);
    void rebuildProjection();
    void startFit();
    void fitFinished(const Fit& fit);
    void setReference(const Vector& z);
    void onModeChanged();
    void onDimPicked(int axis, int index);
    void onSliderMoved(std::size_t k, int value);
    void onReferenceSourceChanged();
    void resetReference();
    void emitReferenceChanged();
    void emitAxesChanged();

    std::size_t latent_dim_ = 0;
    std::array<std::size_t, 2> dims_{0, 1};
    Vector reference_;
    Vector selected_;
    QString selected_text_;
    std::shared_ptr<const LatentSnapshot> means_;        ///< the newest means given
    std::shared_ptr<const LatentSnapshot> fitted_means_; ///< the means fit_ was fitted to
    std::optional<LatentProjection> fit_;
    std::optional<LatentProjection> current_;
    QString fit_error_;
    int generation_ = 0;
    BackgroundJob<Fit> fit_job_;
    QTimer slider_throttle_;
    bool slider_pending_ = false;

    QComboBox* mode_box_ = nullptr;
    QStackedWidget* plane_stack_ = nullptr;
    std::array<QComboBox*, 2> dim_boxes_{};
    QLabel* variance_label_ = nullptr;
    QComboBox* source_box_ = nullptr;
    QLabel* selected_label_ = nullptr;
    QPushButton* reset_button_ = nullptr;
    QScrollArea* scroll_ = nullptr;
    QGridLayout* slider_grid_ = nullptr;
    std::vector<QSlider*> sliders_;
    std::vector<QLabel*> slider_values_;
};

} // namespace vae::ui
