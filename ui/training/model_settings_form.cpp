#include "ui/training/model_settings_form.h"

#include "training/training_defaults.h"
#include "ui/training/layers_text.h"
#include "ui/training/settings_form_rows.h"
#include "vae/vae_model.h"

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

    preset_ = new QComboBox;
    preset_->addItem(tr("MLP"), QStringLiteral("mlp"));
    preset_->addItem(tr("Conv small"), QStringLiteral("conv-small"));
    preset_->addItem(tr("Conv deep"), QStringLiteral("conv-deep"));
    preset_->addItem(tr("Custom"), QString());
    add_setting_row(
        form, tr("Architecture"), preset_, "architecture",
        tr("MLP: dense layers only, for tables and images. Conv small: two convolutions "
           "(32 and 64 channels, each halving the image) and a dense layer of 256, the network of "
           "the PyTorch reference; convolutions see neighbouring pixels together, which gives "
           "sharper images. Conv deep: four convolutions and a dense layer of 512, slower and "
           "sharper still. Conv models need image data. Custom: the layers as typed below."));

    hidden_ = new QLineEdit;
    hidden_->setValidator(new LayersValidator(hidden_));
    hidden_->setPlaceholderText(tr("none (linear)"));
    add_setting_row(
        form, tr("Layers"), hidden_, "hidden",
        tr("The encoder's layers from the input side; the decoder mirrors them. Dense widths "
           "such as \"512, 256\" (empty: a linear model), or a spec with convolutions first: "
           "conv:32,64/dense:256, where each conv layer is its channel count with optional k "
           "(kernel, default 4), s (stride, default 2) and p (padding), e.g. 64k3s1. Wider and "
           "deeper fits more detail but trains slower and can over-fit."));

    size_ = new QLabel;
    size_->setWordWrap(true);
    add_setting_row(form, tr("Size"), size_, "modelSize",
                    tr("Parameters of encoder and decoder, and the work one sample costs in a "
                       "forward pass (a training step costs about three times as much)."));

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
    connect(preset_, &QComboBox::activated, this, [this] {
        const QString name = preset_->currentData().toString();
        if (!name.isEmpty())
            hidden_->setText(layers_text(resolve_architecture(name.toStdString())));
    });
    connect(hidden_, &QLineEdit::textChanged, this, [this] {
        showPresetOfText();
        emit edited();
    });
    connect(hidden_, &QLineEdit::editingFinished, this, [this] {
        // Only sent for acceptable text: show it the one way it is written elsewhere.
        if (const auto spec = parse_layers_text(hidden_->text()))
            hidden_->setText(layers_text(*spec));
    });
    connect(this, &ModelSettingsForm::edited, this, &ModelSettingsForm::updateSize);
    connect(activation_, &QComboBox::currentIndexChanged, this, &ModelSettingsForm::edited);
    connect(likelihood_, &QComboBox::currentIndexChanged, this, &ModelSettingsForm::edited);
}

void ModelSettingsForm::showPresetOfText() {
    int index = preset_->count() - 1; // Custom
    if (const auto spec = parse_layers_text(hidden_->text()))
        for (int i = 0; i + 1 < preset_->count(); ++i)
            if (resolve_architecture(preset_->itemData(i).toString().toStdString()) == *spec)
                index = i;
    preset_->setCurrentIndex(index);
}

void ModelSettingsForm::updateSize() {
    TrainingConfig c;
    applyTo(c);
    const VaeArchitecture& a = c.architecture;
    if (!parse_layers_text(hidden_->text()) || a.input_dim == 0) {
        size_->setText(QStringLiteral("–"));
        return;
    }
    if (const std::string error = architecture_error(a); !error.empty()) {
        size_->setText(QString::fromStdString(error));
        return;
    }
    const QLocale l = locale();
    const double mflop = static_cast<double>(VaeModel::forward_flops(a)) / 1e6;
    size_->setText(tr("%1 parameters · %2 MFLOP per sample")
                       .arg(l.toString(static_cast<qulonglong>(VaeModel::parameter_count(a))),
                            l.toString(mflop, 'f', 1)));
}

void ModelSettingsForm::setDataset(const Dataset* data) {
    input_dim_ = data ? data->cols() : 0;
    image_ = {};
    if (data && data->image_shape)
        image_ = {data->image_shape->height, data->image_shape->width, data->image_shape->channels};
    data_likelihood_.reset();
    if (data)
        data_likelihood_ = default_likelihood(*data);
    updateAutoLikelihoodText();
    updateSize();
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
    if (const auto spec = parse_layers_text(hidden_->text()))
        apply_architecture_spec(a, *spec);
    a.image = a.conv.empty() ? ImageGeometry{} : image_;
    a.activation = static_cast<Activation>(activation_->currentData().toInt());
    a.likelihood = likelihood();
}

void ModelSettingsForm::setConfig(const TrainingConfig& c) {
    const auto& a = c.architecture;
    latent_->setValue(to_spin_value(a.latent_dim));
    hidden_->setText(layers_text(architecture_spec(a)));
    select_data(activation_, static_cast<int>(a.activation));
    select_data(likelihood_, static_cast<int>(a.likelihood));
}

QString ModelSettingsForm::hiddenLayersError() const {
    QString error;
    parse_layers_text(hidden_->text(), &error);
    return error;
}

void ModelSettingsForm::setIdle(bool idle) {
    for (QWidget* w :
         std::initializer_list<QWidget*>{latent_, preset_, hidden_, activation_, likelihood_})
        w->setEnabled(idle);
    set_labels_enabled_like_fields(this);
    input_->setEnabled(true); // read-only information, never greyed
    size_->setEnabled(true);
}

} // namespace vae::ui
