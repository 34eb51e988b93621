#include "ui/latent/latent_page.h"

#include "latent/latent_traversal.h"
#include "latent/manifold_grid.h"
#include "latent/nearest_distance_scale.h"
#include "ui/latent/decoded_sample_view.h"
#include "ui/latent/interpolation_strip.h"
#include "ui/latent/latent_dim_name.h"
#include "ui/latent/latent_encoder.h"
#include "ui/latent/latent_projection_panel.h"
#include "ui/latent/latent_traversal_view.h"
#include "ui/latent/manifold_mosaic.h"
#include "ui/latent/nearest_samples_view.h"
#include "ui/latent/scatter/latent_scatter_view.h"
#include "vae/latent_ops.h"

#include <QComboBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSplitter>
#include <QTabBar>
#include <QTabWidget>
#include <QToolBar>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>

namespace vae::ui {
namespace {

QString number(double v) {
    return QString::number(v, 'f', 2);
}

} // namespace

LatentPage::LatentPage(QWidget* parent) : QWidget(parent) {
    decoder_ = new DecodeService(this);
    encoder_ = new LatentEncoder(this);
    scatter_ = new LatentScatterView(this);
    sample_ = new DecodedSampleView(this);
    strip_ = new InterpolationStrip(this);
    nearest_view_ = new NearestSamplesView(this);
    maps_ = new LatentMapService(this);
    decoder_->setNearestCount(static_cast<std::size_t>(nearest_view_->count()));
    scatter_->setAxisLabels(QStringLiteral("z₀"), QStringLiteral("z₁"));
    scatter_->setPathSteps(strip_->frameCount());

    buildToolbar();

    projection_panel_ = new LatentProjectionPanel(this);
    traversal_ = new LatentTraversalView(this);
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
    connect(nearest_view_, &NearestSamplesView::countChanged, this, [this](int k) {
        decoder_->setNearestCount(static_cast<std::size_t>(k));
        if (nearest_query_x_.rows() == 1)
            decoder_->requestNearest(nearest_query_x_);
    });
    connect(decoder_, &DecodeService::nearestScaleReady, this, &LatentPage::showVerdict);
    connect(scatter_, &LatentScatterView::mapKindChanged, this, [this](LatentMapKind kind) {
        map_result_.reset();
        if (kind == LatentMapKind::None)
            maps_->cancel();
        else
            requestMap();
    });
    connect(scatter_, &LatentScatterView::visibleRangeChanged, this, &LatentPage::requestMap);
    connect(maps_, &LatentMapService::computed, this, &LatentPage::showMap);
}

// The page's controls go first in the scatter's own row of buttons, so the plane keeps its
// height.
void LatentPage::buildToolbar() {
    QToolBar* bar = scatter_->toolBar();
    QAction* first = bar->actions().value(0);
    const auto add = [&](QWidget* w) { bar->insertWidget(first, w); };
    // Self-describing entries instead of labels: the row is shared with the plot's buttons.
    points_ = new QComboBox(bar);
    points_->setObjectName(QStringLiteral("pointLimit"));
    for (const int n : {1000, 5000, 10000, 20000})
        points_->addItem(tr("%1 points").arg(QLocale().toString(n)), n);
    points_->addItem(tr("all points"), 0);
    points_->setCurrentIndex(2);
    points_->setToolTip(tr("How many data points are encoded and shown: a subsample spread evenly "
                           "over the dataset, or all of them. Training encodes this many at each "
                           "snapshot, so large counts slow training down a little."));
    interpolation_ = new QComboBox(bar);
    interpolation_->setObjectName(QStringLiteral("interpolation"));
    interpolation_->addItem(tr("Linear path"));
    interpolation_->addItem(tr("Spherical path"));
    interpolation_->setToolTip(
        tr("How a drag's frames move from A to B. Spherical (slerp) keeps the frames at the "
           "typical distance from the origin of a Gaussian prior instead of cutting through its "
           "centre, where few training codes lie."));
    add(points_);
    add(interpolation_);
    bar->insertSeparator(first);

    connect(points_, &QComboBox::activated, this, [this] {
        encodePoints();
        emit pointLimitChanged(pointLimit());
    });
    connect(interpolation_, &QComboBox::currentIndexChanged, this, [this] {
        if (strip_z_.rows() >= 2 && ready())
            interpolateCodes(strip_z_.row(0).transpose(),
                             strip_z_.row(strip_z_.rows() - 1).transpose());
    });
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
    nearest_query_x_ = Matrix();
    neighbours_.clear();
    map_result_.reset();
    maps_->cancel();
    showing_point_ = false;
    scatter_->clear();
    sample_->clear();
    strip_->clear();
    nearest_view_->clear();
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

void LatentPage::requestTraversal() {
    if (!ready() || bottom_tabs_->currentWidget() != traversal_)
        return; // decoded only while visible: 64 dimensions are hundreds of decodes
    // Around the decoded point, or the plane's reference before any click.
    const Vector base = last_z_.rows() == 1 ? Vector(last_z_.row(0).transpose())
                                            : Vector(projection_->reference().cast<float>());
    std::vector<std::size_t> dims(model_->latent_dim());
    std::iota(dims.begin(), dims.end(), std::size_t{0});
    const auto steps = static_cast<std::size_t>(traversal_->steps());
    traversal_values_ = traversal_values(steps, -traversal_->range(), traversal_->range());
    decoder_->request(
        DecodeService::Kind::Traversal, model_,
        traversal_latents(base, dims, steps, -traversal_->range(), traversal_->range()));
}

void LatentPage::showTraversalResult(const DecodeService::Result& r) {
    const auto cols = static_cast<Eigen::Index>(traversal_values_.size());
    if (cols == 0 || r.x.rows() % cols != 0)
        return;
    QStringList labels;
    for (Eigen::Index k = 0; k < r.x.rows() / cols; ++k)
        labels << latent_dim_name(static_cast<std::size_t>(k));
    if (renderer_.isImage()) {
        std::vector<QImage> images;
        for (Eigen::Index i = 0; i < r.x.rows(); ++i)
            images.push_back(renderer_.image(r.x, i));
        traversal_->setImages(images, labels, traversal_values_);
    } else {
        std::vector<std::vector<FeatureValue>> cells;
        for (Eigen::Index i = 0; i < r.x.rows(); ++i)
            cells.push_back(renderer_.features(r.x, i));
        traversal_->setFeatureRows(cells, labels, traversal_values_);
    }
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
    const auto n = points_->currentData().toULongLong();
    const std::size_t rows = data_ ? data_->rows() : 0;
    return n == 0 ? rows : std::min<std::size_t>(n, rows);
}

void LatentPage::setPointLimit(std::size_t n) {
    int best = points_->count() - 1; // all
    for (int i = 0; i < points_->count() - 1; ++i)
        if (n != 0 && points_->itemData(i).toULongLong() >= n) {
            best = i;
            break;
        }
    points_->setCurrentIndex(best);
    encodePoints();
}

void LatentPage::encodePoints() {
    if (model_ && data_ &&
        (!snapshot_ || snapshot_->rows.size() != pointLimit() ||
         static_cast<std::size_t>(snapshot_->means.cols()) != model_->latent_dim()))
        encoder_->encode(model_, data_, pointLimit());
}

void LatentPage::setInterpolation(Interpolation mode) {
    interpolation_->setCurrentIndex(mode == Interpolation::Spherical ? 1 : 0);
}

LatentPage::Interpolation LatentPage::interpolation() const {
    return interpolation_->currentIndex() == 1 ? Interpolation::Spherical : Interpolation::Linear;
}

bool LatentPage::ready() const {
    return model_ && data_ && projection_ && projection_->latent_dim() == model_->latent_dim();
}

Vector LatentPage::latentAt(QPointF xy) const {
    return projection_->lift(xy.x(), xy.y());
}

void LatentPage::decodeAt(QPointF xy) {
    if (!ready())
        return;
    scatter_->showMarker(xy);
    clicked_xy_ = xy;
    if (DecodeService::cheapToDecodeNow(*model_))
        showDecoded(
            decoder_->decodeNow(DecodeService::Kind::Point, model_, latentAt(xy).transpose()));
    else
        decoder_->request(DecodeService::Kind::Point, model_, latentAt(xy).transpose());
}

void LatentPage::decodeRow(std::size_t row) {
    if (!ready() || row >= data_->rows())
        return;
    // Shift+click on a second data point: the strip between the two points' encodings (all
    // their dimensions, not only the plane's).
    if ((QGuiApplication::keyboardModifiers() & Qt::ShiftModifier) && selected_row_ &&
        *selected_row_ != row)
        interpolateRows(*selected_row_, row);
    selected_row_ = row;
    // The reconstruction of a data point: decode the encoder's mean of that row.
    Matrix means, logvars;
    const std::size_t rows[] = {row};
    encode_rows(*model_, data_->values, rows, means, logvars);
    const Matrix xy = projection_->project(means);
    scatter_->showMarker(QPointF(xy(0, 0), xy(0, 1)));
    clicked_row_ = row;
    clicked_xy_.reset();
    projection_panel_->setSelectedPoint(means.row(0).transpose(),
                                        tr("row %1%2").arg(row).arg(renderer_.labelSuffix(row)));
    decoder_->request(DecodeService::Kind::Reconstruction, model_, means);
}

void LatentPage::interpolate(QPointF a, QPointF b) {
    if (!ready())
        return;
    strip_rows_.reset();
    interpolateCodes(latentAt(a), latentAt(b));
}

void LatentPage::interpolateRows(std::size_t from_row, std::size_t to_row) {
    if (!ready() || from_row >= data_->rows() || to_row >= data_->rows())
        return;
    Matrix means, logvars;
    const std::size_t rows[] = {from_row, to_row};
    encode_rows(*model_, data_->values, rows, means, logvars);
    strip_rows_ = std::pair(from_row, to_row);
    interpolateCodes(means.row(0).transpose(), means.row(1).transpose());
}

void LatentPage::interpolateCodes(const Vector& from, const Vector& to) {
    const bool slerp = interpolation() == Interpolation::Spherical;
    Matrix z = interpolate_latents(from, to, static_cast<std::size_t>(strip_->frameCount()), slerp);
    // The path the frames really take, as the plane shows it (curved for slerp, or between
    // data points whose codes lie off the plane).
    const Matrix xy = projection_->project(z);
    QVector<QPointF> polyline;
    for (Eigen::Index i = 0; i < xy.rows(); ++i)
        polyline.append(QPointF(xy(i, 0), xy(i, 1)));
    scatter_->setPathPoints(polyline);
    requestStrip(std::move(z));
}

void LatentPage::requestStrip(Matrix z) {
    // One strip in flight: the decoder never delivers an overtaken result, so drag steps that
    // come faster than its round trip through this thread would overtake every request and
    // freeze the strip for the whole drag. Steps meanwhile keep only the newest codes, sent
    // when the answer arrives: the strip trails the cursor by at most one decode.
    if (strip_in_flight_) {
        strip_next_ = std::move(z);
        return;
    }
    strip_in_flight_ = true;
    decoder_->request(DecodeService::Kind::Strip, model_, std::move(z));
}

void LatentPage::requestGrid() {
    if (!ready() || !renderer_.isImage() || !scatter_->manifoldGridEnabled())
        return;
    const QRect area = scatter_->plot()->axisRect()->rect();
    if (area.width() < kGridCellPx || area.height() < kGridCellPx)
        return;
    grid_cols_ = std::clamp(area.width() / kGridCellPx, 2, 40);
    grid_rows_ = std::clamp(area.height() / kGridCellPx, 2, 40);
    const QRectF r = scatter_->visibleRange();
    // Cell centres, so that the mosaic covers the visible region exactly.
    const double hx = r.width() / (2.0 * grid_cols_);
    const double hy = r.height() / (2.0 * grid_rows_);
    grid_request_rect_ = r;
    decoder_->request(DecodeService::Kind::Grid, model_,
                      manifold_grid_latents(*projection_, r.left() + hx, r.right() - hx,
                                            r.top() + hy, r.bottom() - hy,
                                            static_cast<std::size_t>(grid_cols_),
                                            static_cast<std::size_t>(grid_rows_)));
}

QString LatentPage::pointCaption(const Matrix& z) const {
    const Matrix xy = projection_->project(z);
    return tr("decoded at (%1, %2)").arg(number(xy(0, 0)), number(xy(0, 1)));
}

void LatentPage::showDecoded(const std::shared_ptr<const DecodeService::Result>& r) {
    if (r->kind == DecodeService::Kind::Strip) {
        strip_in_flight_ = false;
        if (strip_next_)
            requestStrip(*std::exchange(strip_next_, std::nullopt)); // decoded while this paints
    }
    if (!data_ || !projection_ || r->x.rows() == 0 ||
        static_cast<std::size_t>(r->x.cols()) != data_->cols())
        return; // a result for data that is gone
    switch (r->kind) {
    case DecodeService::Kind::Point:
        showPoint(*r);
        break;
    case DecodeService::Kind::Nearest:
        showNearest(*r);
        break;
    case DecodeService::Kind::Reconstruction:
        showReconstruction(*r);
        break;
    case DecodeService::Kind::Strip:
        showStrip(*r);
        break;
    case DecodeService::Kind::Grid:
        showGrid(*r);
        break;
    case DecodeService::Kind::Traversal:
        showTraversalResult(*r);
        break;
    }
    emit decodedShown(r->kind);
}

void LatentPage::showPoint(const DecodeService::Result& r) {
    last_z_ = r.z;
    last_x_ = r.x;
    point_caption_ = pointCaption(r.z);
    point_image_ = renderer_.isImage() ? renderer_.image(r.x, 0) : QImage();
    showing_point_ = true;
    requestTraversal();
    showPointPanels();
    // Its neighbours follow from the decoder's own search (the Nearest result of this Point).
    setNearestQuery(r.x.topRows(1), point_caption_);
}

void LatentPage::showNearest(const DecodeService::Result& r) {
    if (r.nearest.empty() || r.nearest.front() >= data_->rows())
        return;
    // The Nearest tab shows the newest sample's neighbours, whichever search finds them.
    if (nearest_query_x_.rows() == 1 && r.x.rows() >= 1 && r.x.row(0) == nearest_query_x_.row(0)) {
        neighbours_ = r.neighbours;
        showNeighbours();
    }
    if (!r.for_point)
        return; // a reconstruction's or another sample's: the side panel is not about it
    nearest_row_ = r.nearest.front();
    nearest_caption_ = tr("nearest sample · row %1%2")
                           .arg(*nearest_row_)
                           .arg(renderer_.labelSuffix(*nearest_row_));
    if (renderer_.isImage())
        nearest_image_ = renderer_.datasetImage(*nearest_row_);
    // A data point clicked meanwhile shows its reconstruction: the search's answer waits.
    if (showing_point_)
        showPointPanels();
}

// The decoded point beside the nearest real sample found so far. Until this point's own is found
// (a few ms), the previous one stays as it was: the panels do not jump, and only the decoded
// image repaints (the same QImage objects are passed again, which the view recognises).
void LatentPage::showPointPanels() {
    const bool keep = nearest_row_.has_value();
    if (renderer_.isImage())
        sample_->showImages(point_image_, point_caption_, keep ? nearest_image_ : QImage(),
                            keep ? nearest_caption_ : QString());
    else
        sample_->showFeatures(renderer_.features(last_x_, 0), point_caption_,
                              keep ? renderer_.datasetFeatures(*nearest_row_)
                                   : std::vector<FeatureValue>{},
                              keep ? nearest_caption_ : QString());
}

void LatentPage::showReconstruction(const DecodeService::Result& r) {
    last_z_ = r.z;
    last_x_ = r.x;
    showing_point_ = false;
    requestTraversal();
    const QString original =
        tr("original · row %1%2").arg(clicked_row_).arg(renderer_.labelSuffix(clicked_row_));
    setNearestQuery(r.x.topRows(1), tr("reconstruction of row %1").arg(clicked_row_));
    decoder_->requestNearest(nearest_query_x_);
    if (renderer_.isImage())
        sample_->showImages(renderer_.datasetImage(clicked_row_), original, renderer_.image(r.x, 0),
                            tr("reconstruction"));
    else
        sample_->showFeatures(renderer_.datasetFeatures(clicked_row_), original,
                              renderer_.features(r.x, 0), tr("reconstruction"));
}

void LatentPage::showStrip(const DecodeService::Result& r) {
    strip_z_ = r.z;
    strip_x_ = r.x;
    if (renderer_.isImage()) {
        std::vector<QImage> frames;
        for (Eigen::Index i = 0; i < r.x.rows(); ++i)
            frames.push_back(renderer_.image(r.x, i));
        strip_->setFrames(frames);
    } else {
        std::vector<std::vector<FeatureValue>> frames;
        for (Eigen::Index i = 0; i < r.x.rows(); ++i)
            frames.push_back(renderer_.features(r.x, i));
        strip_->setFeatureFrames(frames);
    }
}

void LatentPage::showGrid(const DecodeService::Result& r) {
    if (!renderer_.isImage() || !scatter_->manifoldGridEnabled() ||
        r.x.rows() != static_cast<Eigen::Index>(grid_cols_) * grid_rows_)
        return;
    std::vector<QImage> tiles;
    tiles.reserve(static_cast<std::size_t>(r.x.rows()));
    for (Eigen::Index i = 0; i < r.x.rows(); ++i)
        tiles.push_back(renderer_.image(r.x, i));
    const QRect area = scatter_->plot()->axisRect()->rect();
    const QSize cell(std::max(1, area.width() / grid_cols_),
                     std::max(1, area.height() / grid_rows_));
    grid_z_ = r.z;
    grid_rect_ = grid_request_rect_;
    scatter_->setManifoldTiles(manifold_mosaic(tiles, grid_cols_, grid_rows_, cell), grid_rect_);
}

} // namespace vae::ui

namespace vae::ui {

void LatentPage::showNearestOf(const Matrix& x, const QString& caption) {
    if (!data_ || x.rows() < 1 || static_cast<std::size_t>(x.cols()) != data_->cols())
        return;
    setNearestQuery(x.topRows(1), caption);
    decoder_->requestNearest(nearest_query_x_);
    showNearestTab();
}

// The Nearest tab's sample changes at once; its old neighbours stay until the new ones are
// found (milliseconds), so the tab does not flash empty on every click.
void LatentPage::setNearestQuery(const Matrix& x, const QString& caption) {
    nearest_query_x_ = x;
    nearest_view_->setQuery(renderer_.isImage() ? renderer_.image(x, 0) : QImage(), caption);
}

void LatentPage::showNeighbours() {
    std::vector<NearestSample> shown;
    for (const Neighbour& n : neighbours_) {
        if (n.row >= data_->rows())
            continue;
        NearestSample s;
        s.row = n.row;
        s.distance = n.distance;
        if (renderer_.isImage())
            s.image = renderer_.datasetImage(n.row);
        if (n.row < data_->labels.size()) {
            const auto label = data_->labels[n.row];
            if (label >= 0 && static_cast<std::size_t>(label) < data_->label_names.size())
                s.label =
                    QString::fromStdString(data_->label_names[static_cast<std::size_t>(label)]);
            else if (label >= 0)
                s.label = tr("class %1").arg(label);
        }
        shown.push_back(std::move(s));
    }
    nearest_view_->setNeighbours(std::move(shown));
    showVerdict();
}

void LatentPage::showVerdict() {
    if (neighbours_.empty()) {
        nearest_view_->setVerdict(QString(), NearestSamplesView::Verdict::Pending);
        return;
    }
    const Neighbour& n = neighbours_.front();
    const QString d = QString::number(n.distance, 'f', 2);
    const auto scale = decoder_->nearestScale();
    if (!scale) {
        nearest_view_->setVerdict(tr("Nearest training sample at d = %1 · measuring the data's "
                                     "own nearest-neighbour distances…")
                                      .arg(d),
                                  NearestSamplesView::Verdict::Pending);
    } else {
        const QString low = QString::number(scale->low, 'f', 2);
        const QString high = QString::number(scale->high, 'f', 2);
        switch (nearest_verdict(n.distance, *scale)) {
        case NearestVerdict::NearCopy:
            nearest_view_->setVerdict(
                tr("Near-copy of row %1%2: d = %3, below the data's 1st-percentile "
                   "nearest-neighbour distance (%4)")
                    .arg(n.row)
                    .arg(renderer_.labelSuffix(n.row), d, low),
                NearestSamplesView::Verdict::NearCopy);
            break;
        case NearestVerdict::Unlike:
            nearest_view_->setVerdict(tr("Unlike any training sample: d = %1, above the data's "
                                         "99th-percentile nearest-neighbour distance (%2)")
                                          .arg(d, high),
                                      NearestSamplesView::Verdict::Unlike);
            break;
        case NearestVerdict::Typical:
            nearest_view_->setVerdict(
                tr("Like the training data: d = %1, within the data's own nearest-neighbour "
                   "distances (1st–99th percentile %2–%3)")
                    .arg(d, low, high),
                NearestSamplesView::Verdict::Typical);
            break;
        }
    }
    emit nearestShown();
}

void LatentPage::requestMap() {
    const LatentMapKind kind = scatter_->mapKind();
    if (!ready() || kind == LatentMapKind::None)
        return;
    if (kind == LatentMapKind::Density && !snapshot_)
        return; // the encoder is still at it: its result asks again
    const QRect area = scatter_->plot()->axisRect()->rect();
    const int cell = kind == LatentMapKind::Density ? kDensityCellPx : kConsistencyCellPx;
    if (area.width() < 2 * cell || area.height() < 2 * cell)
        return;
    LatentMapService::Request r;
    r.kind = kind;
    r.model = model_;
    r.snapshot = snapshot_;
    r.data = data_;
    r.projection = projection_;
    r.rect = scatter_->visibleRange();
    r.cols = std::clamp(area.width() / cell, 2, 160);
    r.rows = std::clamp(area.height() / cell, 2, 160);
    maps_->request(std::move(r));
}

void LatentPage::showMap(const std::shared_ptr<const LatentMapService::Result>& r) {
    if (r->kind != scatter_->mapKind() || r->values.size() == 0)
        return;
    const auto n = static_cast<std::size_t>(r->values.size());
    std::vector<double> alpha;
    std::vector<double> finite;
    std::pair<double, double> range;
    if (r->kind == LatentMapKind::Density && r->log_prior.size() == r->values.size()) {
        // Fade out where neither the prior nor the data put any mass: a ratio of two
        // negligible densities says nothing, and would paint the whole view's edges.
        const Eigen::VectorXd support = (r->values + r->log_prior).cwiseMax(r->log_prior);
        const double top = support.maxCoeff();
        alpha.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            const double t =
                std::clamp((support(static_cast<Eigen::Index>(i)) - top + 9.0) / 4.0, 0.0, 1.0);
            alpha[i] = t * t * (3.0 - 2.0 * t);
            if (alpha[i] > 0.5 && std::isfinite(r->values(static_cast<Eigen::Index>(i))))
                finite.push_back(r->values(static_cast<Eigen::Index>(i)));
        }
        // Asymmetric around the white 0: holes reach far below (tens of nats) and would
        // wash out the crowded side of a symmetric range.
        range = {finite.empty() ? -6.0 : std::clamp(quantile(finite, 0.05), -12.0, -1.0),
                 finite.empty() ? 3.0 : std::clamp(quantile(finite, 0.99), 1.0, 8.0)};
    } else {
        for (std::size_t i = 0; i < n; ++i)
            if (std::isfinite(r->values(static_cast<Eigen::Index>(i))))
                finite.push_back(r->values(static_cast<Eigen::Index>(i)));
        range = {0.0, finite.empty() ? 1.0 : std::max(quantile(finite, 0.98), 1e-6)};
    }
    map_result_ = r;
    scatter_->setMap(r->kind, r->values, r->cols, r->rows, r->rect, range, alpha);
    emit mapShown();
}

} // namespace vae::ui
