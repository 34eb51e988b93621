#include "ui/latent/latent_export_menu.h"

#include "ui/latent/latent_page.h"
#include "ui/latent/scatter/latent_scatter_view.h"
#include "ui/widgets/last_directory.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMenu>

namespace vae::ui {
LatentExportMenu::LatentExportMenu(LatentPage* page, QWidget* window)
    : QObject(window), page_(page), window_(window),
      exporter_(new LatentSampleExport(page, window)) {
    connect(exporter_, &LatentSampleExport::finished, this,
            [this](const QString& path, std::size_t rows) {
                emit message(tr("Saved %1 rows to %2").arg(rows).arg(path));
            });
    connect(exporter_, &LatentSampleExport::failed, this,
            [this](const QString& text) { emit problem(tr("Cannot export"), text); });
}

void LatentExportMenu::addTo(QMenu* menu) {
    menu->addSeparator();
    plot_ = menu->addAction(tr("Latent Plot as I&mage (PNG, PDF)…"), this,
                            &LatentExportMenu::exportPlot);
    prior_ = menu->addAction(tr("Samples from the &Prior…"), this,
                             [this] { exportSamples(LatentSampleExport::Source::Prior); });
    region_ = menu->addAction(tr("Samples over the &Visible Region…"), this,
                              [this] { exportSamples(LatentSampleExport::Source::VisibleRegion); });
    strip_ = menu->addAction(tr("&Interpolation Strip…"), this,
                             [this] { exportSamples(LatentSampleExport::Source::Strip); });
    latents_ = menu->addAction(tr("&Latent Codes (CSV)…"), this, &LatentExportMenu::exportLatents);
    prior_->setStatusTip(tr("Decode draws from the prior N(0, I): CSV in your columns and units, "
                            "NPY, or a PNG grid"));
    region_->setStatusTip(tr("Decode a grid over the part of the plane in view"));
    latents_->setStatusTip(tr("Every row's encoder mean and log-variance, with its label"));
    connect(menu, &QMenu::aboutToShow, this, &LatentExportMenu::updateEnabled);
    updateEnabled();
}

void LatentExportMenu::updateEnabled() {
    const bool model = page_->model() && page_->dataset() && !exporter_->busy();
    plot_->setEnabled(page_->scatter()->pointCount() > 0);
    prior_->setEnabled(model);
    region_->setEnabled(model);
    strip_->setEnabled(model && page_->stripZ().rows() > 0);
    latents_->setEnabled(model);
}

QString LatentExportMenu::askPath(const QString& title, const QString& filter) const {
    QString path = QFileDialog::getSaveFileName(window_, title, last_directory(), filter);
    if (!path.isEmpty())
        remember_directory(path);
    return path;
}

void LatentExportMenu::exportPlot() {
    const QString path =
        askPath(tr("Export Latent Plot"), tr("PNG image (*.png);;PDF document (*.pdf)"));
    if (path.isEmpty())
        return;
    QString error;
    if (page_->scatter()->exportImage(path, &error))
        emit message(tr("Saved %1").arg(path));
    else
        emit problem(tr("Cannot export the plot"), error);
}

void LatentExportMenu::exportSamples(LatentSampleExport::Source source) {
    std::size_t count = 0;
    bool ok = true;
    if (source == LatentSampleExport::Source::Prior)
        count = static_cast<std::size_t>(QInputDialog::getInt(window_, tr("Samples from the Prior"),
                                                              tr("Number of samples:"), 64, 1,
                                                              1000000, 1, &ok));
    else if (source == LatentSampleExport::Source::VisibleRegion)
        count = static_cast<std::size_t>(
            QInputDialog::getInt(window_, tr("Samples over the Visible Region"),
                                 tr("Samples per side:"), 20, 2, 200, 1, &ok));
    if (!ok)
        return;
    const bool images = page_->dataset() && page_->dataset()->image_shape.has_value();
    const QString tables = tr("CSV in your columns and units (*.csv);;NumPy array (*.npy)");
    const QString path =
        askPath(tr("Export Samples"), images ? tr("PNG grid (*.png);;") + tables : tables);
    if (path.isEmpty())
        return;
    QString error;
    if (!exporter_->exportSamples(source, path, count, &error))
        emit problem(tr("Cannot export"), error);
}

void LatentExportMenu::exportLatents() {
    const QString path = askPath(tr("Export Latent Codes"), tr("CSV file (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exporter_->exportLatents(path, &error))
        emit problem(tr("Cannot export"), error);
}

} // namespace vae::ui
