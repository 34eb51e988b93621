#include "ui/training/training_panel.h"
#include "ui/widgets/scientific_spin_box.h"

#include "data/builtin_datasets.h"
#include "vae/vae_model.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <QToolButton>

#include <catch2/catch.hpp>

#include <memory>

namespace Catch {
template <> struct StringMaker<QString> {
    static std::string convert(const QString& s) { return '"' + s.toStdString() + '"'; }
};
} // namespace Catch

using vae::ui::TrainingPanel;
using RunState = vae::ui::TrainingPanel::RunState;

namespace {

template <class T> T* child(const TrainingPanel& panel, const char* name) {
    auto* w = panel.findChild<T*>(QString::fromLatin1(name));
    REQUIRE(w != nullptr);
    return w;
}

std::shared_ptr<const vae::Dataset> sprite_images() {
    vae::LoadOptions o;
    o.builtin_rows = 64;
    return std::make_shared<const vae::Dataset>(vae::make_builtin("sprites", o));
}

/// A z-scored table: 3 columns with negative values.
std::shared_ptr<const vae::Dataset> zscored_table() {
    auto d = std::make_shared<vae::Dataset>();
    d->name = "table.csv";
    d->values = vae::Matrix(4, 3);
    d->values << -1.2f, 0.3f, 1.0f, 0.5f, -0.7f, -1.1f, 1.4f, 1.2f, 0.2f, -0.7f, -0.8f, -0.1f;
    d->column_names = {"a", "b", "c"};
    return d;
}

/// Replaces a spin box's text as a user would: select all, type, press Enter.
void type_into(QAbstractSpinBox* box, const QString& text) {
    box->selectAll();
    QTest::keyClicks(box, text);
    QTest::keyClick(box, Qt::Key_Return);
}

/// A panel whose numbers read the same in any system locale.
std::unique_ptr<TrainingPanel> new_panel() {
    auto panel = std::make_unique<TrainingPanel>();
    panel->setLocale(QLocale(QLocale::English, QLocale::UnitedStates));
    return panel;
}

} // namespace

TEST_CASE("the training panel starts with the CLI's defaults and needs a dataset", "[gui]") {
    auto panel = new_panel();
    const vae::TrainingConfig c = panel->config();
    const vae::TrainingConfig defaults;
    CHECK(c.architecture.latent_dim == 2);
    CHECK(c.architecture.hidden == std::vector<std::size_t>{512, 256});
    CHECK(c.architecture.activation == vae::Activation::ReLU);
    CHECK(c.batch_size == 128);
    CHECK(c.learning_rate == 1e-3f);
    CHECK(c.epochs == 10);
    CHECK(c.beta == 1.0f);
    CHECK(c.seed == 1);
    CHECK(c.threads == 0);
    CHECK(c.validation_split == Approx(defaults.validation_split));
    CHECK(c.max_rollbacks == defaults.max_rollbacks);
    CHECK(panel->autoLikelihood());
    CHECK(panel->problem().isEmpty());
    CHECK_FALSE(child<QPushButton>(*panel, "start")->isEnabled());
    CHECK_FALSE(child<QPushButton>(*panel, "pause")->isEnabled());
    CHECK_FALSE(child<QPushButton>(*panel, "stop")->isEnabled());
}

TEST_CASE("the training panel picks the likelihood from the data's value range", "[gui]") {
    auto panel = new_panel();
    auto* likelihood = child<QComboBox>(*panel, "likelihood");

    const auto images = sprite_images();
    panel->setDataset(images);
    CHECK(panel->config().architecture.likelihood == vae::Likelihood::Bernoulli);
    CHECK(panel->config().architecture.input_dim == images->cols());
    CHECK(likelihood->currentText().contains(QStringLiteral("Bernoulli")));
    CHECK(child<QLabel>(*panel, "inputDim")->text().contains(QStringLiteral("784")));
    CHECK(child<QPushButton>(*panel, "start")->isEnabled());

    // The user's other choices survive a new dataset.
    child<QSpinBox>(*panel, "latentDim")->setValue(8);
    panel->setDataset(zscored_table());
    CHECK(panel->config().architecture.likelihood == vae::Likelihood::GaussianLearned);
    CHECK(panel->config().architecture.input_dim == 3);
    CHECK(likelihood->currentText().contains(QStringLiteral("Gaussian")));
    CHECK(panel->config().architecture.latent_dim == 8);

    // An explicit pick is not overridden by the data.
    likelihood->setCurrentIndex(
        likelihood->findData(static_cast<int>(vae::Likelihood::GaussianFixed)));
    CHECK_FALSE(panel->autoLikelihood());
    panel->setDataset(images);
    CHECK(panel->config().architecture.likelihood == vae::Likelihood::GaussianFixed);

    panel->setDataset(nullptr);
    CHECK_FALSE(child<QPushButton>(*panel, "start")->isEnabled());
}

