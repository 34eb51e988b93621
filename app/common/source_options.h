#pragma once

#include "data/load_options.h"

#include <QCommandLineParser>
#include <QString>

#include <optional>

namespace vae::app {

/// The loader options every command that reads a dataset accepts (--delimiter, --header,
/// --label-column, --missing, --image-shape, --limit, ...), shared by vae-cli and vae-explorer.
void add_source_options(QCommandLineParser& parser);

/// Whether any option added by add_source_options was given.
bool any_source_option_set(const QCommandLineParser& parser);

/// Reads the options added by add_source_options. On a bad value returns nullopt and sets
/// `error` to a one-line message naming the option, the value and what is accepted.
std::optional<LoadOptions> source_options_from(const QCommandLineParser& parser, QString& error);

} // namespace vae::app
