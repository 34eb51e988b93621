#include "ui/latent/latent_nearest_tab.h"

#include "ui/latent/nearest_samples_view.h"
#include "ui/widgets/sample_renderer.h"

#include <utility>

namespace vae::ui {

LatentNearestTab::LatentNearestTab(NearestSamplesView* view, DecodeService* decoder,
                                   const SampleRenderer& renderer, QObject* parent)
    : QObject(parent), view_(view), decoder_(decoder), renderer_(renderer) {
    decoder_->setNearestCount(static_cast<std::size_t>(view_->count()));
    connect(view_, &NearestSamplesView::countChanged, this, [this](int k) {
        decoder_->setNearestCount(static_cast<std::size_t>(k));
        if (query_x_.rows() == 1)
            decoder_->requestNearest(query_x_);
    });
    connect(decoder_, &DecodeService::nearestScaleReady, this, &LatentNearestTab::showVerdict);
}

void LatentNearestTab::setDataset(std::shared_ptr<const Dataset> data) {
    data_ = std::move(data);
    query_x_ = Matrix();
    neighbours_.clear();
    view_->clear();
}

void LatentNearestTab::setQuery(const Matrix& x, const QString& caption) {
    query_x_ = x;
    view_->setQuery(renderer_.isImage() ? renderer_.image(x, 0) : QImage(), caption);
}

void LatentNearestTab::search(const Matrix& x, const QString& caption) {
    setQuery(x, caption);
    decoder_->requestNearest(query_x_);
}

void LatentNearestTab::offer(const DecodeService::Result& r) {
    // The tab shows the newest sample's neighbours, whichever search finds them.
    if (query_x_.rows() == 1 && r.x.rows() >= 1 && r.x.row(0) == query_x_.row(0)) {
        neighbours_ = r.neighbours;
        showNeighbours();
    }
}

void LatentNearestTab::showNeighbours() {
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
    view_->setNeighbours(std::move(shown));
    showVerdict();
}

void LatentNearestTab::showVerdict() {
    if (neighbours_.empty()) {
        view_->setVerdict(QString(), NearestSamplesView::Verdict::Pending);
        return;
    }
    const Neighbour& n = neighbours_.front();
    const QString d = QString::number(n.distance, 'f', 2);
    const auto scale = decoder_->nearestScale();
    if (!scale) {
        view_->setVerdict(tr("Nearest training sample at d = %1 · measuring the data's "
                             "own nearest-neighbour distances…")
                              .arg(d),
                          NearestSamplesView::Verdict::Pending);
    } else {
        const QString low = QString::number(scale->low, 'f', 2);
        const QString high = QString::number(scale->high, 'f', 2);
        switch (nearest_verdict(n.distance, *scale)) {
        case NearestVerdict::NearCopy:
            view_->setVerdict(tr("Near-copy of row %1%2: d = %3, below the data's 1st-percentile "
                                 "nearest-neighbour distance (%4)")
                                  .arg(n.row)
                                  .arg(renderer_.labelSuffix(n.row), d, low),
                              NearestSamplesView::Verdict::NearCopy);
            break;
        case NearestVerdict::Unlike:
            view_->setVerdict(tr("Unlike any training sample: d = %1, above the data's "
                                 "99th-percentile nearest-neighbour distance (%2)")
                                  .arg(d, high),
                              NearestSamplesView::Verdict::Unlike);
            break;
        case NearestVerdict::Typical:
            view_->setVerdict(tr("Like the training data: d = %1, within the data's own "
                                 "nearest-neighbour distances (1st–99th percentile %2–%3)")
                                  .arg(d, low, high),
                              NearestSamplesView::Verdict::Typical);
            break;
        }
    }
    emit shown();
}

} // namespace vae::ui