TEST_CASE("the training panel's config follows the user's edits", "[gui]") {
    auto panel = new_panel();
    panel->setDataset(zscored_table());
    auto* hidden = child<QLineEdit>(*panel, "hidden");
    hidden->selectAll();
    QTest::keyClicks(hidden, QStringLiteral("64 32,16"));
    child<QSpinBox>(*panel, "latentDim")->setValue(5);
    auto* activation = child<QComboBox>(*panel, "activation");
    activation->setCurrentIndex(activation->findData(static_cast<int>(vae::Activation::ELU)));
    type_into(child<QDoubleSpinBox>(*panel, "learningRate"), QStringLiteral("0.0001"));
    type_into(child<QSpinBox>(*panel, "epochs"), QStringLiteral("25"));
    type_into(child<QDoubleSpinBox>(*panel, "beta"), QStringLiteral("0.5"));
    type_into(child<QDoubleSpinBox>(*panel, "seed"), QStringLiteral("123456789012"));
    auto* optimizer = child<QComboBox>(*panel, "optimizer");
    CHECK_FALSE(child<QDoubleSpinBox>(*panel, "weightDecay")->isEnabled());
    optimizer->setCurrentIndex(optimizer->findData(static_cast<int>(vae::OptimizerKind::AdamW)));
    CHECK(child<QDoubleSpinBox>(*panel, "weightDecay")->isEnabled());

    vae::TrainingConfig c = panel->config();
    CHECK(c.architecture.hidden == std::vector<std::size_t>{64, 32, 16});
    CHECK(c.architecture.latent_dim == 5);
    CHECK(c.architecture.activation == vae::Activation::ELU);
    CHECK(c.learning_rate == Approx(1e-4f));
    CHECK(c.epochs == 25);
    CHECK(c.beta == Approx(0.5f));
    CHECK(c.seed == 123456789012ULL);
    CHECK(c.optimizer == vae::OptimizerKind::AdamW);

    type_into(child<QDoubleSpinBox>(*panel, "learningRate"), QStringLiteral("3e-4"));
    CHECK(panel->config().learning_rate == Approx(3e-4f));

    // setConfig shows a config that config() gives back unchanged.
    c.weight_decay = 0.01f;
    c.clip_norm = 5.0f;
    c.schedule = vae::LrSchedule::Cosine;
    c.validation_split = 0.2;
    c.architecture.likelihood = vae::Likelihood::GaussianLearnedPerDim;
    c.metrics_every = 7;
    panel->setConfig(c);
    const vae::TrainingConfig back = panel->config();
    CHECK(back.architecture == c.architecture);
    CHECK(back.weight_decay == Approx(0.01f));
    CHECK(back.clip_norm == Approx(5.0f));
    CHECK(back.schedule == vae::LrSchedule::Cosine);
    CHECK(back.validation_split == Approx(0.2));
    CHECK(back.metrics_every == 7);
    CHECK(back.seed == c.seed);
    CHECK(hidden->text() == QStringLiteral("64, 32, 16"));
}

