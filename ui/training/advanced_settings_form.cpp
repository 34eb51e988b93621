#include "ui/training/advanced_settings_form.h"

#include "ui/training/settings_form_rows.h"
#include "ui/widgets/scientific_spin_box.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace vae::ui {

AdvancedSettingsForm::AdvancedSettingsForm(QWidget* parent) : QWidget(parent) {
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    toggle_ = new QToolButton;
    toggle_->setObjectName(QStringLiteral("advanced"));
    toggle_->setText(tr("Advanced"));
    toggle_->setAutoRaise(true);
    toggle_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toggle_->setArrowType(Qt::RightArrow);
    toggle_->setToolTip(rich_tooltip(tr("Validation split, optimiser, gradient clipping, "
                                        "learning-rate schedule, Gaussian σ and rollbacks.")));
    column->addWidget(toggle_);

    options_ = new QGroupBox;
    options_->setObjectName(QStringLiteral("advancedOptions"));
    auto* form = new_settings_form(options_);

    validation_ = add_decimal_row(
        form, tr("Validation"), "validationSplit",
        {.minimum = 0.0,
         .maximum = 90.0,
         .decimals = 0,
         .step = 5.0,
         .special_value_text = tr("None"),
         .suffix = tr(" %")},
        tr("Share of rows held out and never trained on. Their ELBO after each epoch shows "
           "over-fitting; 0 trains on every row."));

    optimizer_ = new QComboBox;
    optimizer_->addItem(tr("Adam"), static_cast<int>(OptimizerKind::Adam));
    optimizer_->addItem(tr("AdamW"), static_cast<int>(OptimizerKind::AdamW));
    add_setting_row(form, tr("Optimiser"), optimizer_, "optimizer",
                    tr("Adam is the usual choice. AdamW applies weight decay to the weights "
                       "directly instead of through the gradient, which regularises more "
                       "predictably."));

    weight_decay_ = add_decimal_row(
        form, tr("Weight decay"), "weightDecay",
        {.minimum = 0.0,
         .maximum = 1.0,
         .decimals = 5,
         .step = 0.001,
         .special_value_text = tr("Off")},
        tr("AdamW only: shrinks every weight towards zero at each step. Values from 1e-4 "
           "to 1e-2 curb over-fitting on small datasets."));

    clip_ = add_decimal_row(
        form, tr("Gradient clip"), "clipNorm",
        {.minimum = 0.0,
         .maximum = 1.0e6,
         .decimals = 2,
         .step = 0.5,
         .special_value_text = tr("Off")},
        tr("Rescales the gradient when its global norm exceeds this value, so that one bad "
           "batch cannot wreck the weights. 0 turns it off; 1 to 10 is typical."));

    schedule_ = new QComboBox;
    schedule_->addItem(tr("Constant"), static_cast<int>(LrSchedule::Constant));
    schedule_->addItem(tr("Cosine decay"), static_cast<int>(LrSchedule::Cosine));
    add_setting_row(form, tr("LR schedule"), schedule_, "schedule",
                    tr("Constant keeps the learning rate. Cosine lowers it smoothly to zero by "
                       "the last step, which often settles in a slightly better optimum."));

    sigma_ = add_decimal_row(
        form, tr("Gaussian σ"), "sigma",
        {.minimum = 0.001, .maximum = 1000.0, .decimals = 3, .step = 0.05},
        tr("Standard deviation of the Gaussian likelihood: fixed for \"Gaussian, fixed σ\", "
           "the starting value when σ is learned. A smaller σ weights reconstruction more "
           "against KL. Not used by Bernoulli."));

    gan_learning_rate_ = add_rate_row(
        form, tr("Discriminator LR"), "ganLearningRate",
        tr("VAE-GAN: learning rate of the discriminator's own Adam optimiser (momentum 0.5, "
           "as GANs are usually trained). 2e-4 is the usual choice; a discriminator that "
           "wins too easily (D(x̃) near 0) gives the decoder little to learn from."));

    rollbacks_ = add_int_row(
        form, tr("Rollbacks"), "maxRollbacks", {.minimum = 0, .maximum = 100},
        tr("When the loss or gradient stops being finite, training goes back to the last "
           "good weights and halves the learning rate. After this many rollbacks the run "
           "stops as diverged."));

    options_->hide();
    column->addWidget(options_);
    // Not a checkable button: a checked tool button is drawn pressed, which reads as a mode
    // rather than as a section header.
    connect(toggle_, &QToolButton::clicked, this, [this] { setOptionsShown(!optionsShown()); });
    connect(gan_learning_rate_, &ScientificSpinBox::valueChanged, this,
            &AdvancedSettingsForm::edited);
    for (QDoubleSpinBox* box : {validation_, weight_decay_, clip_, sigma_})
        connect(box, &QDoubleSpinBox::valueChanged, this, &AdvancedSettingsForm::edited);
    for (QComboBox* box : {optimizer_, schedule_})
        connect(box, &QComboBox::currentIndexChanged, this, &AdvancedSettingsForm::edited);
    connect(rollbacks_, &QSpinBox::valueChanged, this, &AdvancedSettingsForm::edited);
}

bool AdvancedSettingsForm::optionsShown() const {
    return !options_->isHidden();
}

void AdvancedSettingsForm::setOptionsShown(bool shown) {
    options_->setVisible(shown);
    toggle_->setArrowType(shown ? Qt::DownArrow : Qt::RightArrow);
}

void AdvancedSettingsForm::applyTo(TrainingConfig& c) const {
    c.architecture.sigma = static_cast<float>(sigma_->value());
    c.gan_learning_rate = static_cast<float>(gan_learning_rate_->value());
    c.optimizer = static_cast<OptimizerKind>(optimizer_->currentData().toInt());
    c.weight_decay = static_cast<float>(weight_decay_->value());
    c.clip_norm = static_cast<float>(clip_->value());
    c.schedule = static_cast<LrSchedule>(schedule_->currentData().toInt());
    c.validation_split = validation_->value() / 100.0;
    c.max_rollbacks = rollbacks_->value();
}

void AdvancedSettingsForm::setConfig(const TrainingConfig& c) {
    sigma_->setValue(c.architecture.sigma);
    gan_learning_rate_->setValue(c.gan_learning_rate);
    select_data(optimizer_, static_cast<int>(c.optimizer));
    weight_decay_->setValue(c.weight_decay);
    clip_->setValue(c.clip_norm);
    select_data(schedule_, static_cast<int>(c.schedule));
    validation_->setValue(c.validation_split * 100.0);
    rollbacks_->setValue(c.max_rollbacks);
}

void AdvancedSettingsForm::setIdle(bool idle, const TrainingConfig& shown) {
    for (QWidget* w :
         std::initializer_list<QWidget*>{validation_, optimizer_, clip_, schedule_, rollbacks_})
        w->setEnabled(idle);
    weight_decay_->setEnabled(idle && optimizer_->currentData().toInt() ==
                                          static_cast<int>(OptimizerKind::AdamW));
    sigma_->setEnabled(idle && shown.architecture.likelihood != Likelihood::Bernoulli);
    gan_learning_rate_->setEnabled(idle && shown.gan_enabled());
    set_labels_enabled_like_fields(this);
}

} // namespace vae::ui
