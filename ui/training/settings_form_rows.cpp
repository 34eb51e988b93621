#include "ui/training/settings_form_rows.h"

#include "ui/widgets/scientific_spin_box.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>

#include <algorithm>
#include <climits>

namespace vae::ui {

QString rich_tooltip(const QString& text) {
    return QStringLiteral("<p>") + text.toHtmlEscaped() + QStringLiteral("</p>");
}

QFormLayout* new_settings_form(QWidget* section) {
    auto* form = new QFormLayout(section);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    form->setLabelAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    return form;
}

void add_setting_row(QFormLayout* form, const QString& label, QWidget* field, const char* name,
                     const QString& tooltip) {
    field->setObjectName(QString::fromLatin1(name));
    field->setToolTip(rich_tooltip(tooltip));
    auto* l = new QLabel(label);
    l->setToolTip(field->toolTip());
    l->setBuddy(field);
    form->addRow(l, field);
}

void set_labels_enabled_like_fields(QWidget* section) {
    for (QLabel* label : section->findChildren<QLabel*>())
        if (label->buddy())
            label->setEnabled(label->buddy()->isEnabled());
}

void select_data(QComboBox* box, int value) {
    const int i = box->findData(value);
    if (i >= 0)
        box->setCurrentIndex(i);
}

int to_spin_value(std::size_t v) {
    return static_cast<int>(std::min<std::size_t>(v, INT_MAX));
}

namespace {

template <class SpinBox, class Spec> void apply_texts(SpinBox* box, const Spec& spec) {
    if (!spec.special_value_text.isEmpty())
        box->setSpecialValueText(spec.special_value_text);
    if (!spec.suffix.isEmpty())
        box->setSuffix(spec.suffix);
}

} // namespace

QSpinBox* add_int_row(QFormLayout* form, const QString& label, const char* name,
                      const IntFieldSpec& spec, const QString& tooltip) {
    auto* box = new QSpinBox;
    box->setRange(spec.minimum, spec.maximum);
    apply_texts(box, spec);
    add_setting_row(form, label, box, name, tooltip);
    return box;
}

QDoubleSpinBox* add_decimal_row(QFormLayout* form, const QString& label, const char* name,
                                const DecimalFieldSpec& spec, const QString& tooltip) {
    auto* box = new QDoubleSpinBox;
    box->setDecimals(spec.decimals);
    box->setRange(spec.minimum, spec.maximum);
    box->setSingleStep(spec.step);
    apply_texts(box, spec);
    add_setting_row(form, label, box, name, tooltip);
    return box;
}

ScientificSpinBox* add_rate_row(QFormLayout* form, const QString& label, const char* name,
                                const QString& tooltip) {
    auto* box = new ScientificSpinBox;
    box->setKeyboardTracking(false);
    add_setting_row(form, label, box, name, tooltip);
    return box;
}

} // namespace vae::ui