TEST_CASE("the architecture presets fill the layers and show the model's size", "[gui][conv]") {
    auto panel = new_panel();
    panel->show();
    panel->setDataset(sprite_images());
    auto* preset = child<QComboBox>(*panel, "architecture");
    auto* layers = child<QLineEdit>(*panel, "hidden");
    auto* size = child<QLabel>(*panel, "modelSize");
    CHECK(preset->currentText() == QStringLiteral("MLP"));
    CHECK(layers->text() == QStringLiteral("512, 256"));
    CHECK(size->text().contains(QStringLiteral("parameters")));

    const int conv_small = preset->findText(QStringLiteral("Conv small"));
    REQUIRE(conv_small >= 0);
    preset->setCurrentIndex(conv_small);
    emit preset->activated(conv_small); // as a click on the item does
    CHECK(layers->text() == QStringLiteral("conv:32,64/dense:256"));
    const auto c = panel->config();
    REQUIRE(c.architecture.conv.size() == 2);
    CHECK(c.architecture.image == vae::ImageGeometry{28, 28, 1});
    CHECK(c.architecture.hidden == std::vector<std::size_t>{256});
    // The count the model itself gives, written with the locale's separators.
    CHECK(size->text().contains(QLocale().toString(
        static_cast<qulonglong>(vae::VaeModel::parameter_count(c.architecture)))));
    CHECK(panel->problem().isEmpty());
    CHECK(child<QPushButton>(*panel, "start")->isEnabled());

    // Typing a preset's layers selects it; anything else is Custom.
    layers->setText(QStringLiteral("512,256"));
    CHECK(preset->currentText() == QStringLiteral("MLP"));
    layers->setText(QStringLiteral("conv:16/dense:64"));
    CHECK(preset->currentText() == QStringLiteral("Custom"));
    CHECK(panel->config().architecture.conv.size() == 1);
}

TEST_CASE("a conv preset on a table is refused with a clear message", "[gui][conv]") {
    auto panel = new_panel();
    panel->show();
    panel->setDataset(zscored_table());
    auto* preset = child<QComboBox>(*panel, "architecture");
    const int conv_small = preset->findText(QStringLiteral("Conv small"));
    preset->setCurrentIndex(conv_small);
    emit preset->activated(conv_small);
    CHECK(panel->problem().contains(QStringLiteral("table")));
    CHECK(panel->problem().contains(QStringLiteral("MLP")));
    CHECK_FALSE(child<QPushButton>(*panel, "start")->isEnabled());
    CHECK(child<QLabel>(*panel, "modelSize")->text().contains(QStringLiteral("table")));

    auto* layers = child<QLineEdit>(*panel, "hidden");
    layers->setText(QStringLiteral("conv:32,q"));
    CHECK(panel->problem().contains(QStringLiteral("conv layer 2 'q'")));
}

TEST_CASE("an invalid hidden-layer list disables Start and says why", "[gui]") {
    auto panel = new_panel();
    panel->show();
    panel->setDataset(sprite_images());
    auto* start = child<QPushButton>(*panel, "start");
    auto* problem = child<QLabel>(*panel, "problem");
    auto* hidden = child<QLineEdit>(*panel, "hidden");
    REQUIRE(start->isEnabled());
    CHECK_FALSE(problem->isVisible());

    hidden->selectAll();
    QTest::keyClicks(hidden, QStringLiteral("512,abc"));
    CHECK(hidden->text() == QStringLiteral("512,abc")); // typing is never swallowed
    CHECK(panel->problem().contains(QStringLiteral("'abc' is not a width")));
    CHECK_FALSE(start->isEnabled());
    CHECK(problem->isVisible());
    CHECK(problem->text().contains(QStringLiteral("abc")));

    hidden->setText(QStringLiteral("512, 0"));
    CHECK(panel->problem().contains(QStringLiteral("hidden layer widths")));
    CHECK_FALSE(start->isEnabled());

    hidden->setText(QStringLiteral("256"));
    CHECK(panel->problem().isEmpty());
    CHECK(start->isEnabled());
    CHECK_FALSE(problem->isVisible());
}

TEST_CASE("a running training locks all settings but beta, learning rate and warm-up", "[gui]") {
    auto panel = new_panel();
    panel->setDataset(sprite_images());
    const char* locked[] = {"latentDim", "hidden",    "activation", "likelihood",
                            "freeBits",  "epochs",    "batchSize",  "seed",
                            "threads",   "optimizer", "clipNorm",   "validationSplit"};
    const char* live[] = {"beta", "learningRate", "warmup"};

    panel->setRunState(RunState::Running);
    for (const char* name : locked) {
        INFO(name);
        CHECK_FALSE(child<QWidget>(*panel, name)->isEnabled());
    }
    for (const char* name : live) {
        INFO(name);
        CHECK(child<QWidget>(*panel, name)->isEnabled());
    }
    CHECK_FALSE(child<QPushButton>(*panel, "start")->isEnabled());
    CHECK(child<QPushButton>(*panel, "pause")->isEnabled());
    CHECK(child<QPushButton>(*panel, "stop")->isEnabled());

    // A locked field ignores keys.
    QTest::keyClick(child<QSpinBox>(*panel, "latentDim"), Qt::Key_Up);
    CHECK(panel->config().architecture.latent_dim == 2);

    panel->setRunState(RunState::Stopping);
    for (const char* name : {"start", "pause", "stop"})
        CHECK_FALSE(child<QPushButton>(*panel, name)->isEnabled());
    CHECK_FALSE(child<QWidget>(*panel, "beta")->isEnabled());

    panel->setRunState(RunState::Idle);
    for (const char* name : locked)
        CHECK(child<QWidget>(*panel, name)->isEnabled());
    CHECK(child<QPushButton>(*panel, "start")->isEnabled());
}

