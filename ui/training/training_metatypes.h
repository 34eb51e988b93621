#pragma once

// Qt metatypes of the engine's value types, declared here rather than in core/ so that the
// core never sees Qt. Queued signals between the training thread and the GUI carry these.

#include "training/trainer.h"
#include "training/training_config.h"
#include "training/training_events.h"

#include <QMetaType>

#include <vector>

Q_DECLARE_METATYPE(vae::MetricsSample)
Q_DECLARE_METATYPE(std::vector<vae::MetricsSample>)
Q_DECLARE_METATYPE(vae::EpochSummary)
Q_DECLARE_METATYPE(vae::TrainingResult)
Q_DECLARE_METATYPE(vae::LiveSettings)
