#include "ui/latent/latent_encoder.h"

#include "vae/latent_ops.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace vae::ui {

LatentEncoder::LatentEncoder(QObject* parent) : QObject(parent) {}

void LatentEncoder::encode(std::shared_ptr<const VaeModel> model,
                           std::shared_ptr<const Dataset> data, std::size_t points) {
    const std::uint64_t generation = ++generation_;
    if (!model || !data || data->rows() == 0 || model->input_dim() != data->cols())
        return;
    const std::size_t n = data->rows();
    const std::size_t k = points == 0 ? n : std::min(points, n);
    auto* watcher = new QFutureWatcher<std::shared_ptr<const LatentSnapshot>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation, model] {
        watcher->deleteLater();
        if (generation == generation_ && watcher->result())
            emit encoded(model, watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([model, data, n, k] {
        auto snap = std::make_shared<LatentSnapshot>();
        snap->rows.reserve(k);
        for (std::size_t i = 0; i < k; ++i)
            snap->rows.push_back(i * n / k);
        Matrix logvars;
        encode_rows(*model, data->values, snap->rows, snap->means, logvars);
        return std::shared_ptr<const LatentSnapshot>(std::move(snap));
    }));
}

} // namespace vae::ui
