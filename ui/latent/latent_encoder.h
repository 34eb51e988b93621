#pragma once

#include "data/dataset.h"
#include "training/training_events.h"
#include "ui/widgets/background_job.h"
#include "vae/vae_model.h"

#include <QObject>

#include <memory>

namespace vae::ui {

/// Encodes a dataset's rows on a pool thread into a LatentSnapshot, for a model that did not
/// come with one (opened from a file, or when the user wants more points than training
/// snapshots carry). The job holds its model and data by shared pointer; a result overtaken by
/// a newer request is dropped, and destroying the encoder waits for a running one. GUI thread
/// only.
class LatentEncoder : public QObject {
    Q_OBJECT
public:
    explicit LatentEncoder(QObject* parent = nullptr);

    /// Encodes min(points, rows) rows spread evenly over the dataset (row i * N / k, as the
    /// trainer's snapshots pick them), 0 meaning all.
    void encode(const std::shared_ptr<const VaeModel>& model,
                const std::shared_ptr<const Dataset>& data, std::size_t points);
    /// Drops the running request's result.
    void cancel() { job_.abandon(); }

signals:
    /// The encoder means of the newest request, with the model that made them.
    void encoded(std::shared_ptr<const vae::VaeModel> model,
                 std::shared_ptr<const vae::LatentSnapshot> snapshot);

private:
    BackgroundJob<std::shared_ptr<const LatentSnapshot>> job_;
};

} // namespace vae::ui
