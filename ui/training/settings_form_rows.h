#pragma once

#include <QString>

#include <cstddef>

class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QSpinBox;
class QWidget;

namespace vae::ui {

class ScientificSpinBox;

/// Rich text, so that Qt wraps long tooltips instead of showing one screen-wide line.
QString rich_tooltip(const QString& text);

/// The two-column layout of a settings section: labels on the left, fields that fill the
/// narrow dock's width on the right, one row each. Owned by `section`.
QFormLayout* new_settings_form(QWidget* section);

/// Adds a labelled row whose label and field share the tooltip; the label's buddy is the field,
/// so that set_labels_enabled_like_fields() can grey them together. Sets the field's object
/// name, which tests and the --demo screenshots look it up by.
void add_setting_row(QFormLayout* form, const QString& label, QWidget* field, const char* name,
                     const QString& tooltip);

/// Greys every label under `section` whose buddy field is disabled, and ungreys the others.
void set_labels_enabled_like_fields(QWidget* section);

/// Selects the item of `box` whose data is `value`; no change when there is none.
void select_data(QComboBox* box, int value);

/// `v` as an int for a spin box, capped at INT_MAX.
int to_spin_value(std::size_t v);

// The texts' empty {} initialisers let a designated initialiser leave them out without g++'s
// missing-initializer warning.

/// The range and look of a whole-number settings field; the defaults are QSpinBox's.
struct IntFieldSpec {
    int minimum = 0;
    int maximum = 99;
    QString special_value_text{}; ///< shown instead of the minimum, e.g. "Off"
    QString suffix{};
};

/// The range and look of a decimal settings field; the defaults are QDoubleSpinBox's.
struct DecimalFieldSpec {
    double minimum = 0.0;
    double maximum = 99.99;
    int decimals = 2;
    double step = 1.0;            ///< what one arrow click adds
    QString special_value_text{}; ///< shown instead of the minimum, e.g. "Off"
    QString suffix{};
};

/// A QSpinBox set up per `spec`, added as a row (see add_setting_row); owned by the form.
QSpinBox* add_int_row(QFormLayout* form, const QString& label, const char* name,
                      const IntFieldSpec& spec, const QString& tooltip);
/// A QDoubleSpinBox set up per `spec`, added as a row (see add_setting_row); owned by the form.
QDoubleSpinBox* add_decimal_row(QFormLayout* form, const QString& label, const char* name,
                                const DecimalFieldSpec& spec, const QString& tooltip);
/// A ScientificSpinBox for a learning rate, added as a row (see add_setting_row); owned by the
/// form. A typed rate counts when its edit is finished, not at every keystroke.
ScientificSpinBox* add_rate_row(QFormLayout* form, const QString& label, const char* name,
                                const QString& tooltip);

} // namespace vae::ui