TEST_CASE("changing beta during a run sends one live settings change", "[gui]") {
    auto panel = new_panel();
    panel->setDataset(sprite_images());
    QSignalSpy spy(panel.get(), &TrainingPanel::liveSettingsChanged);
    auto* beta = child<QDoubleSpinBox>(*panel, "beta");

    SECTION("quick arrow clicks while running are sent together") {
        panel->setRunState(RunState::Running);
        for (int i = 0; i < 3; ++i)
            QTest::keyClick(beta, Qt::Key_Up);
        REQUIRE(spy.wait(5000));
        REQUIRE(spy.count() == 1);
        const auto s = spy.at(0).at(0).value<vae::LiveSettings>();
        CHECK(s.beta == Approx(1.3f));
        CHECK(s.learning_rate == Approx(1e-3f));
        CHECK_FALSE(spy.wait(TrainingPanel::kLiveEditDelayMs * 2));
        CHECK(spy.count() == 1);
    }
    SECTION("a typed value while paused is sent when the edit is finished") {
        panel->setRunState(RunState::Running);
        panel->setRunState(RunState::Paused);
        type_into(child<QDoubleSpinBox>(*panel, "learningRate"), QStringLiteral("2e-4"));
        REQUIRE(spy.count() == 1);
        CHECK(spy.at(0).at(0).value<vae::LiveSettings>().learning_rate == Approx(2e-4f));
        CHECK_FALSE(spy.wait(TrainingPanel::kLiveEditDelayMs * 2));
        CHECK(spy.count() == 1);
    }
    SECTION("nothing is sent while idle") {
        QTest::keyClick(beta, Qt::Key_Up);
        type_into(beta, QStringLiteral("2"));
        CHECK_FALSE(spy.wait(TrainingPanel::kLiveEditDelayMs * 2));
        CHECK(spy.count() == 0);
        CHECK(panel->config().beta == Approx(2.0f));
    }
}

TEST_CASE("the run buttons request start, pause, resume and stop", "[gui]") {
    auto panel = new_panel();
    panel->setDataset(sprite_images());
    QSignalSpy start(panel.get(), &TrainingPanel::startRequested);
    QSignalSpy pause(panel.get(), &TrainingPanel::pauseRequested);
    QSignalSpy resume(panel.get(), &TrainingPanel::resumeRequested);
    QSignalSpy stop(panel.get(), &TrainingPanel::stopRequested);
    auto* pause_button = child<QPushButton>(*panel, "pause");

    QTest::mouseClick(child<QPushButton>(*panel, "start"), Qt::LeftButton);
    CHECK(start.count() == 1);
    panel->setRunState(RunState::Running);
    CHECK(pause_button->text() == QStringLiteral("Pause"));
    QTest::mouseClick(pause_button, Qt::LeftButton);
    CHECK(pause.count() == 1);
    CHECK(resume.count() == 0);

    panel->setRunState(RunState::Paused);
    CHECK(pause_button->text() == QStringLiteral("Resume"));
    QTest::mouseClick(pause_button, Qt::LeftButton);
    CHECK(resume.count() == 1);
    CHECK(pause.count() == 1);

    panel->setRunState(RunState::Running);
    CHECK(pause_button->text() == QStringLiteral("Pause"));
    QTest::mouseClick(child<QPushButton>(*panel, "stop"), Qt::LeftButton);
    CHECK(stop.count() == 1);
    CHECK(start.count() == 1);
}

