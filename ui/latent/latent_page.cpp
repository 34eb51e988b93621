// LatentPage: its layout, its wiring, and what it is given (dataset, weights, encodings,
// projection). What it asks the decoder for and how it shows the answers is in
// latent_page_decoding.cpp.
#include "ui/latent/latent_page.h"

#include "ui/latent/decoded_sample_view.h"
#include "ui/latent/interpolation_strip.h"
#include "ui/latent/latent_encoder.h"
#include "ui/latent/latent_nearest_tab.h"
#include "ui/latent/latent_page_toolbar.h"
#include "ui/latent/latent_projection_panel.h"
#include "ui/latent/latent_traversal_view.h"
#include "ui/latent/nearest_samples_view.h"
#include "ui/latent/scatter/latent_scatter_view.h"
#include "vae/latent_ops.h"

#include <QSplitter>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <utility>

namespace vae::ui {

LatentPage::LatentPage(QWidget* parent) : QWidget(parent) {
    decoder_ = new DecodeService(this);
    encoder_ = new LatentEncoder(this);
    scatter_ = new LatentScatterView(this);
    sample_ = new DecodedSampleView(this);
    strip_ = new InterpolationStrip(this);
    nearest_view_ = new NearestSamplesView(this);
    map_layer_ = new LatentMapLayer(scatter_, this);
    nearest_tab_ = new LatentNearestTab(nearest_view_, decoder_, renderer_, this);
    scatter_->setAxisLabels(QStringLiteral("z₀"), QStringLiteral("z₁"));
    scatter_->setPathSteps(strip_->frameCount());

    toolbar_ = new LatentPageToolbar(scatter_->toolBar(), this);
    projection_panel_ = new LatentProjectionPanel(this);
    traversal_ = new LatentTraversalView(this);
    connectViews(layOut());
}

QSplitter* LatentPage::layOut() {
    auto* side = new QSplitter(Qt::Vertical, this);
    side->addWidget(sample_);
    side->addWidget(projection_panel_);
    side->setStretchFactor(0, 1);
    side->setSizes({320, 300});
    auto* top = new QSplitter(Qt::Horizontal, this);
    top->setObjectName(QStringLiteral("latentSplitter"));
    top->addWidget(scatter_);
    top->addWidget(side);
    top->setStretchFactor(0, 3);
    top->setStretchFactor(1, 1);
    top->setSizes({660, 340}); // the sample view needs room for two images side by side
    bottom_tabs_ = new QTabWidget(this);
    bottom_tabs_->setObjectName(QStringLiteral("latentBottomTabs"));
    bottom_tabs_->setDocumentMode(true);
    bottom_tabs_->addTab(strip_, tr("Interpolation"));
    bottom_tabs_->addTab(traversal_, tr("Traversal"));
    bottom_tabs_->setTabToolTip(1, tr("Vary one latent dimension at a time around the decoded "
                                      "point (or the reference), the others held"));
    bottom_tabs_->addTab(nearest_view_, tr("Nearest"));
    bottom_tabs_->setTabToolTip(2, tr("The training samples closest to the decoded sample: "
                                      "copies of the data and samples unlike any of it"));
    auto* vertical = new QSplitter(Qt::Vertical, this);
    vertical->setObjectName(QStringLiteral("latentVerticalSplitter"));
    vertical->addWidget(top);
    vertical->addWidget(bottom_tabs_);
    vertical->setStretchFactor(0, 1);
    vertical->setStretchFactor(1, 0);
    vertical->setSizes({620, 150}); // the strip's height; the traversal may be dragged taller
    vertical->setCollapsible(0, false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(vertical, 1);
    return vertical;
}

void LatentPage::connectViews(QSplitter* vertical) {
    connect(toolbar_, &LatentPageToolbar::pointLimitPicked, this, [this] {
        encodePoints();
        emit pointLimitChanged(pointLimit());
    });
    connect(toolbar_, &LatentPageToolbar::pathKindChanged, this, [this] {
        if (strip_z_.rows() >= 2 && ready())
            interpolateCodes(strip_z_.row(0).transpose(),
                             strip_z_.row(strip_z_.rows() - 1).transpose());
    });
    connect(scatter_, &LatentScatterView::planeClicked, this, &LatentPage::decodeAt);
    connect(scatter_, &LatentScatterView::dataPointClicked, this,
            [this](std::size_t row, QPointF) { decodeRow(row); });
    connect(scatter_, &LatentScatterView::dragChanged, this, &LatentPage::interpolate);
    connect(scatter_, &LatentScatterView::dragFinished, this, &LatentPage::interpolate);
    connect(strip_, &InterpolationStrip::frameClicked, this, [this](int i) {
        if (i < strip_x_.rows())
            showNearestOf(strip_x_.middleRows(i, 1),
                          tr("strip frame %1 of %2").arg(i + 1).arg(strip_x_.rows()));
    });
    connect(strip_, &InterpolationStrip::frameCountChanged, this, [this](int n) {
        scatter_->setPathSteps(n);
        if (strip_z_.rows() >= 2)
            // The same path with the new count of frames.
            requestStrip(interpolate_latents(
                strip_z_.row(0).transpose(), strip_z_.row(strip_z_.rows() - 1).transpose(),
                static_cast<std::size_t>(n), interpolation() == Interpolation::Spherical));
    });
    connect(scatter_, &LatentScatterView::visibleRangeChanged, this, &LatentPage::requestGrid);
    connect(scatter_, &LatentScatterView::manifoldGridToggled, this, [this](bool on) {
        if (on)
            requestGrid();
        else
            grid_z_.resize(0, 0);
    });
    connect(decoder_, &DecodeService::decoded, this, &LatentPage::showDecoded);
    connect(projection_panel_, &LatentProjectionPanel::projectionChanged, this,
            &LatentPage::onProjectionChanged);
    connect(traversal_, &LatentTraversalView::requestChanged, this, &LatentPage::requestTraversal);
    connect(bottom_tabs_, &QTabWidget::currentChanged, this, [this, vertical] {
        // The traversal is a table of rows: give it room; the strip needs one row of frames.
        const int total = vertical->sizes().value(0) + vertical->sizes().value(1);
        const int bottom =
            bottom_tabs_->currentWidget() == traversal_
                ? total * 9 / 20
                : bottom_tabs_->tabBar()->sizeHint().height() +
                      std::max(strip_->sizeHint().height(), nearest_view_->sizeHint().height());
        vertical->setSizes({total - bottom, bottom});
        requestTraversal();
    });
    connect(encoder_, &LatentEncoder::encoded, this,
            [this](const std::shared_ptr<const VaeModel>& model,
                   std::shared_ptr<const LatentSnapshot> snapshot) {
                if (model != model_)
                    return; // newer weights came meanwhile
                snapshot_ = std::move(snapshot);
                projection_panel_->setMeans(snapshot_);
                showPoints();
                requestMap(); // the density's mixture comes from these rows
            });
    connect(nearest_tab_, &LatentNearestTab::shown, this, &LatentPage::nearestShown);
    connect(scatter_, &LatentScatterView::mapKindChanged, this, [this](LatentMapKind kind) {
        map_layer_->forgetResult();
        if (kind == LatentMapKind::None)
            map_layer_->cancel();
        else
            requestMap();
    });
    connect(scatter_, &LatentScatterView::visibleRangeChanged, this, &LatentPage::requestMap);
    connect(map_layer_, &LatentMapLayer::shown, this, &LatentPage::mapShown);
}

void LatentPage::setDataset(std::shared_ptr<const Dataset> data) {
    data_ = std::move(data);
    renderer_.setDataset(data_);
    decoder_->setNearestData(data_);
    model_.reset();
    snapshot_.reset();
    encoder_->cancel();
    projection_.reset();
    last_z_ = last_x_ = strip_z_ = strip_x_ = grid_z_ = Matrix();
    strip_next_.reset();
    selected_row_.reset();
    strip_rows_.reset();
    nearest_row_.reset();
    map_layer_->forgetResult();
    map_layer_->cancel();
    showing_point_ = false;
    scatter_->clear();
    sample_->clear();
    strip_->clear();
    nearest_tab_->setDataset(data_);
    scatter_->setManifoldGridAvailable(renderer_.isImage());
}

void LatentPage::setResults(std::shared_ptr<const VaeModel> model,
                            std::shared_ptr<const LatentSnapshot> snapshot) {
    const bool new_model = model && model != model_;
    model_ = std::move(model);
    if (model_ && model_->latent_dim() >= 2 &&
        (!projection_ || projection_->latent_dim() != model_->latent_dim())) {
        // A new latent dimension: the panel starts again at dimensions 0 and 1.
        projection_panel_->setLatentDim(model_->latent_dim());
        // Above two dimensions any two of them show a fraction of the structure; the
        // principal plane of the means shows the most (it takes over once fitted).
        if (model_->latent_dim() > 2)
            projection_panel_->setMode(LatentProjectionPanel::Mode::Pca);
        projection_ = projection_panel_->projection();
        const auto labels = projection_panel_->axisLabels();
        scatter_->setAxisLabels(labels[0], labels[1]);
    }
    const bool new_snapshot = snapshot && snapshot != snapshot_;
    if (snapshot && snapshot != snapshot_ && data_ && snapshot->means.cols() >= 2) {
        encoder_->cancel();
        snapshot_ = std::move(snapshot);
        projection_panel_->setMeans(snapshot_);
        showPoints();
    } else if (!snapshot && new_model) {
        // Weights without encodings, e.g. a model opened from a file.
        encoder_->encode(model_, data_, pointLimit());
    }
    if (new_model) {
        // The decoder changed: the tiles and the traversal are stale.
        requestGrid();
        requestTraversal();
    }
    if (new_model || new_snapshot)
        requestMap();
}

void LatentPage::onProjectionChanged(bool axes_changed) {
    if (!model_ || projection_panel_->latentDim() != model_->latent_dim())
        return;
    projection_ = projection_panel_->projection();
    if (axes_changed) {
        const auto labels = projection_panel_->axisLabels();
        scatter_->setAxisLabels(labels[0], labels[1]);
        scatter_->hideMarker();
        scatter_->clearPath();
        clicked_xy_.reset();
        showPoints();
        requestGrid();
        requestMap();
        return;
    }
    redecodeShown();
}

// The reference moved: the plane's points stay, but every code lifted from the plane changes.
void LatentPage::redecodeShown() {
    if (clicked_xy_)
        decodeAt(*clicked_xy_);
    // A free drag's ends are plane points and take the new reference; data points keep theirs.
    const auto ticks = scatter_->pathTicks();
    if (strip_z_.rows() >= 2 && !strip_rows_ && ticks.size() >= 2)
        interpolate(ticks.front(), ticks.back());
    requestGrid();
    requestMap();
    requestTraversal();
}

void LatentPage::showTraversal(bool on) {
    bottom_tabs_->setCurrentWidget(on ? static_cast<QWidget*>(traversal_) : strip_);
}

void LatentPage::showNearestTab() {
    bottom_tabs_->setCurrentWidget(nearest_view_);
}

void LatentPage::showPoints() {
    if (!snapshot_ || !data_ || !projection_ ||
        static_cast<std::size_t>(snapshot_->means.cols()) != projection_->latent_dim())
        return;
    std::vector<std::int32_t> labels;
    if (!data_->labels.empty())
        for (const std::size_t row : snapshot_->rows)
            labels.push_back(data_->labels[row]);
    QStringList names;
    for (const auto& n : data_->label_names)
        names << QString::fromStdString(n);
    scatter_->setPoints(projection_->project(snapshot_->means), labels, names, snapshot_->rows);
    if (!data_->targets.empty()) {
        // A numeric target: colour by its value instead of by class.
        std::vector<double> values;
        values.reserve(snapshot_->rows.size());
        for (const std::size_t row : snapshot_->rows)
            values.push_back(row < data_->targets.size() ? static_cast<double>(data_->targets[row])
                                                         : std::nan(""));
        scatter_->setContinuousValues(values, QString::fromStdString(data_->label_column));
    }
    emit pointsShown();
}

std::size_t LatentPage::pointLimit() const {
    return toolbar_->pointLimit(data_ ? data_->rows() : 0);
}

void LatentPage::setPointLimit(std::size_t n) {
    toolbar_->setPointLimit(n);
    encodePoints();
}

void LatentPage::encodePoints() {
    if (model_ && data_ &&
        (!snapshot_ || snapshot_->rows.size() != pointLimit() ||
         static_cast<std::size_t>(snapshot_->means.cols()) != model_->latent_dim()))
        encoder_->encode(model_, data_, pointLimit());
}

void LatentPage::setInterpolation(Interpolation mode) {
    toolbar_->setSpherical(mode == Interpolation::Spherical);
}

LatentPage::Interpolation LatentPage::interpolation() const {
    return toolbar_->spherical() ? Interpolation::Spherical : Interpolation::Linear;
}

bool LatentPage::ready() const {
    return model_ && data_ && projection_ && projection_->latent_dim() == model_->latent_dim();
}

void LatentPage::requestMap() {
    if (ready())
        map_layer_->request(model_, snapshot_, data_, projection_);
}

const Matrix& LatentPage::nearestQuery() const {
    return nearest_tab_->query();
}

} // namespace vae::ui
