#pragma once

#include "data/dataset.h"
#include "latent/nearest_distance_scale.h"
#include "ui/latent/decode_service.h"

#include <QObject>
#include <QString>

#include <memory>
#include <vector>

namespace vae::ui {

class NearestSamplesView;
class SampleRenderer;

/// Feeds the Latent Plane's Nearest tab: the sample it is about, that sample's nearest training
/// rows as the page's DecodeService finds them (searched again when the user changes k), and
/// the verdict that judges their distance against the data's own nearest-neighbour distances.
/// Uses, and does not own, the view, the decoder and the renderer (all must outlive it).
/// GUI thread only.
class LatentNearestTab : public QObject {
    Q_OBJECT
public:
    LatentNearestTab(NearestSamplesView* view, DecodeService* decoder,
                     const SampleRenderer& renderer, QObject* parent);

    /// Forgets the sample and its neighbours and clears the view (the renderer and the
    /// decoder are set to `data` by the caller).
    void setDataset(std::shared_ptr<const Dataset> data);
    /// The tab is about `x` (1 x D, stored units) from now on. Its old neighbours stay until
    /// the new ones are found (milliseconds), so the tab does not flash empty on every click.
    void setQuery(const Matrix& x, const QString& caption);
    /// setQuery, and asks the decoder for the neighbours of `x`.
    void search(const Matrix& x, const QString& caption);
    /// Shows the neighbours of a Nearest result when it is about the current sample.
    void offer(const DecodeService::Result& r);
    /// The sample the neighbours are for (1 x D; empty before the first).
    [[nodiscard]] const Matrix& query() const { return query_x_; }

signals:
    /// The tab shows the neighbours of a new sample, or their verdict changed.
    void shown();

private:
    void showNeighbours();
    void showVerdict();

    NearestSamplesView* view_;
    DecodeService* decoder_;
    const SampleRenderer& renderer_;
    std::shared_ptr<const Dataset> data_;
    Matrix query_x_;                    ///< the sample the tab is about
    std::vector<Neighbour> neighbours_; ///< its nearest training rows, as found
};

} // namespace vae::ui
