#include "ui/training/optimisation_settings_form.h"

#include "ui/training/settings_form_rows.h"
#include "ui/widgets/scientific_spin_box.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QSpinBox>
#include <QThread>

namespace vae::ui {

OptimisationSettingsForm::OptimisationSettingsForm(QWidget* parent)
    : LiveSettingsForm(tr("Optimisation"), parent) {
    auto* form = new_settings_form(this);

    epochs_ = add_int_row(form, tr("Epochs"), "epochs", {.minimum = 1, .maximum = 1000000},
                          tr("Passes over the training rows. More epochs fit better until the "
                             "validation ELBO stops improving."));

    batch_ = add_int_row(
        form, tr("Batch size"), "batchSize", {.minimum = 1, .maximum = 65536},
        tr("Samples per gradient step (1 to 65536). Larger batches process more samples "
           "per second and give smoother gradients but fewer steps per epoch; a larger "
           "batch usually wants a larger learning rate."));

    learning_rate_ = add_rate_row(
        form, tr("Learning rate"), "learningRate",
        tr("Step size of the optimiser (the starting rate under a schedule). 1e-3 suits "
           "Adam on most data; lower it when the loss jumps or the run diverges. Type "
           "0.0001 or 1e-4; the arrows step through 1, 2, 5 × 10ⁿ. Can be changed during "
           "a run."));

    // A decimal box with no decimals: whole numbers beyond the 2^31 of a QSpinBox.
    seed_ = add_decimal_row(
        form, tr("Seed"), "seed", {.minimum = 0.0, .maximum = 9.0e15, .decimals = 0},
        tr("Seeds the initial weights, the validation split, the shuffling and the sampling "
           "noise: the same data, settings, seed and thread count give the same run."));

    threads_ =
        add_int_row(form, tr("Threads"), "threads",
                    {.minimum = 0,
                     .maximum = 256,
                     .special_value_text = tr("All cores (%1)").arg(QThread::idealThreadCount())},
                    tr("CPU threads to train with. All cores is fastest; fewer keep the computer "
                       "responsive for other work. The thread count is part of what makes a run "
                       "repeatable."));

    connect(learning_rate_, &QAbstractSpinBox::editingFinished, this,
            &OptimisationSettingsForm::liveEditFinished);
    connect(learning_rate_, &QDoubleSpinBox::valueChanged, this,
            &OptimisationSettingsForm::liveEdited);
    connect(epochs_, &QSpinBox::valueChanged, this, &OptimisationSettingsForm::edited);
    connect(batch_, &QSpinBox::valueChanged, this, &OptimisationSettingsForm::edited);
    connect(seed_, &QDoubleSpinBox::valueChanged, this, &OptimisationSettingsForm::edited);
    connect(threads_, &QSpinBox::valueChanged, this, &OptimisationSettingsForm::edited);
}

void OptimisationSettingsForm::applyTo(TrainingConfig& c) const {
    c.epochs = static_cast<std::size_t>(epochs_->value());
    c.batch_size = static_cast<std::size_t>(batch_->value());
    c.learning_rate = static_cast<float>(learning_rate_->value());
    c.seed = static_cast<std::uint64_t>(seed_->value());
    c.threads = threads_->value();
}

void OptimisationSettingsForm::setConfig(const TrainingConfig& c) {
    epochs_->setValue(to_spin_value(c.epochs));
    batch_->setValue(to_spin_value(c.batch_size));
    learning_rate_->setValue(c.learning_rate);
    seed_->setValue(static_cast<double>(c.seed));
    threads_->setValue(c.threads);
}

void OptimisationSettingsForm::setRunPhase(bool idle, bool live) {
    for (QWidget* w : std::initializer_list<QWidget*>{epochs_, batch_, seed_, threads_})
        w->setEnabled(idle);
    learning_rate_->setEnabled(idle || live);
    set_labels_enabled_like_fields(this);
}

} // namespace vae::ui