TEST_CASE("the training panel shows the run's progress and ETA", "[gui]") {
    auto panel = new_panel();
    panel->setDataset(sprite_images());
    panel->setRunState(RunState::Running);
    vae::MetricsSample m;
    m.step = 1432;
    m.epoch = 3.4;
    m.total_steps = 4210;
    m.samples_per_sec = 31234.0;
    panel->showProgress(m);
    // 128 samples per step at 31,234 samples/s over the 2,778 steps left: 11.4 s.
    CHECK(panel->statusText() == QStringLiteral("Epoch 3.4 of 10 · step 1,432 of 4,210\n"
                                                "31,200 samples/s · ETA 11 s"));
    auto* progress = child<QProgressBar>(*panel, "progress");
    CHECK(progress->maximum() == 4210);
    CHECK(progress->value() == 1432);

    // The rate is smoothed: one slow sample does not make the ETA jump tenfold.
    m.step = 1452;
    m.samples_per_sec = 3123.4;
    panel->showProgress(m);
    CHECK(panel->statusText().endsWith(QStringLiteral("ETA 42 s")));

    panel->showMessage(QStringLiteral("Trained 10 epochs in 2 min 3 s"));
    CHECK(child<QLabel>(*panel, "status")->text() ==
          QStringLiteral("Trained 10 epochs in 2 min 3 s"));
}

TEST_CASE("durations read as seconds, minutes and hours", "[gui]") {
    CHECK(vae::ui::format_duration(0.38) == QStringLiteral("0.4 s")); // not "0 s"
    CHECK(vae::ui::format_duration(9.2) == QStringLiteral("9.2 s"));
    CHECK(vae::ui::format_duration(45.2) == QStringLiteral("45 s"));
    CHECK(vae::ui::format_duration(72) == QStringLiteral("1 min 12 s"));
    CHECK(vae::ui::format_duration(123) == QStringLiteral("2 min 3 s"));
    CHECK(vae::ui::format_duration(7500) == QStringLiteral("2 h 5 min"));
}

TEST_CASE("the learning rate box steps through 1, 2, 5 and reads both notations", "[gui]") {
    using vae::ui::ScientificSpinBox;
    CHECK(ScientificSpinBox::nextInSeries(1e-3, true) == Approx(2e-3));
    CHECK(ScientificSpinBox::nextInSeries(1e-3, false) == Approx(5e-4));
    CHECK(ScientificSpinBox::nextInSeries(3e-4, true) == Approx(5e-4));
    CHECK(ScientificSpinBox::nextInSeries(5e-4, true) == Approx(1e-3));

    ScientificSpinBox box;
    box.setLocale(QLocale(QLocale::English, QLocale::UnitedStates));
    box.setValue(1e-3);
    QTest::keyClick(&box, Qt::Key_Down);
    CHECK(box.value() == Approx(5e-4));
    box.setValue(1e-5);
    CHECK(box.text() == QStringLiteral("1e-5"));
    type_into(&box, QStringLiteral("0.00025"));
    CHECK(box.value() == Approx(2.5e-4));
    QString text = QStringLiteral("1e-");
    int pos = 3;
    CHECK(box.validate(text, pos) == QValidator::Intermediate);
    text = QStringLiteral("abc");
    CHECK(box.validate(text, pos) == QValidator::Invalid);
}

TEST_CASE("every training setting explains itself in a tooltip", "[gui]") {
    auto panel = new_panel();
    for (const char* name :
         {"inputDim", "latentDim",       "hidden",    "activation",  "likelihood",   "beta",
          "warmup",   "freeBits",        "epochs",    "batchSize",   "learningRate", "seed",
          "threads",  "validationSplit", "optimizer", "weightDecay", "clipNorm",     "schedule",
          "sigma",    "maxRollbacks",    "start",     "pause",       "stop",         "advanced"}) {
        INFO(name);
        CHECK(child<QWidget>(*panel, name)->toolTip().size() > 40);
    }
    CHECK(
        child<QWidget>(*panel, "warmup")->toolTip().contains(QStringLiteral("posterior collapse")));
    CHECK(child<QWidget>(*panel, "likelihood")->toolTip().contains(QStringLiteral("[0, 1]")));
}

