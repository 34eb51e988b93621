#pragma once

#include <QString>

class QWidget;

namespace vae::ui {

/// Asks where to save a file, starting in last_directory(); a name typed without a suffix gets
/// `.default_suffix`, and the chosen folder becomes the next dialog's start. Empty when the user
/// cancels. Modal over `parent`; GUI thread only.
[[nodiscard]] QString ask_save_path(QWidget* parent, const QString& caption, const QString& filter,
                                    const QString& default_suffix);

} // namespace vae::ui
