// LatentPage: what it asks its DecodeService for (a click, a data point's reconstruction, the
// strip, the manifold grid, the traversal) and how it shows the answers.
#include "ui/latent/latent_page.h"

#include "latent/latent_traversal.h"
#include "latent/manifold_grid.h"
#include "ui/latent/decoded_sample_view.h"
#include "ui/latent/interpolation_strip.h"
#include "ui/latent/latent_dim_name.h"
#include "ui/latent/latent_nearest_tab.h"
#include "ui/latent/latent_projection_panel.h"
#include "ui/latent/latent_traversal_view.h"
#include "ui/latent/manifold_mosaic.h"
#include "ui/latent/scatter/latent_scatter_view.h"
#include "vae/latent_ops.h"

#include <QGuiApplication>
#include <QTabWidget>
#include <qcustomplot.h>

#include <algorithm>
#include <numeric>
#include <utility>

namespace vae::ui {
namespace {

QString number(double v) {
    return QString::number(v, 'f', 2);
}

// Every row of `x` (decoded, stored units) as the strip, the grid and the traversal show it.
std::vector<QImage> row_images(const SampleRenderer& renderer, const Matrix& x) {
    std::vector<QImage> images;
    images.reserve(static_cast<std::size_t>(x.rows()));
    for (Eigen::Index i = 0; i < x.rows(); ++i)
        images.push_back(renderer.image(x, i));
    return images;
}

std::vector<std::vector<FeatureValue>> row_features(const SampleRenderer& renderer,
                                                    const Matrix& x) {
    std::vector<std::vector<FeatureValue>> rows;
    rows.reserve(static_cast<std::size_t>(x.rows()));
    for (Eigen::Index i = 0; i < x.rows(); ++i)
        rows.push_back(renderer.features(x, i));
    return rows;
}

} // namespace

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
    nearest_tab_->setQuery(r.x.topRows(1), point_caption_);
}

void LatentPage::showNearest(const DecodeService::Result& r) {
    if (r.nearest.empty() || r.nearest.front() >= data_->rows())
        return;
    nearest_tab_->offer(r);
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
    nearest_tab_->search(r.x.topRows(1), tr("reconstruction of row %1").arg(clicked_row_));
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
    if (renderer_.isImage())
        strip_->setFrames(row_images(renderer_, r.x));
    else
        strip_->setFeatureFrames(row_features(renderer_, r.x));
}

void LatentPage::showGrid(const DecodeService::Result& r) {
    if (!renderer_.isImage() || !scatter_->manifoldGridEnabled() ||
        r.x.rows() != static_cast<Eigen::Index>(grid_cols_) * grid_rows_)
        return;
    const std::vector<QImage> tiles = row_images(renderer_, r.x);
    const QRect area = scatter_->plot()->axisRect()->rect();
    const QSize cell(std::max(1, area.width() / grid_cols_),
                     std::max(1, area.height() / grid_rows_));
    grid_z_ = r.z;
    grid_rect_ = grid_request_rect_;
    scatter_->setManifoldTiles(manifold_mosaic(tiles, grid_cols_, grid_rows_, cell), grid_rect_);
}

void LatentPage::showTraversalResult(const DecodeService::Result& r) {
    const auto cols = static_cast<Eigen::Index>(traversal_values_.size());
    if (cols == 0 || r.x.rows() % cols != 0)
        return;
    QStringList labels;
    for (Eigen::Index k = 0; k < r.x.rows() / cols; ++k)
        labels << latent_dim_name(static_cast<std::size_t>(k));
    if (renderer_.isImage())
        traversal_->setImages(row_images(renderer_, r.x), labels, traversal_values_);
    else
        traversal_->setFeatureRows(row_features(renderer_, r.x), labels, traversal_values_);
}

void LatentPage::showNearestOf(const Matrix& x, const QString& caption) {
    if (!data_ || x.rows() < 1 || static_cast<std::size_t>(x.cols()) != data_->cols())
        return;
    nearest_tab_->search(x.topRows(1), caption);
    showNearestTab();
}

} // namespace vae::ui