TEST_CASE("the advanced settings open and close from their header", "[gui]") {
    auto panel = new_panel();
    auto* split = child<QWidget>(*panel, "validationSplit");
    CHECK_FALSE(panel->advancedShown());
    CHECK_FALSE(split->isVisibleTo(panel.get()));
    QTest::mouseClick(child<QToolButton>(*panel, "advanced"), Qt::LeftButton);
    CHECK(panel->advancedShown());
    CHECK(split->isVisibleTo(panel.get()));
    QTest::mouseClick(child<QToolButton>(*panel, "advanced"), Qt::LeftButton);
    CHECK_FALSE(split->isVisibleTo(panel.get()));
}

TEST_CASE("the sample-quality fixes reach the training config and explain their purpose", "[gui]") {
    auto panel = new_panel();
    panel->setDataset(sprite_images());
    auto* schedule = child<QComboBox>(*panel, "warmupSchedule");
    auto* cycle = child<QDoubleSpinBox>(*panel, "cycleEpochs");
    auto* ratio = child<QDoubleSpinBox>(*panel, "cycleRatio");
    auto* gan_lr = child<QDoubleSpinBox>(*panel, "ganLearningRate");
    // Linear by default: the cycle settings and the discriminator's rate are greyed.
    CHECK(panel->config().warmup_schedule == vae::WarmupSchedule::Linear);
    CHECK_FALSE(cycle->isEnabled());
    CHECK_FALSE(ratio->isEnabled());
    CHECK_FALSE(gan_lr->isEnabled());
    CHECK(child<QWidget>(*panel, "warmup")->isEnabled());

    schedule->setCurrentIndex(schedule->findData(static_cast<int>(vae::WarmupSchedule::Cyclical)));
    CHECK(cycle->isEnabled());
    CHECK(ratio->isEnabled());
    CHECK_FALSE(child<QWidget>(*panel, "warmup")->isEnabled()); // the linear ramp's length
    type_into(cycle, QStringLiteral("3"));
    type_into(ratio, QStringLiteral("0.25"));
    type_into(child<QDoubleSpinBox>(*panel, "mmdWeight"), QStringLiteral("250"));
    type_into(child<QDoubleSpinBox>(*panel, "ganWeight"), QStringLiteral("0.05"));
    type_into(child<QDoubleSpinBox>(*panel, "featureMatching"), QStringLiteral("0.5"));
    CHECK(gan_lr->isEnabled());
    type_into(gan_lr, QStringLiteral("1e-4"));

    vae::TrainingConfig c = panel->config();
    CHECK(c.warmup_schedule == vae::WarmupSchedule::Cyclical);
    CHECK(c.cycle_epochs == Approx(3.0));
    CHECK(c.cycle_ratio == Approx(0.25));
    CHECK(c.mmd_weight == Approx(250.0f));
    CHECK(c.gan_weight == Approx(0.05f));
    CHECK(c.feature_matching == Approx(0.5f));
    CHECK(c.gan_learning_rate == Approx(1e-4f));
    CHECK(c.gan_enabled());
    CHECK(panel->problem().isEmpty());

    // setConfig shows them, and config() gives them back.
    c.mmd_weight = 10.0f;
    c.gan_weight = 0.0f;
    c.feature_matching = 0.0f;
    c.warmup_schedule = vae::WarmupSchedule::Linear;
    panel->setConfig(c);
    const vae::TrainingConfig back = panel->config();
    CHECK(back.mmd_weight == Approx(10.0f));
    CHECK_FALSE(back.gan_enabled());
    CHECK(back.warmup_schedule == vae::WarmupSchedule::Linear);
    CHECK(back.cycle_epochs == Approx(3.0));
    CHECK_FALSE(gan_lr->isEnabled());

    // Each says which sample-quality problem it is for.
    CHECK(child<QWidget>(*panel, "mmdWeight")->toolTip().contains(QStringLiteral("inconsistency")));
    CHECK(child<QWidget>(*panel, "ganWeight")->toolTip().contains(QStringLiteral("blur")));
    CHECK(child<QWidget>(*panel, "featureMatching")->toolTip().contains(QStringLiteral("blur")));
    CHECK(child<QWidget>(*panel, "warmupSchedule")->toolTip().contains(QStringLiteral("repeat")));

    // Locked while a run goes on, like every setting that is not live.
    panel->setRunState(RunState::Running);
    for (const char* name : {"warmupSchedule", "mmdWeight", "ganWeight", "featureMatching"}) {
        INFO(name);
        CHECK_FALSE(child<QWidget>(*panel, name)->isEnabled());
    }
}
