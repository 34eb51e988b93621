#pragma once

#include "data/dataset.h"
#include "data/load_options.h"
#include "ui/widgets/background_job.h"

#include <QObject>
#include <QString>

#include <memory>

namespace vae::ui {

/// Loads a dataset on a pool thread so the window stays responsive. The GUI reads progress
/// from an atomic on a timer rather than receiving signals from the loader, so the loader
/// touches nothing but its own shared state; destroying the job cancels the load and waits
/// for it to stop at its next progress check.
class DatasetLoadJob : public QObject {
    Q_OBJECT
public:
    explicit DatasetLoadJob(QObject* parent = nullptr);

    /// Starts loading `source`; a load already running is cancelled and its result dropped.
    void start(const QString& source, LoadOptions options);
    /// Asks the running load to stop at its next progress check.
    void cancel();
    [[nodiscard]] bool running() const;

signals:
    void progressChanged(double fraction);
    void loaded(std::shared_ptr<const vae::Dataset> data, double seconds);
    void failed(const QString& message);
    void cancelled();

private:
    struct Outcome {
        std::shared_ptr<const Dataset> data;
        QString error;
        bool cancelled = false;
        double seconds = 0.0;
    };
    void finish(const Outcome& out);

    BackgroundJob<Outcome> job_;
};

} // namespace vae::ui
