#include "ui/training/advanced_settings_form.h"
#include "ui/training/model_settings_form.h"
#include "ui/training/objective_settings_form.h"
#include "ui/training/optimisation_settings_form.h"
#include "ui/training/settings_form_rows.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QSignalSpy>
#include <QSpinBox>

#include <catch2/catch.hpp>

TEST_CASE("a settings row names its field and shares the tooltip with its label", "[gui]") {
    QWidget section;
    QFormLayout* form = vae::ui::new_settings_form(&section);
    QDoubleSpinBox* box = vae::ui::add_decimal_row(form, QStringLiteral("Weight"), "weight",
                                                   {.minimum = 0.0,
                                                    .maximum = 5.0,
                                                    .decimals = 3,
                                                    .step = 0.25,
                                                    .special_value_text = QStringLiteral("Off")},
                                                   QStringLiteral("How much <it> counts"));
    CHECK(box->objectName() == QStringLiteral("weight"));
    CHECK(box->maximum() == 5.0);
    CHECK(box->decimals() == 3);
    CHECK(box->singleStep() == 0.25);
    CHECK(box->specialValueText() == QStringLiteral("Off"));
    CHECK(box->suffix().isEmpty());
    CHECK(box->toolTip() == QStringLiteral("<p>How much &lt;it&gt; counts</p>"));
    auto* label = qobject_cast<QLabel*>(form->labelForField(box));
    REQUIRE(label != nullptr);
    CHECK(label->buddy() == box);
    CHECK(label->toolTip() == box->toolTip());

    box->setEnabled(false);
    vae::ui::set_labels_enabled_like_fields(&section);
    CHECK_FALSE(label->isEnabled());
}

TEST_CASE("each settings section gives back the part of the config it was shown", "[gui]") {
    vae::TrainingConfig shown;
    shown.architecture.latent_dim = 6;
    shown.architecture.hidden = {64, 32};
    shown.architecture.activation = vae::Activation::SiLU;
    shown.architecture.likelihood = vae::Likelihood::GaussianFixed;
    shown.architecture.sigma = 0.25f;
    shown.beta = 2.5f;
    shown.warmup_epochs = 3;
    shown.mmd_weight = 100.0f;
    shown.epochs = 7;
    shown.batch_size = 32;
    shown.learning_rate = 5e-4f;
    shown.seed = 99;
    shown.optimizer = vae::OptimizerKind::AdamW;
    shown.weight_decay = 0.01f;
    shown.gan_learning_rate = 1e-4f;
    shown.max_rollbacks = 5;

    vae::ui::ModelSettingsForm model;
    vae::ui::ObjectiveSettingsForm objective;
    vae::ui::OptimisationSettingsForm optimisation;
    vae::ui::AdvancedSettingsForm advanced;
    model.setConfig(shown);
    objective.setConfig(shown);
    optimisation.setConfig(shown);
    advanced.setConfig(shown);

    vae::TrainingConfig back;
    model.applyTo(back);
    objective.applyTo(back);
    optimisation.applyTo(back);
    advanced.applyTo(back);
    CHECK(back.architecture.input_dim == 0); // no dataset
    CHECK(back.architecture.latent_dim == 6);
    CHECK(back.architecture.hidden == std::vector<std::size_t>{64, 32});
    CHECK(back.architecture.activation == vae::Activation::SiLU);
    CHECK(back.architecture.likelihood == vae::Likelihood::GaussianFixed);
    CHECK(back.architecture.sigma == Approx(0.25f));
    CHECK(back.beta == Approx(2.5f));
    CHECK(back.warmup_epochs == 3);
    CHECK(back.mmd_weight == Approx(100.0f));
    CHECK(back.epochs == 7);
    CHECK(back.batch_size == 32);
    CHECK(back.learning_rate == Approx(5e-4f));
    CHECK(back.seed == 99);
    CHECK(back.optimizer == vae::OptimizerKind::AdamW);
    CHECK(back.weight_decay == Approx(0.01f));
    CHECK(back.gan_learning_rate == Approx(1e-4f));
    CHECK(back.max_rollbacks == 5);
}

TEST_CASE("the live settings sections tell live edits from the others", "[gui]") {
    vae::ui::ObjectiveSettingsForm objective;
    QSignalSpy live(&objective, &vae::ui::ObjectiveSettingsForm::liveEdited);
    QSignalSpy other(&objective, &vae::ui::ObjectiveSettingsForm::edited);
    objective.findChild<QDoubleSpinBox*>(QStringLiteral("beta"))->setValue(3.0);
    CHECK(live.count() == 1);
    CHECK(other.count() == 0);
    objective.findChild<QDoubleSpinBox*>(QStringLiteral("freeBits"))->setValue(0.5);
    CHECK(live.count() == 1);
    CHECK(other.count() == 1);

    // During a run only β and warm-up stay editable.
    objective.setRunPhase(false, true);
    CHECK(objective.findChild<QWidget*>(QStringLiteral("beta"))->isEnabled());
    CHECK(objective.findChild<QWidget*>(QStringLiteral("warmup"))->isEnabled());
    CHECK_FALSE(objective.findChild<QWidget*>(QStringLiteral("freeBits"))->isEnabled());
}
