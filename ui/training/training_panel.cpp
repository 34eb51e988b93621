#include "ui/training/training_panel.h"

#include "training/training_defaults.h"
#include "ui/widgets/scientific_spin_box.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QStyle>
#include <QThread>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <QValidator>

#include <algorithm>
#include <climits>
#include <cmath>

namespace vae::ui {
namespace {

constexpr int kMaxHiddenWidth = 16384;
constexpr std::size_t kMaxHiddenLayers = 16;
/// Weight of the newest metrics sample in the smoothed seconds per step: a sample covers
/// metrics_every steps, so this follows speed changes within a few hundred steps.
constexpr double kRateSmoothing = 0.3;

QString translate(const char* text) {
    return QCoreApplication::translate("vae::ui::TrainingPanel", text);
}

/// Rich text, so that Qt wraps long tooltips instead of showing one screen-wide line.
QString tip(const QString& text) {
    return QStringLiteral("<p>") + text.toHtmlEscaped() + QStringLiteral("</p>");
}

int to_int(std::size_t v) {
    return static_cast<int>(std::min<std::size_t>(v, INT_MAX));
}

QString likelihood_label(Likelihood l) {
    switch (l) {
    case Likelihood::Bernoulli:
        return translate("Bernoulli");
    case Likelihood::GaussianFixed:
        return translate("Gaussian, fixed σ");
    case Likelihood::GaussianLearned:
        return translate("Gaussian, learned σ");
    case Likelihood::GaussianLearnedPerDim:
        return translate("Gaussian, σ per dim");
    }
    return {};
}

/// Never rejects a keystroke: a half-typed or wrong list is Intermediate, and the panel says
/// under the form what is wrong with it, which helps more than a key that does nothing.
class HiddenLayersValidator : public QValidator {
public:
    using QValidator::QValidator;
    State validate(QString& text, int& /*pos*/) const override {
        const auto widths = parse_hidden_layers(text);
        if (!widths || widths->size() > kMaxHiddenLayers)
            return Intermediate;
        const bool in_range = std::all_of(widths->begin(), widths->end(), [](std::size_t w) {
            return w >= 1 && w <= static_cast<std::size_t>(kMaxHiddenWidth);
        });
        return in_range ? Acceptable : Intermediate;
    }
};

QString hidden_text(const std::vector<std::size_t>& widths) {
    QStringList parts;
    for (const auto w : widths)
        parts << QString::number(w);
    return parts.join(QStringLiteral(", "));
}

QFormLayout* new_form(QWidget* parent) {
    auto* form = new QFormLayout(parent);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    form->setLabelAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    return form;
}

/// A labelled row whose label and field share the tooltip, and whose label follows the field's
/// enabled state (see TrainingPanel::updateControls).
void add_row(QFormLayout* form, const QString& label, QWidget* field, const char* name,
             const QString& tooltip) {
    field->setObjectName(QString::fromLatin1(name));
    field->setToolTip(tip(tooltip));
    auto* l = new QLabel(label);
    l->setToolTip(field->toolTip());
    l->setBuddy(field);
    form->addRow(l, field);
}

void select_data(QComboBox* box, int value) {
    const int i = box->findData(value);
    if (i >= 0)
        box->setCurrentIndex(i);
}

/// 31,234 -> "31,200": three significant digits are all a rate that jitters deserves.
QString format_rate(double per_second, const QLocale& locale) {
    if (!(per_second > 0.0) || !std::isfinite(per_second))
        return QStringLiteral("0");
    const double magnitude = std::pow(10.0, std::floor(std::log10(per_second)) - 2.0);
    const double rounded = std::round(per_second / magnitude) * magnitude;
    if (rounded >= 100.0)
        return locale.toString(static_cast<qlonglong>(std::llround(rounded)));
    return locale.toString(rounded, 'g', 3);
}

} // namespace

std::optional<std::vector<std::size_t>> parse_hidden_layers(const QString& text, QString* error) {
    static const QRegularExpression separators(QStringLiteral("[,;\\s]+"));
    std::vector<std::size_t> widths;
    for (const QString& part : text.split(separators, Qt::SkipEmptyParts)) {
        bool ok = false;
        const qulonglong w = part.toULongLong(&ok);
        if (!ok) {
            if (error)
                *error = translate("hidden layers: '%1' is not a width").arg(part);
            return std::nullopt;
        }
        widths.push_back(static_cast<std::size_t>(w));
    }
    return widths;
}

QString format_duration(double seconds) {
    const long long s = std::llround(std::max(0.0, seconds));
    if (s < 60)
        return translate("%1 s").arg(s);
    if (s < 3600)
        return translate("%1 min %2 s").arg(s / 60).arg(s % 60);
    return translate("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

TrainingPanel::TrainingPanel(QWidget* parent) : QWidget(parent) {
    auto* content = new QWidget;
    auto* column = new QVBoxLayout(content);
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(buildModelGroup());
    column->addWidget(buildObjectiveGroup());
    column->addWidget(buildOptimisationGroup());
    column->addWidget(buildAdvancedGroup());
    problem_ = new QLabel;
    problem_->setObjectName(QStringLiteral("problem"));
    problem_->setWordWrap(true);
    problem_->setStyleSheet(QStringLiteral("color: #d32f2f;"));
    problem_->hide();
    column->addWidget(problem_);
    locked_note_ = new QLabel(tr("While training, only β, warm-up and learning rate can change."));
    locked_note_->setWordWrap(true);
    locked_note_->setEnabled(false); // greyed: a remark, not a control
    locked_note_->hide();
    column->addWidget(locked_note_);
    column->addStretch(1);

    // The form scrolls when the dock is short; the run controls below it stay in view.
    auto* scroll = new QScrollArea;
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(content->minimumSizeHint().width() +
                            scroll->verticalScrollBar()->sizeHint().width());

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(scroll, 1);
    layout->addWidget(buildRunControls());

    live_timer_ = new QTimer(this);
    live_timer_->setSingleShot(true);
    live_timer_->setInterval(kLiveEditDelayMs);
    connect(live_timer_, &QTimer::timeout, this, &TrainingPanel::sendLiveSettings);

    const TrainingConfig defaults; // a named value: g++ 12 misreads the temporary's vectors
    setConfig(defaults);
    setAutoLikelihood(true);
    setDataset(nullptr);
}

TrainingPanel::~TrainingPanel() = default;

QWidget* TrainingPanel::buildModelGroup() {
    auto* box = new QGroupBox(tr("Model"));
    auto* form = new_form(box);

    input_ = new QLabel;
    input_->setWordWrap(true);
    add_row(form, tr("Input"), input_, "inputDim",
            tr("Values per sample, from the loaded dataset. The encoder reads this many inputs "
               "and the decoder reproduces them; whether they all lie in [0, 1] decides the "
               "automatic likelihood."));

    latent_ = new QSpinBox;
    latent_->setRange(1, 64);
    add_row(form, tr("Latent dim"), latent_, "latentDim",
            tr("Size of the code z each sample is compressed to (1 to 64). 2 can be plotted "
               "directly; 8 to 32 reconstructs better but needs a projection to look at."));

    hidden_ = new QLineEdit;
    hidden_->setValidator(new HiddenLayersValidator(hidden_));
    hidden_->setPlaceholderText(tr("none (linear)"));
    add_row(form, tr("Hidden layers"), hidden_, "hidden",
            tr("Widths of the encoder's hidden layers from the input side, e.g. \"512, 256\"; "
               "the decoder mirrors them. Empty gives a linear model. Wider and deeper fits more "
               "detail but trains slower and can over-fit. Up to 16 layers of 1 to 16384."));

    activation_ = new QComboBox;
    activation_->addItem(tr("ReLU"), static_cast<int>(Activation::ReLU));
    activation_->addItem(tr("Leaky ReLU"), static_cast<int>(Activation::LeakyReLU));
    activation_->addItem(tr("ELU"), static_cast<int>(Activation::ELU));
    activation_->addItem(tr("SiLU (swish)"), static_cast<int>(Activation::SiLU));
    activation_->addItem(tr("tanh"), static_cast<int>(Activation::Tanh));
    activation_->addItem(tr("sigmoid"), static_cast<int>(Activation::Sigmoid));
    add_row(form, tr("Activation"), activation_, "activation",
            tr("Nonlinearity after each hidden layer. ReLU is a solid default; ELU and SiLU are "
               "smooth and can help deep or narrow networks; tanh and sigmoid saturate and "
               "train slower."));

    likelihood_ = new QComboBox;
    likelihood_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    likelihood_->setMinimumContentsLength(12);
    likelihood_->addItem(QString(), -1); // "Auto: …", filled in by updateAutoLikelihoodText
    for (const auto l : {Likelihood::Bernoulli, Likelihood::GaussianFixed,
                         Likelihood::GaussianLearned, Likelihood::GaussianLearnedPerDim})
        likelihood_->addItem(likelihood_label(l), static_cast<int>(l));
    add_row(form, tr("Likelihood"), likelihood_, "likelihood",
            tr("How a reconstruction is scored against the data. Bernoulli suits values in "
               "[0, 1] such as image intensities or binary data. Gaussian suits real-valued "
               "tables: a fixed σ acts as a hidden weight of reconstruction against KL, a "
               "learned σ is calibrated to the model's own error so β keeps its meaning, and a "
               "σ per dimension lets noisy columns count less. Auto picks Bernoulli when every "
               "value lies in [0, 1], else a learned Gaussian."));

    connect(latent_, &QSpinBox::valueChanged, this, &TrainingPanel::onSettingsEdited);
    connect(hidden_, &QLineEdit::textChanged, this, &TrainingPanel::onSettingsEdited);
    connect(hidden_, &QLineEdit::editingFinished, this, [this] {
        // Only sent for acceptable text: show it the one way it is written elsewhere.
        if (const auto widths = parse_hidden_layers(hidden_->text()))
            hidden_->setText(hidden_text(*widths));
    });
    connect(activation_, &QComboBox::currentIndexChanged, this, &TrainingPanel::onSettingsEdited);
    connect(likelihood_, &QComboBox::currentIndexChanged, this, &TrainingPanel::onSettingsEdited);
    return box;
}

QWidget* TrainingPanel::buildObjectiveGroup() {
    auto* box = new QGroupBox(tr("Objective"));
    auto* form = new_form(box);

    beta_ = new QDoubleSpinBox;
    beta_->setRange(0.0, 1000.0);
    beta_->setDecimals(3);
    beta_->setSingleStep(0.1);
    add_row(form, tr("β (KL weight)"), beta_, "beta",
            tr("Weight of the KL term that pulls each code towards the N(0, I) prior. Below 1: "
               "sharper reconstructions, a less regular latent space. Above 1: smoother, more "
               "disentangled latents and blurrier reconstructions. Can be changed during a "
               "run."));

    warmup_ = new QSpinBox;
    warmup_->setRange(0, 100000);
    warmup_->setSpecialValueText(tr("Off"));
    warmup_->setSuffix(tr(" epochs"));
    add_row(form, tr("KL warm-up"), warmup_, "warmup",
            tr("Raise the KL weight linearly from 0 to β over this many epochs. The decoder "
               "first learns to use the code, which guards against posterior collapse (latent "
               "dimensions the model stops using). Can be changed during a run."));

    free_bits_ = new QDoubleSpinBox;
    free_bits_->setRange(0.0, 100.0);
    free_bits_->setDecimals(2);
    free_bits_->setSingleStep(0.1);
    free_bits_->setSpecialValueText(tr("Off"));
    free_bits_->setSuffix(tr(" nats"));
    add_row(form, tr("Free bits"), free_bits_, "freeBits",
            tr("KL allowance per latent dimension, in nats: a dimension's KL below it is not "
               "penalised, so the optimiser has no reason to collapse that dimension onto the "
               "prior. Typical values 0.1 to 1; 0 turns it off."));

    warmup_schedule_ = new QComboBox;
    warmup_schedule_->addItem(tr("Linear"), static_cast<int>(WarmupSchedule::Linear));
    warmup_schedule_->addItem(tr("Cyclical"), static_cast<int>(WarmupSchedule::Cyclical));
    add_row(form, tr("Warm-up schedule"), warmup_schedule_, "warmupSchedule",
            tr("Linear: one ramp of the KL weight over the warm-up epochs. Cyclical (Fu et al. "
               "2019): the ramp repeats every cycle, each time letting the decoder relearn to "
               "use the code; against collapsed latents, whose samples repeat a few average "
               "images."));

    cycle_epochs_ = new QDoubleSpinBox;
    cycle_epochs_->setRange(0.1, 100000.0);
    cycle_epochs_->setDecimals(1);
    cycle_epochs_->setSingleStep(0.5);
    cycle_epochs_->setSuffix(tr(" epochs"));
    add_row(form, tr("Cycle length"), cycle_epochs_, "cycleEpochs",
            tr("Cyclical warm-up: epochs per cycle. Four cycles over the run is the paper's "
               "choice."));

    cycle_ratio_ = new QDoubleSpinBox;
    cycle_ratio_->setRange(0.05, 1.0);
    cycle_ratio_->setDecimals(2);
    cycle_ratio_->setSingleStep(0.05);
    add_row(form, tr("Ramp fraction"), cycle_ratio_, "cycleRatio",
            tr("Cyclical warm-up: the fraction of each cycle over which the KL weight rises from "
               "0 to β; it holds β for the rest of the cycle. 0.5 is the paper's choice."));

    mmd_ = new QDoubleSpinBox;
    mmd_->setRange(0.0, 1000000.0);
    mmd_->setDecimals(1);
    mmd_->setSingleStep(10.0);
    mmd_->setSpecialValueText(tr("Off"));
    add_row(form, tr("MMD weight λ"), mmd_, "mmdWeight",
            tr("InfoVAE / MMD-VAE: penalises the distance (maximum mean discrepancy) between "
               "the codes of the data taken together and the N(0, I) prior. It fills the holes "
               "of the latent space that decode to garbage, so that samples from the prior look "
               "like the data (against inconsistency). Against a reconstruction loss summed over "
               "the pixels, useful weights are 10 to 1000."));

    gan_ = new QDoubleSpinBox;
    gan_->setRange(0.0, 100.0);
    gan_->setDecimals(3);
    gan_->setSingleStep(0.01);
    gan_->setSpecialValueText(tr("Off"));
    add_row(form, tr("GAN weight γ"), gan_, "ganWeight",
            tr("VAE-GAN: a discriminator learns to tell the data from reconstructions and "
               "samples, and the decoder is also trained to fool it. Its images get the texture "
               "and edges a pixel-wise loss averages away (against blur). 0.01 to 0.1 is "
               "stable; larger weights sharpen more and risk artefacts. Costs about twice the "
               "training time."));

    feature_matching_ = new QDoubleSpinBox;
    feature_matching_->setRange(0.0, 100.0);
    feature_matching_->setDecimals(3);
    feature_matching_->setSingleStep(0.1);
    feature_matching_->setSpecialValueText(tr("Off"));
    add_row(form, tr("Feature matching"), feature_matching_, "featureMatching",
            tr("VAE-GAN (Larsen et al. 2016): also reconstruct each sample in the "
               "discriminator's learned features, which tolerate small shifts that a pixel "
               "loss punishes with blur. Trains a discriminator even with the GAN weight off."));

    for (QAbstractSpinBox* live : std::initializer_list<QAbstractSpinBox*>{beta_, warmup_}) {
        // Typed values count when the edit is finished, not at every keystroke.
        live->setKeyboardTracking(false);
        connect(live, &QAbstractSpinBox::editingFinished, this, &TrainingPanel::sendLiveSettings);
    }
    connect(beta_, &QDoubleSpinBox::valueChanged, this, &TrainingPanel::onLiveEdited);
    connect(warmup_, &QSpinBox::valueChanged, this, &TrainingPanel::onLiveEdited);
    connect(free_bits_, &QDoubleSpinBox::valueChanged, this, &TrainingPanel::onSettingsEdited);
    connect(warmup_schedule_, &QComboBox::currentIndexChanged, this,
            &TrainingPanel::onSettingsEdited);
    for (QDoubleSpinBox* box : {cycle_epochs_, cycle_ratio_, mmd_, gan_, feature_matching_})
        connect(box, &QDoubleSpinBox::valueChanged, this, &TrainingPanel::onSettingsEdited);
    return box;
}

QWidget* TrainingPanel::buildOptimisationGroup() {
    auto* box = new QGroupBox(tr("Optimisation"));
    auto* form = new_form(box);

    epochs_ = new QSpinBox;
    epochs_->setRange(1, 1000000);
    add_row(form, tr("Epochs"), epochs_, "epochs",
            tr("Passes over the training rows. More epochs fit better until the validation "
               "ELBO stops improving."));

    batch_ = new QSpinBox;
    batch_->setRange(1, 65536);
    add_row(form, tr("Batch size"), batch_, "batchSize",
            tr("Samples per gradient step (1 to 65536). Larger batches process more samples "
               "per second and give smoother gradients but fewer steps per epoch; a larger "
               "batch usually wants a larger learning rate."));

    learning_rate_ = new ScientificSpinBox;
    learning_rate_->setKeyboardTracking(false);
    add_row(form, tr("Learning rate"), learning_rate_, "learningRate",
            tr("Step size of the optimiser (the starting rate under a schedule). 1e-3 suits "
               "Adam on most data; lower it when the loss jumps or the run diverges. Type "
               "0.0001 or 1e-4; the arrows step through 1, 2, 5 × 10ⁿ. Can be changed during "
               "a run."));

    seed_ = new QDoubleSpinBox; // whole numbers beyond the 2^31 of a QSpinBox
    seed_->setDecimals(0);
    seed_->setRange(0.0, 9.0e15);
    add_row(form, tr("Seed"), seed_, "seed",
            tr("Seeds the initial weights, the validation split, the shuffling and the sampling "
               "noise: the same data, settings, seed and thread count give the same run."));

    threads_ = new QSpinBox;
    threads_->setRange(0, 256);
    threads_->setSpecialValueText(tr("All cores (%1)").arg(QThread::idealThreadCount()));
    add_row(form, tr("Threads"), threads_, "threads",
            tr("CPU threads to train with. All cores is fastest; fewer keep the computer "
               "responsive for other work. The thread count is part of what makes a run "
               "repeatable."));

    connect(learning_rate_, &QAbstractSpinBox::editingFinished, this,
            &TrainingPanel::sendLiveSettings);
    connect(learning_rate_, &QDoubleSpinBox::valueChanged, this, &TrainingPanel::onLiveEdited);
    connect(epochs_, &QSpinBox::valueChanged, this, &TrainingPanel::onSettingsEdited);
    connect(batch_, &QSpinBox::valueChanged, this, &TrainingPanel::onSettingsEdited);
    connect(seed_, &QDoubleSpinBox::valueChanged, this, &TrainingPanel::onSettingsEdited);
    connect(threads_, &QSpinBox::valueChanged, this, &TrainingPanel::onSettingsEdited);
    return box;
}

QWidget* TrainingPanel::buildAdvancedGroup() {
    auto* box = new QWidget;
    auto* column = new QVBoxLayout(box);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    advanced_toggle_ = new QToolButton;
    advanced_toggle_->setObjectName(QStringLiteral("advanced"));
    advanced_toggle_->setText(tr("Advanced"));
    advanced_toggle_->setAutoRaise(true);
    advanced_toggle_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    advanced_toggle_->setArrowType(Qt::RightArrow);
    advanced_toggle_->setToolTip(tip(tr("Validation split, optimiser, gradient clipping, "
                                        "learning-rate schedule, Gaussian σ and rollbacks.")));
    column->addWidget(advanced_toggle_);

    advanced_ = new QGroupBox;
    advanced_->setObjectName(QStringLiteral("advancedOptions"));
    auto* form = new_form(advanced_);

    validation_ = new QDoubleSpinBox;
    validation_->setRange(0.0, 90.0);
    validation_->setDecimals(0);
    validation_->setSingleStep(5.0);
    validation_->setSuffix(tr(" %"));
    validation_->setSpecialValueText(tr("None"));
    add_row(form, tr("Validation"), validation_, "validationSplit",
            tr("Share of rows held out and never trained on. Their ELBO after each epoch shows "
               "over-fitting; 0 trains on every row."));

    optimizer_ = new QComboBox;
    optimizer_->addItem(tr("Adam"), static_cast<int>(OptimizerKind::Adam));
    optimizer_->addItem(tr("AdamW"), static_cast<int>(OptimizerKind::AdamW));
    add_row(form, tr("Optimiser"), optimizer_, "optimizer",
            tr("Adam is the usual choice. AdamW applies weight decay to the weights directly "
               "instead of through the gradient, which regularises more predictably."));

    weight_decay_ = new QDoubleSpinBox;
    weight_decay_->setRange(0.0, 1.0);
    weight_decay_->setDecimals(5);
    weight_decay_->setSingleStep(0.001);
    weight_decay_->setSpecialValueText(tr("Off"));
    add_row(form, tr("Weight decay"), weight_decay_, "weightDecay",
            tr("AdamW only: shrinks every weight towards zero at each step. Values from 1e-4 "
               "to 1e-2 curb over-fitting on small datasets."));

    clip_ = new QDoubleSpinBox;
    clip_->setRange(0.0, 1.0e6);
    clip_->setDecimals(2);
    clip_->setSingleStep(0.5);
    clip_->setSpecialValueText(tr("Off"));
    add_row(form, tr("Gradient clip"), clip_, "clipNorm",
            tr("Rescales the gradient when its global norm exceeds this value, so that one bad "
               "batch cannot wreck the weights. 0 turns it off; 1 to 10 is typical."));

    schedule_ = new QComboBox;
    schedule_->addItem(tr("Constant"), static_cast<int>(LrSchedule::Constant));
    schedule_->addItem(tr("Cosine decay"), static_cast<int>(LrSchedule::Cosine));
    add_row(form, tr("LR schedule"), schedule_, "schedule",
            tr("Constant keeps the learning rate. Cosine lowers it smoothly to zero by the last "
               "step, which often settles in a slightly better optimum."));

    sigma_ = new QDoubleSpinBox;
    sigma_->setRange(0.001, 1000.0);
    sigma_->setDecimals(3);
    sigma_->setSingleStep(0.05);
    add_row(form, tr("Gaussian σ"), sigma_, "sigma",
            tr("Standard deviation of the Gaussian likelihood: fixed for \"Gaussian, fixed σ\", "
               "the starting value when σ is learned. A smaller σ weights reconstruction more "
               "against KL. Not used by Bernoulli."));

    gan_learning_rate_ = new ScientificSpinBox;
    gan_learning_rate_->setKeyboardTracking(false);
    add_row(form, tr("Discriminator LR"), gan_learning_rate_, "ganLearningRate",
            tr("VAE-GAN: learning rate of the discriminator's own Adam optimiser (momentum 0.5, "
               "as GANs are usually trained). 2e-4 is the usual choice; a discriminator that "
               "wins too easily (D(x̃) near 0) gives the decoder little to learn from."));
    connect(gan_learning_rate_, &ScientificSpinBox::valueChanged, this,
            &TrainingPanel::onSettingsEdited);

    rollbacks_ = new QSpinBox;
    rollbacks_->setRange(0, 100);
    add_row(form, tr("Rollbacks"), rollbacks_, "maxRollbacks",
            tr("When the loss or gradient stops being finite, training goes back to the last "
               "good weights and halves the learning rate. After this many rollbacks the run "
               "stops as diverged."));

    advanced_->hide();
    column->addWidget(advanced_);
    // Not a checkable button: a checked tool button is drawn pressed, which reads as a mode
    // rather than as a section header.
    connect(advanced_toggle_, &QToolButton::clicked, this,
            [this] { setAdvancedShown(!advancedShown()); });
    connect(validation_, &QDoubleSpinBox::valueChanged, this, &TrainingPanel::onSettingsEdited);
    connect(optimizer_, &QComboBox::currentIndexChanged, this, &TrainingPanel::onSettingsEdited);
    connect(weight_decay_, &QDoubleSpinBox::valueChanged, this, &TrainingPanel::onSettingsEdited);
    connect(clip_, &QDoubleSpinBox::valueChanged, this, &TrainingPanel::onSettingsEdited);
    connect(schedule_, &QComboBox::currentIndexChanged, this, &TrainingPanel::onSettingsEdited);
    connect(sigma_, &QDoubleSpinBox::valueChanged, this, &TrainingPanel::onSettingsEdited);
    connect(rollbacks_, &QSpinBox::valueChanged, this, &TrainingPanel::onSettingsEdited);
    return box;
}

QWidget* TrainingPanel::buildRunControls() {
    auto* box = new QWidget;
    auto* column = new QVBoxLayout(box);
    column->setContentsMargins(0, 0, 0, 0);
    auto* buttons = new QHBoxLayout;
    start_ = new QPushButton(style()->standardIcon(QStyle::SP_MediaPlay), tr("Start"));
    start_->setObjectName(QStringLiteral("start"));
    start_->setToolTip(tip(tr("Train a new model on the loaded dataset with these settings.")));
    pause_ = new QPushButton(style()->standardIcon(QStyle::SP_MediaPause), tr("Pause"));
    pause_->setObjectName(QStringLiteral("pause"));
    pause_->setToolTip(tip(tr("Hold the run after the current step; Resume goes on from there. "
                              "β, warm-up and learning rate can be changed meanwhile.")));
    stop_ = new QPushButton(style()->standardIcon(QStyle::SP_MediaStop), tr("Stop"));
    stop_->setObjectName(QStringLiteral("stop"));
    stop_->setToolTip(tip(tr("End the run after the current step, keeping what it has "
                             "trained so far.")));
    for (QPushButton* b : {start_, pause_, stop_})
        buttons->addWidget(b);
    column->addLayout(buttons);

    progress_ = new QProgressBar;
    progress_->setObjectName(QStringLiteral("progress"));
    progress_->setRange(0, 1);
    progress_->setValue(0);
    column->addWidget(progress_);

    status_ = new QLabel;
    status_->setObjectName(QStringLiteral("status"));
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Room for two lines, so that the panel does not jump when the text wraps.
    status_->setMinimumHeight(2 * status_->fontMetrics().lineSpacing());
    status_->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    column->addWidget(status_);

    connect(start_, &QPushButton::clicked, this, &TrainingPanel::startRequested);
    connect(pause_, &QPushButton::clicked, this, &TrainingPanel::onPauseClicked);
    connect(stop_, &QPushButton::clicked, this, &TrainingPanel::stopRequested);
    return box;
}

bool TrainingPanel::advancedShown() const {
    return !advanced_->isHidden();
}

void TrainingPanel::setAdvancedShown(bool shown) {
    advanced_->setVisible(shown);
    advanced_toggle_->setArrowType(shown ? Qt::DownArrow : Qt::RightArrow);
}

void TrainingPanel::setDataset(std::shared_ptr<const Dataset> data) {
    data_ = std::move(data);
    data_likelihood_.reset();
    if (data_)
        data_likelihood_ = default_likelihood(*data_);
    updateAutoLikelihoodText();
    if (state_ == RunState::Idle) {
        progress_->setRange(0, 1);
        progress_->setValue(0);
        status_->setText(data_ ? tr("Ready to train.") : tr("Load a dataset to train."));
    }
    updateControls();
}

void TrainingPanel::updateAutoLikelihoodText() {
    if (!data_) {
        input_->setText(tr("no dataset"));
        likelihood_->setItemText(0, tr("Auto (from the data)"));
        likelihood_->setItemData(0, QVariant(), Qt::ToolTipRole);
        return;
    }
    const bool unit_range = *data_likelihood_ == Likelihood::Bernoulli;
    const QString cols = locale().toString(static_cast<qulonglong>(data_->cols()));
    input_->setText(unit_range ? tr("%1 values, all in [0, 1]").arg(cols)
                               : tr("%1 values, not all in [0, 1]").arg(cols));
    likelihood_->setItemText(0, tr("Auto: %1").arg(likelihood_label(*data_likelihood_)));
    likelihood_->setItemData(
        0,
        unit_range ? tr("Bernoulli, because every value lies in [0, 1]")
                   : tr("Gaussian with learned σ, because some values lie outside [0, 1]"),
        Qt::ToolTipRole);
}

Likelihood TrainingPanel::likelihood() const {
    const int chosen = likelihood_->currentData().toInt();
    if (chosen < 0)
        return data_likelihood_.value_or(VaeArchitecture{}.likelihood);
    return static_cast<Likelihood>(chosen);
}

bool TrainingPanel::autoLikelihood() const {
    return likelihood_->currentData().toInt() < 0;
}

void TrainingPanel::setAutoLikelihood(bool on) {
    const Likelihood current = likelihood();
    select_data(likelihood_, on ? -1 : static_cast<int>(current));
}

bool TrainingPanel::cyclical() const {
    return warmup_schedule_->currentData().toInt() == static_cast<int>(WarmupSchedule::Cyclical);
}

TrainingConfig TrainingPanel::config() const {
    TrainingConfig c = base_;
    auto& a = c.architecture;
    a.input_dim = data_ ? data_->cols() : 0;
    a.latent_dim = static_cast<std::size_t>(latent_->value());
    if (const auto widths = parse_hidden_layers(hidden_->text()))
        a.hidden = *widths;
    a.activation = static_cast<Activation>(activation_->currentData().toInt());
    a.likelihood = likelihood();
    a.sigma = static_cast<float>(sigma_->value());
    c.beta = static_cast<float>(beta_->value());
    c.warmup_epochs = static_cast<std::size_t>(warmup_->value());
    c.free_bits = static_cast<float>(free_bits_->value());
    c.warmup_schedule = static_cast<WarmupSchedule>(warmup_schedule_->currentData().toInt());
    c.cycle_epochs = cycle_epochs_->value();
    c.cycle_ratio = cycle_ratio_->value();
    c.mmd_weight = static_cast<float>(mmd_->value());
    c.gan_weight = static_cast<float>(gan_->value());
    c.feature_matching = static_cast<float>(feature_matching_->value());
    c.gan_learning_rate = static_cast<float>(gan_learning_rate_->value());
    c.epochs = static_cast<std::size_t>(epochs_->value());
    c.batch_size = static_cast<std::size_t>(batch_->value());
    c.learning_rate = static_cast<float>(learning_rate_->value());
    c.optimizer = static_cast<OptimizerKind>(optimizer_->currentData().toInt());
    c.weight_decay = static_cast<float>(weight_decay_->value());
    c.clip_norm = static_cast<float>(clip_->value());
    c.schedule = static_cast<LrSchedule>(schedule_->currentData().toInt());
    c.seed = static_cast<std::uint64_t>(seed_->value());
    c.threads = threads_->value();
    c.validation_split = validation_->value() / 100.0;
    c.max_rollbacks = rollbacks_->value();
    return c;
}

void TrainingPanel::setConfig(const TrainingConfig& c) {
    applying_ = true;
    base_ = c;
    const auto& a = c.architecture;
    latent_->setValue(to_int(a.latent_dim));
    hidden_->setText(hidden_text(a.hidden));
    select_data(activation_, static_cast<int>(a.activation));
    select_data(likelihood_, static_cast<int>(a.likelihood));
    sigma_->setValue(a.sigma);
    beta_->setValue(c.beta);
    warmup_->setValue(to_int(c.warmup_epochs));
    free_bits_->setValue(c.free_bits);
    select_data(warmup_schedule_, static_cast<int>(c.warmup_schedule));
    cycle_epochs_->setValue(c.cycle_epochs);
    cycle_ratio_->setValue(c.cycle_ratio);
    mmd_->setValue(c.mmd_weight);
    gan_->setValue(c.gan_weight);
    feature_matching_->setValue(c.feature_matching);
    gan_learning_rate_->setValue(c.gan_learning_rate);
    epochs_->setValue(to_int(c.epochs));
    batch_->setValue(to_int(c.batch_size));
    learning_rate_->setValue(c.learning_rate);
    select_data(optimizer_, static_cast<int>(c.optimizer));
    weight_decay_->setValue(c.weight_decay);
    clip_->setValue(c.clip_norm);
    select_data(schedule_, static_cast<int>(c.schedule));
    seed_->setValue(static_cast<double>(c.seed));
    threads_->setValue(c.threads);
    validation_->setValue(c.validation_split * 100.0);
    rollbacks_->setValue(c.max_rollbacks);
    applying_ = false;
    live_timer_->stop();
    updateControls();
}

LiveSettings TrainingPanel::liveSettings() const {
    LiveSettings s;
    s.beta = static_cast<float>(beta_->value());
    s.learning_rate = static_cast<float>(learning_rate_->value());
    s.warmup_epochs = static_cast<std::size_t>(warmup_->value());
    return s;
}

QString TrainingPanel::problem() const {
    QString error;
    if (!parse_hidden_layers(hidden_->text(), &error))
        return error;
    return QString::fromStdString(validate(config()));
}

void TrainingPanel::onSettingsEdited() {
    if (applying_)
        return;
    updateControls();
    emit settingsEdited();
}

void TrainingPanel::onLiveEdited() {
    if (applying_)
        return;
    updateControls();
    emit settingsEdited();
    if (state_ == RunState::Running || state_ == RunState::Paused)
        live_timer_->start(); // restarts: the change goes out once the clicks stop
}

void TrainingPanel::sendLiveSettings() {
    live_timer_->stop();
    if (state_ != RunState::Running && state_ != RunState::Paused)
        return;
    const LiveSettings s = liveSettings();
    if (s == sent_live_ || !live_settings_error(s).empty())
        return;
    sent_live_ = s;
    emit liveSettingsChanged(s);
}

void TrainingPanel::onPauseClicked() {
    if (state_ == RunState::Running)
        emit pauseRequested();
    else if (state_ == RunState::Paused)
        emit resumeRequested();
}

void TrainingPanel::setRunState(RunState state) {
    const auto is_live = [](RunState s) { return s == RunState::Running || s == RunState::Paused; };
    if (is_live(state) && !is_live(state_)) {
        sent_live_ = liveSettings();
        run_epochs_ = static_cast<std::size_t>(epochs_->value());
        run_batch_ = static_cast<std::size_t>(batch_->value());
        seconds_per_step_ = 0.0;
        progress_->setRange(0, 1);
        progress_->setValue(0);
        status_->setText(tr("Starting…"));
    }
    if (!is_live(state))
        live_timer_->stop(); // a change that has not gone out would reach no run
    state_ = state;
    updateControls();
}

void TrainingPanel::updateControls() {
    const QString p = problem();
    problem_->setText(p.isEmpty() ? QString() : p.left(1).toUpper() + p.mid(1));
    problem_->setVisible(!p.isEmpty());

    const bool idle = state_ == RunState::Idle;
    const bool live = state_ == RunState::Running || state_ == RunState::Paused;
    for (QWidget* w : std::initializer_list<QWidget*>{
             latent_, hidden_, activation_, likelihood_, free_bits_, epochs_, batch_, seed_,
             threads_, validation_, optimizer_, clip_, schedule_, rollbacks_, warmup_schedule_,
             mmd_, gan_, feature_matching_})
        w->setEnabled(idle);
    cycle_epochs_->setEnabled(idle && cyclical());
    cycle_ratio_->setEnabled(idle && cyclical());
    gan_learning_rate_->setEnabled(idle &&
                                   (gan_->value() > 0.0 || feature_matching_->value() > 0.0));
    weight_decay_->setEnabled(idle && optimizer_->currentData().toInt() ==
                                          static_cast<int>(OptimizerKind::AdamW));
    sigma_->setEnabled(idle && likelihood() != Likelihood::Bernoulli);
    for (QWidget* w : std::initializer_list<QWidget*>{beta_, learning_rate_})
        w->setEnabled(idle || live);
    warmup_->setEnabled((idle || live) && !cyclical()); // the cyclical schedule ignores it
    for (QLabel* label : findChildren<QLabel*>())
        if (label->buddy())
            label->setEnabled(label->buddy()->isEnabled());
    input_->setEnabled(true); // read-only information, never greyed
    locked_note_->setVisible(live);

    start_->setEnabled(idle && data_ && p.isEmpty());
    pause_->setEnabled(live);
    pause_->setText(state_ == RunState::Paused ? tr("Resume") : tr("Pause"));
    pause_->setIcon(style()->standardIcon(state_ == RunState::Paused ? QStyle::SP_MediaPlay
                                                                     : QStyle::SP_MediaPause));
    stop_->setEnabled(live);
}

void TrainingPanel::showProgress(const MetricsSample& latest) {
    const std::size_t batch =
        run_batch_ > 0 ? run_batch_ : static_cast<std::size_t>(batch_->value());
    const std::size_t epochs =
        run_epochs_ > 0 ? run_epochs_ : static_cast<std::size_t>(epochs_->value());
    if (latest.samples_per_sec > 0.0 && std::isfinite(latest.samples_per_sec)) {
        const double per_step = static_cast<double>(batch) / latest.samples_per_sec;
        seconds_per_step_ = seconds_per_step_ > 0.0 ? (1.0 - kRateSmoothing) * seconds_per_step_ +
                                                          kRateSmoothing * per_step
                                                    : per_step;
    }

    const QLocale locale = this->locale();
    const auto number = [&](std::size_t n) { return locale.toString(static_cast<qulonglong>(n)); };
    QStringList position;
    position << tr("Epoch %1 of %2").arg(locale.toString(latest.epoch, 'f', 1), number(epochs));
    if (latest.total_steps > 0) {
        position << tr("step %1 of %2").arg(number(latest.step), number(latest.total_steps));
        // A QProgressBar counts in int; long runs are shown in thousandths instead.
        const bool fits = latest.total_steps <= static_cast<std::size_t>(INT_MAX);
        const double done = std::min(1.0, static_cast<double>(latest.step) /
                                              static_cast<double>(latest.total_steps));
        progress_->setRange(0, fits ? static_cast<int>(latest.total_steps) : 1000);
        progress_->setValue(fits ? static_cast<int>(std::min(latest.step, latest.total_steps))
                                 : static_cast<int>(done * 1000.0));
    } else {
        position << tr("step %1").arg(number(latest.step));
    }
    QStringList speed;
    speed << tr("%1 samples/s").arg(format_rate(latest.samples_per_sec, locale));
    if (seconds_per_step_ > 0.0 && latest.step < latest.total_steps)
        speed << tr("ETA %1").arg(format_duration(
            static_cast<double>(latest.total_steps - latest.step) * seconds_per_step_));
    if (latest.rollbacks > 0)
        speed << (latest.rollbacks == 1 ? tr("1 rollback")
                                        : tr("%1 rollbacks").arg(latest.rollbacks));
    const QString dot = QStringLiteral(" · ");
    status_->setText(position.join(dot) + QLatin1Char('\n') + speed.join(dot));
}

void TrainingPanel::showMessage(const QString& text) {
    status_->setText(text);
}

void TrainingPanel::showFinished(const QString& text, bool completed) {
    if (completed)
        progress_->setValue(progress_->maximum());
    showMessage(text);
}

QString TrainingPanel::statusText() const {
    return status_->text();
}

} // namespace vae::ui
