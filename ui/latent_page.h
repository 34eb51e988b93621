#pragma once

#include "data/dataset.h"
#include "training/training_events.h"
#include "ui/decode_service.h"
#include "vae/vae_model.h"

#include <QPointF>
#include <QWidget>

#include <memory>
#include <optional>
#include <utility>

namespace vae::ui {

class DecodedSampleView;
class InterpolationStrip;
class LatentScatterView;

/// The latent plane: the encoded data (the newest latent snapshot) as a scatter, a click
/// decoded into a sample beside it, a drag decoded into a strip of frames beneath. Decoding
/// runs on the DecodeService's thread; a result overtaken by a newer request is dropped.
/// Shows the first two latent dimensions. GUI thread only.
class LatentPage : public QWidget {
    Q_OBJECT
public:
    explicit LatentPage(QWidget* parent = nullptr);

    void setDataset(std::shared_ptr<const Dataset> data);
    /// The newest weights and encodings (either may be null: the page then waits).
    void setResults(std::shared_ptr<const VaeModel> model,
                    std::shared_ptr<const LatentSnapshot> snapshot);

    [[nodiscard]] LatentScatterView* scatter() const { return scatter_; }
    [[nodiscard]] DecodedSampleView* sampleView() const { return sample_; }
    [[nodiscard]] InterpolationStrip* strip() const { return strip_; }
    /// The latent code of the last decoded click (for tests and exports).
    [[nodiscard]] const Matrix& lastDecodedZ() const { return last_z_; }
    [[nodiscard]] const Matrix& lastDecodedX() const { return last_x_; }

signals:
    /// A click's or a drag's decoded result is on screen.
    void decodedShown(vae::ui::DecodeService::Kind kind);

private:
    void decodePoint(QPointF xy);
    void decodeRow(std::size_t row);
    void decodeStrip(QPointF a, QPointF b);
    void showDecoded(const std::shared_ptr<const DecodeService::Result>& r);
    [[nodiscard]] Matrix latentAt(QPointF xy) const;
    [[nodiscard]] QImage imageOf(const Matrix& values, Eigen::Index row) const;

    std::shared_ptr<const Dataset> data_;
    std::shared_ptr<const VaeModel> model_;
    std::shared_ptr<const LatentSnapshot> snapshot_;
    DecodeService* decoder_ = nullptr;
    LatentScatterView* scatter_ = nullptr;
    DecodedSampleView* sample_ = nullptr;
    InterpolationStrip* strip_ = nullptr;
    std::size_t clicked_row_ = 0; ///< the data point whose reconstruction was asked for
    Matrix last_z_, last_x_;

    bool strip_in_flight_ = false; ///< a strip request the decoder has not answered yet
    std::optional<std::pair<QPointF, QPointF>> strip_next_; ///< the newest drag meanwhile
};

} // namespace vae::ui
