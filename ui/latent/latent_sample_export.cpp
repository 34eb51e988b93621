#include "ui/latent/latent_sample_export.h"

#include "data/dataset_metadata.h"
#include "io/sample_export.h"
#include "latent/manifold_grid.h"
#include "ui/latent/latent_page.h"
#include "ui/latent/scatter/latent_scatter_view.h"
#include "vae/latent_ops.h"

#include <QFileInfo>
#include <QProgressDialog>

#include <exception>
#include <memory>

namespace vae::ui {
namespace {

bool is_png(const QString& path) {
    return QFileInfo(path).suffix().compare(QLatin1String("png"), Qt::CaseInsensitive) == 0;
}

} // namespace

LatentSampleExport::LatentSampleExport(LatentPage* page, QWidget* dialog_parent)
    : QObject(page), page_(page), dialog_parent_(dialog_parent) {}

bool LatentSampleExport::ready(QString* error) const {
    if (busy()) {
        *error = tr("An export is still being written.");
        return false;
    }
    if (!page_->model() || !page_->dataset() || !page_->projection()) {
        *error = tr("Train a model or open one first: there is nothing to decode yet.");
        return false;
    }
    return true;
}

template <class Job> void LatentSampleExport::run(const QString& path, Job job) {
    QProgressDialog* progress = nullptr;
    if (dialog_parent_) {
        // A busy indicator: the engine's writers report no fraction.
        progress = new QProgressDialog(tr("Writing %1…").arg(QFileInfo(path).fileName()), {}, 0, 0,
                                       dialog_parent_);
        progress->setWindowTitle(tr("Export"));
        progress->setMinimumDuration(kProgressDelayMs);
        progress->setWindowModality(Qt::WindowModal);
        progress->setCancelButton(nullptr);
        progress->setValue(0);
    }
    job_.start(
        [job = std::move(job)](JobControl&) {
            Outcome out;
            try {
                out.rows = job();
            } catch (const std::exception& e) {
                out.error = QString::fromStdString(e.what());
            }
            return out;
        },
        [this, progress, path](const Outcome& out) {
            if (progress)
                progress->deleteLater();
            if (out.error.isEmpty())
                emit finished(path, out.rows);
            else
                emit failed(out.error);
        });
}

bool LatentSampleExport::exportSamples(Source source, const QString& path, std::size_t count,
                                       QString* error) {
    if (!ready(error))
        return false;
    auto data = page_->dataset();
    if (is_png(path) && !data->image_shape) {
        *error = tr("%1: a PNG grid needs image data; name the file .csv or .npy")
                     .arg(QFileInfo(path).fileName());
        return false;
    }
    auto model = page_->model();
    Matrix z;
    std::size_t columns = 0;
    std::uint64_t prior_seed = 0;
    switch (source) {
    case Source::Prior:
        if (count == 0) {
            *error = tr("Ask for at least one sample.");
            return false;
        }
        prior_seed = seed_++;
        z = sample_prior_latents(*model, count, prior_seed);
        break;
    case Source::VisibleRegion: {
        if (count < 2) {
            *error = tr("A grid needs at least 2 samples per side.");
            return false;
        }
        // Cell centres of a count x count grid over the visible region, as the manifold grid.
        const QRectF r = page_->scatter()->visibleRange();
        const double hx = r.width() / (2.0 * static_cast<double>(count));
        const double hy = r.height() / (2.0 * static_cast<double>(count));
        z = manifold_grid_latents(*page_->projection(), r.left() + hx, r.right() - hx, r.top() + hy,
                                  r.bottom() - hy, count, count);
        columns = count;
        break;
    }
    case Source::Strip:
        if (page_->stripZ().rows() == 0) {
            *error = tr("Drag on the plane first: there is no interpolation strip.");
            return false;
        }
        z = page_->stripZ();
        columns = static_cast<std::size_t>(z.rows());
        break;
    }
    const std::string file = path.toStdString();
    // Prior samples of a table are draws from the likelihood, as `vae-cli sample` writes them;
    // grids and strips are maps of the decoder's means.
    const bool draw = source == Source::Prior && !data->image_shape;
    run(path, [model, data, z = std::move(z), columns, file, draw, seed = prior_seed] {
        Matrix decoded = decode_latents(*model, z);
        if (draw)
            draw_observations(*model, decoded, seed);
        export_samples(decoded, metadata_of(*data), file, columns);
        return static_cast<std::size_t>(z.rows());
    });
    return true;
}

bool LatentSampleExport::exportLatents(const QString& path, QString* error) {
    if (!ready(error))
        return false;
    auto model = page_->model();
    auto data = page_->dataset();
    const std::string file = path.toStdString();
    run(path, [model, data, file] {
        Matrix means, logvars;
        encode_rows(*model, data->values, {}, means, logvars);
        export_latents_csv(file, data->labels, data->label_names, means, logvars);
        return data->rows();
    });
    return true;
}

} // namespace vae::ui
