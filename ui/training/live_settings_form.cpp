#include "ui/training/live_settings_form.h"

namespace vae::ui {

LiveSettingsForm::LiveSettingsForm(const QString& title, QWidget* parent)
    : QGroupBox(title, parent) {}

} // namespace vae::ui
