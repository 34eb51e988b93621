#include "ui/training/model_settings_form.h"

#include "training/training_defaults.h"
#include "ui/training/hidden_layers_text.h"
#include "ui/training/settings_form_rows.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSpinBox>

namespace vae::ui {
namespace {

QString likelihood_label(Likelihood l) {
    switch (l) {
    case Likelihood::Bernoulli:
        return ModelSettingsForm::tr("Bernoulli");
    case Likelihood::GaussianFixed:
        return ModelSettingsForm::tr("Gaussian, fixed σ");
    case Likelihood::GaussianLearned:
        return ModelSettingsForm::tr("Gaussian, learned σ");
    case Likelihood::GaussianLearnedPerDim:
        return ModelSettingsForm::tr("Gaussian, σ per dim");
    }
    return {};
}

} // namespace

ModelSettingsForm::ModelSettingsForm(QWidget* parent) : QGroupBox(tr("Model"), parent) {
    auto* form = new_settings_form(this);

    input_ = new QLabel;
    input_->setWordWrap(true);
    add_setting_row(form, tr("Input"), input_, "inputDim",
                    tr("Values per sample, from the loaded dataset. The encoder reads this many "
                       "inputs and the decoder reproduces them; whether they all lie in [0, 1] "
                       "decides the automatic likelihood."));

    latent_ = add_int_row(
        form, tr("Latent dim"), "latentDim", {.minimum = 1, .maximum = 64},
        tr("Size of the code z each sample is compressed to (1 to 64). 2 can be plotted "
           "directly; 8 to 32 reconstructs better but needs a projection to look at."));

    hidden_ = new QLineEdit;
    hidden_->setValidator(new HiddenLayersValidator(hidden_));
    hidden_->setPlaceholderText(tr("none (linear)"));
    add_setting_row(form, tr("Hidden layers"), hidden_, "hidden",
                    tr("Widths of the encoder's hidden layers from the input side, e.g. \"512, "
                       "256\"; the decoder mirrors them. Empty gives a linear model. Wider and "
                       "deeper fits more detail but trains slower and can over-fit. Up to 16 "
                       "layers of 1 to 16384."));

    activation_ = new QComboBox;
    activation_->addItem(tr("ReLU"), static_cast<int>(Activation::ReLU));
    activation_->addItem(tr("Leaky ReLU"), static_cast<int>(Activation::LeakyReLU));
    activation_->addItem(tr("ELU"), static_cast<int>(Activation::ELU));
    activation_->addItem(tr("SiLU (swish)"), static_cast<int>(Activation::SiLU));
    activation_->addItem(tr("tanh"), static_cast<int>(Activation::Tanh));
    activation_->addItem(tr("sigmoid"), static_cast<int>(Activation::Sigmoid));
    add_setting_row(form, tr("Activation"), activation_, "activation",
                    tr("Nonlinearity after each hidden layer. ReLU is a solid default; ELU and "
                       "SiLU are smooth and can help deep or narrow networks; tanh and sigmoid "
                       "saturate and train slower."));

    likelihood_ = new QComboBox;
    likelihood_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    likelihood_->setMinimumContentsLength(12);
    likelihood_->addItem(QString(), -1); // "Auto: …", filled in by updateAutoLikelihoodText
    for (const auto l : {Likelihood::Bernoulli, Likelihood::GaussianFixed,
                         Likelihood::GaussianLearned, Likelihood::GaussianLearnedPerDim})
        likelihood_->addItem(likelihood_label(l), static_cast<int>(l));
    add_setting_row(
        form, tr("Likelihood"), likelihood_, "likelihood",
        tr("How a reconstruction is scored against the data. Bernoulli suits values in [0, 1] "
           "such as image intensities or binary data. Gaussian suits real-valued tables: a "
           "fixed σ acts as a hidden weight of reconstruction against KL, a learned σ is "
           "calibrated to the model's own error so β keeps its meaning, and a σ per dimension "
           "lets noisy columns count less. Auto picks Bernoulli when every value lies in [0, "
           "1], else a learned Gaussian."));

    connect(latent_, &QSpinBox::valueChanged, this, &ModelSettingsForm::edited);
    connect(hidden_, &QLineEdit::textChanged, this, &ModelSettingsForm::edited);
    connect(hidden_, &QLineEdit::editingFinished, this, [this] {
        // Only sent for acceptable text: show it the one way it is written elsewhere.
        if (const auto widths = parse_hidden_layers(hidden_->text()))
            hidden_->setText(hidden_layers_text(*widths));
    });
    connect(activation_, &QComboBox::currentIndexChanged, this, &ModelSettingsForm::edited);
    connect(likelihood_, &QComboBox::currentIndexChanged, this, &ModelSettingsForm::edited);
}

void ModelSettingsForm::setDataset(const Dataset* data) {
    input_dim_ = data ? data->cols() : 0;
    data_likelihood_.reset();
    if (data)
        data_likelihood_ = default_likelihood(*data);
    updateAutoLikelihoodText();
}

void ModelSettingsForm::updateAutoLikelihoodText() {
    if (!data_likelihood_) {
        input_->setText(tr("no dataset"));
        likelihood_->setItemText(0, tr("Auto (from the data)"));
        likelihood_->setItemData(0, QVariant(), Qt::ToolTipRole);
        return;
    }
    const bool unit_range = *data_likelihood_ == Likelihood::Bernoulli;
    const QString cols = locale().toString(static_cast<qulonglong>(input_dim_));
    input_->setText(unit_range ? tr("%1 values, all in [0, 1]").arg(cols)
                               : tr("%1 values, not all in [0, 1]").arg(cols));
    likelihood_->setItemText(0, tr("Auto: %1").arg(likelihood_label(*data_likelihood_)));
    const QString why =
        unit_range ? tr("Bernoulli, because every value lies in [0, 1]")
        : *data_likelihood_ == Likelihood::GaussianLearnedPerDim
            ? tr("Gaussian with a learned σ per column, because the table's columns are "
                 "standardised: each keeps its own noise")
            : tr("Gaussian with learned σ, because some values lie outside [0, 1]");
    likelihood_->setItemData(0, why, Qt::ToolTipRole);
}

Likelihood ModelSettingsForm::likelihood() const {
    const int chosen = likelihood_->currentData().toInt();
    if (chosen < 0)
        return data_likelihood_.value_or(VaeArchitecture{}.likelihood);
    return static_cast<Likelihood>(chosen);
}

bool ModelSettingsForm::autoLikelihood() const {
    return likelihood_->currentData().toInt() < 0;
}

void ModelSettingsForm::setAutoLikelihood(bool on) {
    const Likelihood current = likelihood();
    select_data(likelihood_, on ? -1 : static_cast<int>(current));
}

void ModelSettingsForm::applyTo(TrainingConfig& c) const {
    auto& a = c.architecture;
    a.input_dim = input_dim_;
    a.latent_dim = static_cast<std::size_t>(latent_->value());
    if (const auto widths = parse_hidden_layers(hidden_->text()))
        a.hidden = *widths;
    a.activation = static_cast<Activation>(activation_->currentData().toInt());
    a.likelihood = likelihood();
}

void ModelSettingsForm::setConfig(const TrainingConfig& c) {
    const auto& a = c.architecture;
    latent_->setValue(to_spin_value(a.latent_dim));
    hidden_->setText(hidden_layers_text(a.hidden));
    select_data(activation_, static_cast<int>(a.activation));
    select_data(likelihood_, static_cast<int>(a.likelihood));
}

QString ModelSettingsForm::hiddenLayersError() const {
    QString error;
    parse_hidden_layers(hidden_->text(), &error);
    return error;
}

void ModelSettingsForm::setIdle(bool idle) {
    for (QWidget* w : std::initializer_list<QWidget*>{latent_, hidden_, activation_, likelihood_})
        w->setEnabled(idle);
    set_labels_enabled_like_fields(this);
    input_->setEnabled(true); // read-only information, never greyed
}

} // namespace vae::ui
