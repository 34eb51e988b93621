#include "ui/latent/latent_encoder.h"

#include "vae/latent_ops.h"

namespace vae::ui {

LatentEncoder::LatentEncoder(QObject* parent) : QObject(parent) {}

void LatentEncoder::encode(const std::shared_ptr<const VaeModel>& model,
                           const std::shared_ptr<const Dataset>& data, std::size_t points) {
    if (!model || !data || data->rows() == 0 || model->input_dim() != data->cols()) {
        job_.abandon(); // what was asked before is overtaken all the same
        return;
    }
    const std::size_t n = data->rows();
    const std::size_t k = points == 0 ? n : std::min(points, n);
    job_.start(
        [model, data, n, k](JobControl&) {
            auto snap = std::make_shared<LatentSnapshot>();
            snap->rows.reserve(k);
            for (std::size_t i = 0; i < k; ++i)
                snap->rows.push_back(i * n / k);
            Matrix logvars;
            encode_rows(*model, data->values, snap->rows, snap->means, logvars);
            return std::shared_ptr<const LatentSnapshot>(std::move(snap));
        },
        [this, model](const std::shared_ptr<const LatentSnapshot>& snapshot) {
            if (snapshot)
                emit encoded(model, snapshot);
        });
}

} // namespace vae::ui
