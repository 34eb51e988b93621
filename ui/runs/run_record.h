#pragma once

#include "data/dataset_metadata.h"
#include "metrics/sample_quality.h"
#include "training/training_config.h"
#include "ui/quality/quality_job.h"
#include "vae/vae_model.h"

#include <QDateTime>
#include <QImage>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace vae::ui {

/// One training run of the session as the Runs table keeps it: what it trained on and with,
/// how it ended, its weights (kept in memory to re-open) and its sample-quality figures once
/// computed. A value type.
struct RunRecord {
    int number = 0;    ///< 1, 2, ... in the order the runs ended
    QDateTime started; ///< when Start was pressed
    QString dataset;   ///< the source the data was loaded from
    TrainingConfig config;
    std::size_t epochs = 0; ///< epochs this run completed
    double val_elbo = 0.0;  ///< last validation ELBO (NaN without a validation split)
    QString end;            ///< "completed", "stopped", "diverged"
    std::shared_ptr<const VaeModel> model;
    std::optional<DatasetMetadata> data; ///< what model was trained on
    std::optional<SampleQuality> quality;
    std::shared_ptr<const QualityReport> report; ///< the Quality panel's last report on model
    std::vector<QImage> samples; ///< a few prior samples (images only), for comparing runs
    QImage thumbnail;            ///< those samples as one small mosaic
};

} // namespace vae::ui
