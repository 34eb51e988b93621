#include "ui/training/training_curves_csv.h"

#include "data/csv_field.h"
#include "ui/training/training_curves_history.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

namespace vae::ui {
namespace {

void append_number(std::string& out, double v) {
    if (std::isnan(v))
        return;
    char buffer[32];
    const auto r = std::to_chars(buffer, buffer + sizeof buffer, v);
    out.append(buffer, r.ptr);
}

template <typename Int> void append_integer(std::string& out, Int v) {
    out += std::to_string(v);
}

} // namespace

std::string training_curves_csv(const TrainingCurvesHistory& history) {
    const auto& samples = history.samples();
    const auto& changes = history.changes();
    const auto& epochs = history.epochs();
    std::size_t dims = 0;
    for (const EpochSummary& e : epochs)
        dims = std::max(dims, e.kl_per_dim.size());
    std::string out = "kind,step,epoch,elbo,recon,kl,beta,learning_rate,samples_per_sec,"
                      "grad_norm,rollbacks,val_elbo,active_units,note,mmd,adversarial,"
                      "feature_matching,discriminator_loss,d_real,d_fake";
    for (std::size_t d = 0; d < dims; ++d)
        out += ",kl_dim_" + std::to_string(d);
    out += '\n';

    struct Row {
        double x;
        int kind; // 0 step, 1 change, 2 epoch
        std::size_t index;
    };
    std::vector<Row> rows;
    rows.reserve(samples.size() + changes.size() + epochs.size());
    for (std::size_t i = 0; i < samples.size(); ++i)
        rows.push_back({samples[i].epoch, 0, i});
    for (std::size_t i = 0; i < changes.size(); ++i)
        rows.push_back({changes[i].epoch, 1, i});
    for (std::size_t i = 0; i < epochs.size(); ++i)
        rows.push_back({static_cast<double>(epochs[i].epoch), 2, i});
    std::stable_sort(rows.begin(), rows.end(),
                     [](const Row& a, const Row& b) { return a.x < b.x; });

    auto field = [&out](auto&& write) {
        out += ',';
        write();
    };
    auto number = [&](double v) { field([&] { append_number(out, v); }); };
    auto empty = [&](int count) { out.append(static_cast<std::size_t>(count), ','); };
    for (const Row& r : rows) {
        if (r.kind == 0) {
            const MetricsSample& m = samples[r.index];
            out += "step,";
            append_integer(out, m.step);
            for (double v : {m.epoch, m.elbo, m.recon, m.kl, m.beta, m.learning_rate,
                             m.samples_per_sec, m.grad_norm})
                number(v);
            field([&] { append_integer(out, m.rollbacks); });
            empty(3);
            for (double v : {m.mmd, m.adversarial, m.feature_matching, m.discriminator_loss,
                             m.d_real, m.d_fake})
                number(v);
            empty(static_cast<int>(dims));
        } else if (r.kind == 1) {
            const TrainingCurvesHistory::Change& c = changes[r.index];
            out += "change,";
            number(c.epoch);
            empty(10);
            field([&] { append_csv_field(out, c.text.toStdString()); });
            empty(6 + static_cast<int>(dims));
        } else {
            const EpochSummary& e = epochs[r.index];
            out += "epoch,";
            field([&] { append_integer(out, e.epoch); });
            for (double v : {e.train_elbo, e.recon, e.kl})
                number(v);
            empty(2);
            number(e.samples_per_sec);
            empty(2);
            number(e.val_elbo);
            field([&] { append_integer(out, e.active_units); });
            empty(1);
            for (double v : {e.mmd, e.adversarial, e.feature_matching, e.discriminator_loss,
                             e.d_real, e.d_fake})
                number(v);
            for (std::size_t d = 0; d < dims; ++d)
                number(d < e.kl_per_dim.size() ? e.kl_per_dim[d]
                                               : std::numeric_limits<double>::quiet_NaN());
        }
        out += '\n';
    }
    return out;
}

} // namespace vae::ui
