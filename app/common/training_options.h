#pragma once

#include "training/training_config.h"

#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <optional>

namespace vae::app {

/// The options of a training run (--latent, --hidden, --activation, --likelihood, --beta, ...),
/// shared by `vae-cli train` and the GUI's scripted demo.
void add_training_options(QCommandLineParser& parser);

/// Training settings from the options. `auto_likelihood` is set when --likelihood is auto (or
/// absent): the caller picks the likelihood from the data. On a bad value returns nullopt and
/// sets `error` to a line naming the option, the value and what is accepted.
/// A bare --feature-matching (followed by no number) means weight `default_weight`: returns
/// `args` with that value inserted, since QCommandLineParser options either always or never
/// take a value.
QStringList with_feature_matching_default(QStringList args, const QString& default_weight);

std::optional<TrainingConfig> training_config_from(const QCommandLineParser& parser,
                                                   bool& auto_likelihood, QString& error);

} // namespace vae::app
