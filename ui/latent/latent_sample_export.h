#pragma once

#include "ui/widgets/background_job.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <cstddef>
#include <cstdint>

class QProgressDialog;
class QWidget;

namespace vae::ui {

class LatentPage;

/// Exports what the latent plane generates, on a pool thread: samples from the prior, a grid
/// over the visible region, the interpolation strip (CSV in the user's columns and units, NPY,
/// or a PNG grid, by the file's suffix, through the engine's export_samples), and the dataset's
/// latent codes as CSV. Files are written atomically, so a failed or abandoned export leaves no
/// half-written file. One export at a time; a progress dialog shows when one takes longer than
/// kProgressDelayMs. Destroying the exporter waits for the file being written. GUI thread only.
class LatentSampleExport : public QObject {
    Q_OBJECT
public:
    enum class Source { Prior, VisibleRegion, Strip };
    static constexpr int kProgressDelayMs = 400;

    /// `page` provides the model, the data, the visible region and the strip; `dialog_parent`
    /// (may be null) parents the progress dialog.
    LatentSampleExport(LatentPage* page, QWidget* dialog_parent);

    /// Starts writing samples to `path`: `count` draws from the prior (Prior), a count x count
    /// grid over the visible region (VisibleRegion; the PNG keeps its shape), or the strip shown
    /// (Strip; `count` unused; the PNG is one row). False and `error` when it cannot start
    /// (nothing to export, an export running, a PNG of table data); the outcome otherwise comes
    /// as finished() or failed().
    bool exportSamples(Source source, const QString& path, std::size_t count, QString* error);
    /// Starts writing every dataset row's latent means and log-variances with its label.
    bool exportLatents(const QString& path, QString* error);
    [[nodiscard]] bool busy() const { return job_.isRunning(); }
    /// The seed of the next prior draw (each export draws afresh).
    [[nodiscard]] std::uint64_t nextSeed() const { return seed_; }

signals:
    void finished(const QString& path, std::size_t rows);
    void failed(const QString& message);

private:
    /// What a job tells the GUI thread: rows written, or why it failed.
    struct Outcome {
        std::size_t rows = 0;
        QString error;
    };

    template <class Job> void run(const QString& path, Job job);
    [[nodiscard]] bool ready(QString* error) const;

    LatentPage* page_;
    QPointer<QWidget> dialog_parent_;
    BackgroundJob<Outcome> job_;
    std::uint64_t seed_ = 1;
};

} // namespace vae::ui
