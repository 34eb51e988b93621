#include "ui/training/objective_settings_form.h"

#include "ui/training/settings_form_rows.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QSpinBox>

namespace vae::ui {

ObjectiveSettingsForm::ObjectiveSettingsForm(QWidget* parent)
    : LiveSettingsForm(tr("Objective"), parent) {
    auto* form = new_settings_form(this);

    beta_ = add_decimal_row(
        form, tr("β (KL weight)"), "beta",
        {.minimum = 0.0, .maximum = 1000.0, .decimals = 3, .step = 0.1},
        tr("Weight of the KL term that pulls each code towards the N(0, I) prior. Below 1: "
           "sharper reconstructions, a less regular latent space. Above 1: smoother, more "
           "disentangled latents and blurrier reconstructions. Can be changed during a "
           "run."));

    warmup_ = add_int_row(
        form, tr("KL warm-up"), "warmup",
        {.minimum = 0, .maximum = 100000, .special_value_text = tr("Off"), .suffix = tr(" epochs")},
        tr("Raise the KL weight linearly from 0 to β over this many epochs. The decoder "
           "first learns to use the code, which guards against posterior collapse (latent "
           "dimensions the model stops using). Can be changed during a run."));

    free_bits_ = add_decimal_row(
        form, tr("Free bits"), "freeBits",
        {.minimum = 0.0,
         .maximum = 100.0,
         .decimals = 2,
         .step = 0.1,
         .special_value_text = tr("Off"),
         .suffix = tr(" nats")},
        tr("KL allowance per latent dimension, in nats: a dimension's KL below it is not "
           "penalised, so the optimiser has no reason to collapse that dimension onto the "
           "prior. Typical values 0.1 to 1; 0 turns it off."));

    warmup_schedule_ = new QComboBox;
    warmup_schedule_->addItem(tr("Linear"), static_cast<int>(WarmupSchedule::Linear));
    warmup_schedule_->addItem(tr("Cyclical"), static_cast<int>(WarmupSchedule::Cyclical));
    add_setting_row(
        form, tr("Warm-up schedule"), warmup_schedule_, "warmupSchedule",
        tr("Linear: one ramp of the KL weight over the warm-up epochs. Cyclical (Fu et al. "
           "2019): the ramp repeats every cycle, each time letting the decoder relearn to "
           "use the code; against collapsed latents, whose samples repeat a few average "
           "images."));

    cycle_epochs_ = add_decimal_row(
        form, tr("Cycle length"), "cycleEpochs",
        {.minimum = 0.1, .maximum = 100000.0, .decimals = 1, .step = 0.5, .suffix = tr(" epochs")},
        tr("Cyclical warm-up: epochs per cycle. Four cycles over the run is the paper's "
           "choice."));

    cycle_ratio_ = add_decimal_row(
        form, tr("Ramp fraction"), "cycleRatio",
        {.minimum = 0.05, .maximum = 1.0, .decimals = 2, .step = 0.05},
        tr("Cyclical warm-up: the fraction of each cycle over which the KL weight rises from "
           "0 to β; it holds β for the rest of the cycle. 0.5 is the paper's choice."));

    mmd_ = add_decimal_row(
        form, tr("MMD weight λ"), "mmdWeight",
        {.minimum = 0.0,
         .maximum = 1000000.0,
         .decimals = 1,
         .step = 10.0,
         .special_value_text = tr("Off")},
        tr("InfoVAE / MMD-VAE: penalises the distance (maximum mean discrepancy) between "
           "the codes of the data taken together and the N(0, I) prior. It fills the holes "
           "of the latent space that decode to garbage, so that samples from the prior look "
           "like the data (against inconsistency). Against a reconstruction loss summed over "
           "the pixels, useful weights are 10 to 1000."));

    gan_ = add_decimal_row(
        form, tr("GAN weight γ"), "ganWeight",
        {.minimum = 0.0,
         .maximum = 100.0,
         .decimals = 3,
         .step = 0.01,
         .special_value_text = tr("Off")},
        tr("VAE-GAN: a discriminator learns to tell the data from reconstructions and "
           "samples, and the decoder is also trained to fool it. Its images get the texture "
           "and edges a pixel-wise loss averages away (against blur). 0.01 to 0.1 is "
           "stable; larger weights sharpen more and risk artefacts. Costs about twice the "
           "training time."));

    feature_matching_ = add_decimal_row(
        form, tr("Feature matching"), "featureMatching",
        {.minimum = 0.0,
         .maximum = 100.0,
         .decimals = 3,
         .step = 0.1,
         .special_value_text = tr("Off")},
        tr("VAE-GAN (Larsen et al. 2016): also reconstruct each sample in the "
           "discriminator's learned features, which tolerate small shifts that a pixel "
           "loss punishes with blur. Trains a discriminator even with the GAN weight off."));

    for (QAbstractSpinBox* live : std::initializer_list<QAbstractSpinBox*>{beta_, warmup_}) {
        // Typed values count when the edit is finished, not at every keystroke.
        live->setKeyboardTracking(false);
        connect(live, &QAbstractSpinBox::editingFinished, this,
                &ObjectiveSettingsForm::liveEditFinished);
    }
    connect(beta_, &QDoubleSpinBox::valueChanged, this, &ObjectiveSettingsForm::liveEdited);
    connect(warmup_, &QSpinBox::valueChanged, this, &ObjectiveSettingsForm::liveEdited);
    connect(free_bits_, &QDoubleSpinBox::valueChanged, this, &ObjectiveSettingsForm::edited);
    connect(warmup_schedule_, &QComboBox::currentIndexChanged, this,
            &ObjectiveSettingsForm::edited);
    for (QDoubleSpinBox* box : {cycle_epochs_, cycle_ratio_, mmd_, gan_, feature_matching_})
        connect(box, &QDoubleSpinBox::valueChanged, this, &ObjectiveSettingsForm::edited);
}

bool ObjectiveSettingsForm::cyclical() const {
    return warmup_schedule_->currentData().toInt() == static_cast<int>(WarmupSchedule::Cyclical);
}

void ObjectiveSettingsForm::applyTo(TrainingConfig& c) const {
    c.beta = static_cast<float>(beta_->value());
    c.warmup_epochs = static_cast<std::size_t>(warmup_->value());
    c.free_bits = static_cast<float>(free_bits_->value());
    c.warmup_schedule = static_cast<WarmupSchedule>(warmup_schedule_->currentData().toInt());
    c.cycle_epochs = cycle_epochs_->value();
    c.cycle_ratio = cycle_ratio_->value();
    c.mmd_weight = static_cast<float>(mmd_->value());
    c.gan_weight = static_cast<float>(gan_->value());
    c.feature_matching = static_cast<float>(feature_matching_->value());
}

void ObjectiveSettingsForm::setConfig(const TrainingConfig& c) {
    beta_->setValue(c.beta);
    warmup_->setValue(to_spin_value(c.warmup_epochs));
    free_bits_->setValue(c.free_bits);
    select_data(warmup_schedule_, static_cast<int>(c.warmup_schedule));
    cycle_epochs_->setValue(c.cycle_epochs);
    cycle_ratio_->setValue(c.cycle_ratio);
    mmd_->setValue(c.mmd_weight);
    gan_->setValue(c.gan_weight);
    feature_matching_->setValue(c.feature_matching);
}

void ObjectiveSettingsForm::setRunPhase(bool idle, bool live) {
    for (QWidget* w : std::initializer_list<QWidget*>{free_bits_, warmup_schedule_, mmd_, gan_,
                                                      feature_matching_})
        w->setEnabled(idle);
    cycle_epochs_->setEnabled(idle && cyclical());
    cycle_ratio_->setEnabled(idle && cyclical());
    beta_->setEnabled(idle || live);
    warmup_->setEnabled((idle || live) && !cyclical()); // the cyclical schedule ignores it
    set_labels_enabled_like_fields(this);
}

} // namespace vae::ui
