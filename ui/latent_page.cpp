#include "ui/latent_page.h"

#include "ui/decoded_sample_view.h"
#include "ui/interpolation_strip.h"
#include "ui/latent_scatter_view.h"
#include "ui/sample_image.h"
#include "vae/latent_ops.h"

#include <QSplitter>
#include <QVBoxLayout>

namespace vae::ui {

LatentPage::LatentPage(QWidget* parent) : QWidget(parent) {
    decoder_ = new DecodeService(this);
    scatter_ = new LatentScatterView(this);
    sample_ = new DecodedSampleView(this);
    strip_ = new InterpolationStrip(this);
    scatter_->setAxisLabels(QStringLiteral("z₀"), QStringLiteral("z₁"));
    scatter_->setPathSteps(strip_->frameCount());

    auto* top = new QSplitter(Qt::Horizontal, this);
    top->addWidget(scatter_);
    top->addWidget(sample_);
    top->setStretchFactor(0, 3);
    top->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(top, 1);
    layout->addWidget(strip_);

    connect(scatter_, &LatentScatterView::planeClicked, this, &LatentPage::decodePoint);
    connect(scatter_, &LatentScatterView::dataPointClicked, this,
            [this](std::size_t row, QPointF) { decodeRow(row); });
    connect(scatter_, &LatentScatterView::dragChanged, this, &LatentPage::decodeStrip);
    connect(scatter_, &LatentScatterView::dragFinished, this, &LatentPage::decodeStrip);
    connect(strip_, &InterpolationStrip::frameCountChanged, scatter_,
            &LatentScatterView::setPathSteps);
    connect(decoder_, &DecodeService::decoded, this, &LatentPage::showDecoded);
}

void LatentPage::setDataset(std::shared_ptr<const Dataset> data) {
    data_ = std::move(data);
    model_.reset();
    snapshot_.reset();
    scatter_->clear();
    sample_->clear();
    strip_->clear();
}

void LatentPage::setResults(std::shared_ptr<const VaeModel> model,
                            std::shared_ptr<const LatentSnapshot> snapshot) {
    model_ = std::move(model);
    if (!snapshot || snapshot == snapshot_ || !data_ || snapshot->means.cols() < 2)
        return;
    snapshot_ = std::move(snapshot);
    std::vector<std::int32_t> labels;
    if (!data_->labels.empty())
        for (const std::size_t row : snapshot_->rows)
            labels.push_back(data_->labels[row]);
    QStringList names;
    for (const auto& n : data_->label_names)
        names << QString::fromStdString(n);
    scatter_->setPoints(snapshot_->means.leftCols(2), labels, names, snapshot_->rows);
}

Matrix LatentPage::latentAt(QPointF xy) const {
    // The plane shows dims 0 and 1; the others stay at the prior's mean.
    Matrix z = Matrix::Zero(1, static_cast<Eigen::Index>(model_->latent_dim()));
    z(0, 0) = static_cast<float>(xy.x());
    z(0, 1) = static_cast<float>(xy.y());
    return z;
}

void LatentPage::decodePoint(QPointF xy) {
    if (!model_ || model_->latent_dim() < 2)
        return;
    scatter_->showMarker(xy);
    decoder_->request(DecodeService::Kind::Point, model_, latentAt(xy));
}

void LatentPage::decodeRow(std::size_t row) {
    if (!model_ || !data_ || row >= data_->rows())
        return;
    // The reconstruction of a data point: decode the encoder's mean of that row.
    Matrix means, logvars;
    const std::size_t rows[] = {row};
    encode_rows(*model_, data_->values, rows, means, logvars);
    scatter_->showMarker(QPointF(means(0, 0), means.cols() > 1 ? means(0, 1) : 0.0));
    clicked_row_ = row;
    decoder_->request(DecodeService::Kind::Reconstruction, model_, means);
}

void LatentPage::decodeStrip(QPointF a, QPointF b) {
    if (!model_ || model_->latent_dim() < 2)
        return;
    // One strip in flight: the decoder never delivers an overtaken result, so moves that come
    // faster than its round trip would overtake every request and freeze the strip for the
    // whole drag. Moves meanwhile keep only the newest A-B, sent when the answer arrives.
    if (strip_in_flight_) {
        strip_next_ = std::pair(a, b);
        return;
    }
    strip_in_flight_ = true;
    const Vector from = latentAt(a).row(0).transpose();
    const Vector to = latentAt(b).row(0).transpose();
    decoder_->request(
        DecodeService::Kind::Strip, model_,
        interpolate_latents(from, to, static_cast<std::size_t>(strip_->frameCount()), false));
}

QImage LatentPage::imageOf(const Matrix& values, Eigen::Index row) const {
    const auto [lo, hi] = display_range(*data_);
    return sample_image(values.row(row).data(), *data_->image_shape, lo, hi);
}

void LatentPage::showDecoded(const std::shared_ptr<const DecodeService::Result>& r) {
    if (r->kind == DecodeService::Kind::Strip) {
        strip_in_flight_ = false;
        if (strip_next_) {
            const auto [a, b] = *std::exchange(strip_next_, std::nullopt);
            decodeStrip(a, b); // decoded while this one is painted
        }
    }
    if (!data_ || !data_->image_shape || r->x.rows() == 0)
        return; // tables: the feature view is wired next
    switch (r->kind) {
    case DecodeService::Kind::Point:
        last_z_ = r->z;
        last_x_ = r->x;
        sample_->showImages(imageOf(r->x, 0), tr("decoded z = (%1, %2)")
                                                  .arg(static_cast<double>(r->z(0, 0)), 0, 'f', 2)
                                                  .arg(static_cast<double>(r->z(0, 1)), 0, 'f', 2));
        break;
    case DecodeService::Kind::Reconstruction: {
        last_z_ = r->z;
        last_x_ = r->x;
        QString label;
        if (!data_->labels.empty() && clicked_row_ < data_->labels.size())
            label = QStringLiteral(" · ") +
                    QString::fromStdString(
                        data_->label_names[static_cast<std::size_t>(data_->labels[clicked_row_])]);
        sample_->showImages(sample_image(*data_, static_cast<Eigen::Index>(clicked_row_),
                                         display_range(*data_).first, display_range(*data_).second),
                            tr("original · row %1%2").arg(clicked_row_).arg(label),
                            imageOf(r->x, 0), tr("reconstruction"));
        break;
    }
    case DecodeService::Kind::Strip: {
        std::vector<QImage> frames;
        for (Eigen::Index i = 0; i < r->x.rows(); ++i)
            frames.push_back(imageOf(r->x, i));
        strip_->setFrames(frames);
        break;
    }
    case DecodeService::Kind::Grid:
        return;
    }
    emit decodedShown(r->kind);
}

} // namespace vae::ui
