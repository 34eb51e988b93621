#pragma once

#include "ui/latent/latent_sample_export.h"

#include <QObject>
#include <QString>

class QAction;
class QMenu;
class QWidget;

namespace vae::ui {

class LatentPage;

/// The File ▸ Export entries of the latent plane: the plot as an image, generated samples
/// (from the prior, over the visible region, the interpolation strip) and the latent codes.
/// Asks for the count and the file, then hands the work to LatentSampleExport. GUI thread only.
class LatentExportMenu : public QObject {
    Q_OBJECT
public:
    LatentExportMenu(LatentPage* page, QWidget* window);

    /// Adds the entries to `menu`; they enable themselves when the menu opens.
    void addTo(QMenu* menu);
    [[nodiscard]] LatentSampleExport* exporter() const { return exporter_; }

signals:
    /// A line for the status bar ("Saved 64 samples to …").
    void message(const QString& text);
    /// Something the user must read.
    void problem(const QString& title, const QString& text);

private:
    void updateEnabled();
    void exportPlot();
    void exportSamples(LatentSampleExport::Source source);
    void exportLatents();
    [[nodiscard]] QString askPath(const QString& title, const QString& filter) const;

    LatentPage* page_;
    QWidget* window_;
    LatentSampleExport* exporter_;
    QAction* plot_ = nullptr;
    QAction* prior_ = nullptr;
    QAction* region_ = nullptr;
    QAction* strip_ = nullptr;
    QAction* latents_ = nullptr;
};

} // namespace vae::ui
