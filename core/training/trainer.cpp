#include "training/trainer.h"

#include "data/seeded_random.h"
#include "io/number_text.h"
#include "nn/learning_rate_schedule.h"
#include "nn/matrix_ops.h"
#include "nn/worker_pool.h"
#include "training/suggested_fix.h"
#include "training/training_defaults.h"
#include "vae/evaluate_vae.h"
#include "vae/training_step.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>
#include <span>
#include <stdexcept>

namespace vae {
namespace {

using Clock = std::chrono::steady_clock;

// Independent random streams of one seed: the train/validation split and the epoch shuffles.
constexpr std::uint64_t kSplitStream = 1;
constexpr std::uint64_t kShuffleStream = 2;

double seconds_since(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

/// Fisher-Yates with our own generator: std::shuffle's result differs between libraries.
void shuffle_rows(std::vector<std::size_t>& rows, SeededRandom& rng) {
    for (std::size_t i = rows.size(); i > 1; --i)
        std::swap(rows[i - 1], rows[rng.below(i)]);
}

// Metrics averaged over the steps since the last sample.
struct Window {
    double elbo = 0, recon = 0, kl = 0, mmd = 0, grad_norm = 0, seconds = 0;
    double adversarial = 0, matched = 0, d_loss = 0, d_real = 0, d_fake = 0;
    std::size_t steps = 0, samples = 0, clamped_logvar = 0;
    void add(const StepReport& r, std::size_t batch, double step_seconds) {
        clamped_logvar += r.clamped_logvar;
        elbo += r.elbo();
        recon += r.recon;
        kl += r.kl;
        mmd += r.mmd;
        adversarial += r.adversarial;
        matched += r.feature_matching;
        d_loss += r.discriminator_loss;
        d_real += r.d_real;
        d_fake += r.d_fake;
        grad_norm += r.grad_norm;
        seconds += step_seconds;
        ++steps;
        samples += batch;
    }
    /// Writes the regularisers' means over these steps into a MetricsSample or EpochSummary
    /// (both name them alike).
    template <typename Report> void put_regulariser_means(Report& out) const {
        const double k = static_cast<double>(steps);
        out.mmd = mmd / k;
        out.adversarial = adversarial / k;
        out.feature_matching = matched / k;
        out.discriminator_loss = d_loss / k;
        out.d_real = d_real / k;
        out.d_fake = d_fake / k;
    }
};

// Published snapshots and models; the steady-state training loop never allocates for them
// unless a callback asks. Returns false, publishing nothing, when a stop was requested while
// it encoded (it asks before each chunk, so a Stop waits for one chunk at most).
bool publish_snapshot(const VaeModel& model, const Matrix& values,
                      const std::vector<std::size_t>& rows, std::size_t step,
                      const TrainingCallbacks& cb, const TrainingControl& control) {
    if (cb.on_snapshot && !rows.empty()) {
        auto snap = std::make_shared<LatentSnapshot>();
        snap->step = step;
        snap->rows = rows;
        snap->means.resize(static_cast<Eigen::Index>(rows.size()),
                           static_cast<Eigen::Index>(model.latent_dim()));
        VaeWorkspace ws;
        Matrix batch, mean, logvar;
        constexpr std::size_t kChunk = 1000;
        for (std::size_t start = 0; start < rows.size(); start += kChunk) {
            if (control.stop_requested())
                return false;
            const std::size_t n = std::min(kChunk, rows.size() - start);
            gather_rows(values, std::span(rows).subspan(start, n), batch);
            model.encode(batch, ws, mean, logvar);
            snap->means.middleRows(static_cast<Eigen::Index>(start), static_cast<Eigen::Index>(n)) =
                mean;
        }
        cb.on_snapshot(std::move(snap));
    }
    if (cb.on_model)
        cb.on_model(std::make_shared<const VaeModel>(model));
    return true;
}

} // namespace

double kl_weight(double beta, std::size_t warmup_epochs, double epoch) {
    if (warmup_epochs == 0)
        return beta;
    return beta * std::clamp(epoch / static_cast<double>(warmup_epochs), 0.0, 1.0);
}

double cyclical_kl_weight(double beta, double cycle_epochs, double ratio, double epoch) {
    const double t = std::fmod(std::max(epoch, 0.0), cycle_epochs) / cycle_epochs;
    return beta * std::min(1.0, t / ratio);
}

Trainer::Trainer(const Dataset& data, TrainingConfig config,
                 std::shared_ptr<const TrainingState> continue_from)
    : data_(data), config_(std::move(config)), continue_from_(std::move(continue_from)) {
    auto& arch = config_.architecture;
    if (arch.input_dim == 0)
        arch.input_dim = data.cols();
    fit_image_to(arch, data);
    if (arch.input_dim != data.cols())
        throw std::invalid_argument("the model expects " + std::to_string(arch.input_dim) +
                                    " columns but the data has " + std::to_string(data.cols()));
    if (const std::string problem = validate(config_); !problem.empty())
        throw std::invalid_argument(problem);
    const std::size_t n = data.rows();
    if (n < 2)
        throw std::invalid_argument("training needs at least 2 rows of data (got " +
                                    std::to_string(n) + ")");

    if (const TrainingState* state = continue_from_.get()) {
        if (state->data_rows != n)
            throw std::invalid_argument("the run to continue was trained on " +
                                        std::to_string(state->data_rows) +
                                        " rows but this dataset has " + std::to_string(n) +
                                        "; start a new run for other data");
        if (state->epoch >= config_.epochs)
            throw std::invalid_argument("the run to continue has done all " +
                                        std::to_string(config_.epochs) +
                                        " epochs; set more epochs to train on");
        const auto outside = [n](const std::vector<std::size_t>& rows) {
            return std::any_of(rows.begin(), rows.end(), [n](std::size_t r) { return r >= n; });
        };
        if (state->train_rows.empty() || outside(state->train_rows) ||
            outside(state->validation_rows))
            throw std::invalid_argument("the run to continue has no valid split of this data");
        train_rows_ = state->train_rows;
        val_rows_ = state->validation_rows;
    } else {
        split_rows(n);
    }

    // An even stride over the whole dataset: every class shows up in the latent view.
    const std::size_t k = std::min(config_.snapshot_points, n);
    for (std::size_t i = 0; i < k; ++i)
        snapshot_rows_.push_back(i * n / k);
}

void Trainer::split_rows(std::size_t n) {
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    SeededRandom split_rng(config_.seed, kSplitStream);
    shuffle_rows(order, split_rng);
    auto n_val =
        static_cast<std::size_t>(std::floor(static_cast<double>(n) * config_.validation_split));
    n_val = std::min(n_val, n - 1);
    val_rows_.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(n_val));
    train_rows_.assign(order.begin() + static_cast<std::ptrdiff_t>(n_val), order.end());
}

Trainer::~Trainer() = default;

TrainingResult Trainer::run(TrainingControl& control, const TrainingCallbacks& callbacks,
                            const std::shared_ptr<const VaeModel>& initial) {
    const auto started = Clock::now();
    const TrainingConfig& c = config_;
    auto say = [&](const std::string& text) {
        if (callbacks.on_message)
            callbacks.on_message(text);
    };

    TrainingStepConfig step_config;
    step_config.optimizer.weight_decay = c.weight_decay;
    step_config.optimizer.decoupled = c.optimizer == OptimizerKind::AdamW;
    step_config.seed = c.seed;
    step_config.threads =
        c.threads > 0 ? static_cast<std::size_t>(c.threads) : WorkerPool::default_threads();
    if (c.gan_enabled()) {
        step_config.discriminator = DiscriminatorConfig{};
        step_config.discriminator->hidden = discriminator_widths(c);
        // A conv VAE gets a conv discriminator of the encoder's conv layers, which are known
        // to fit the image; its conv features are the ones feature matching compares.
        step_config.discriminator->conv = c.architecture.conv;
    }
    if (initial && !(initial->architecture() == c.architecture))
        throw std::invalid_argument("the model to continue from has a different architecture");
    const TrainingState* state = continue_from_.get();
    TrainingStep trainer(initial ? VaeModel(*initial) : VaeModel(c.architecture, c.seed),
                         step_config);
    if (state) {
        TrainingCheckpoint resumed = state->checkpoint;
        const TrainingCheckpoint fresh = trainer.checkpoint();
        if (initial) // the weights given win over the state's
            resumed.parameters = fresh.parameters;
        if (resumed.discriminator.size() != fresh.discriminator.size()) {
            // A discriminator now that was not there (or another one): it starts afresh.
            resumed.discriminator = fresh.discriminator;
            resumed.discriminator_optimizer = fresh.discriminator_optimizer;
        }
        trainer.restore(resumed); // throws when the architecture differs
    }

    const std::size_t n_train = train_rows_.size();
    const std::size_t batch = std::min(c.batch_size, n_train);
    // The last partial batch is dropped: equal batches keep the workspaces allocation-free,
    // and the shuffle changes which rows it would have held every epoch.
    const std::size_t steps_per_epoch = n_train / batch;
    LearningRateSchedule schedule;
    schedule.kind = c.schedule == LrSchedule::Cosine ? LearningRateSchedule::Kind::Cosine
                                                     : LearningRateSchedule::Kind::Constant;
    schedule.base = c.learning_rate;
    schedule.total_steps = steps_per_epoch * c.epochs;

    const Matrix validation = gather_rows(data_.values, val_rows_);
    EvaluationOptions eval_options;
    eval_options.seed = c.seed;
    eval_options.threads = step_config.threads;
    eval_options.stop = [&control] { return control.stop_requested(); };

    TrainingResult result;
    result.epochs_completed = state ? state->epoch : 0;
    TrainingCheckpoint last_good = trainer.checkpoint();
    constexpr std::size_t kCheckpointEvery = 50;
    double lr_scale = state ? state->learning_rate_factor : 1.0;
    std::vector<std::size_t> order = train_rows_;
    SeededRandom shuffle_rng(c.seed, kShuffleStream);
    // Where the run stands: epochs done and minibatches of the next one taken. A continued run
    // replays the epochs' shuffles (cheap beside training) so that it meets the same batches.
    std::size_t done_epochs = state ? state->epoch : 0;
    std::size_t done_batches = state ? std::min(state->batch, steps_per_epoch) : 0;
    for (std::size_t e = 0; e < done_epochs; ++e)
        shuffle_rows(order, shuffle_rng);
    Window window;
    double train_seconds = 0.0;
    std::size_t trained_samples = 0;
    std::size_t step_index = 0;     // steps taken in this run, rolled back ones included
    bool warned_degenerate = false; // the floor/clamp note is said once per run
    bool stop = false;
    LiveSettings live = live_settings_of(c);
    std::uint64_t live_revision = 0;
    // A change arrives as a new revision; reading the settings takes the control's mutex, so
    // it happens once per change, not once per step.
    auto apply_live_settings = [&] {
        const std::uint64_t revision = control.live_revision();
        if (revision == live_revision)
            return;
        live_revision = revision;
        const LiveSettings next = control.live_settings();
        if (next == live)
            return;
        if (const std::string problem = live_settings_error(next); !problem.empty()) {
            say("ignored new settings: " + problem);
            return;
        }
        // The discriminator is built with the run: without one, the GAN weights cannot start.
        if (!c.gan_enabled() && (next.gan_weight > 0.0f || next.feature_matching > 0.0f)) {
            say("ignored new settings: the GAN and feature-matching weights can change only in a "
                "run that started with one of them above 0 (start again to train a "
                "discriminator)");
            return;
        }
        std::string text = "step " + std::to_string(trainer.steps()) + ": beta " +
                           number_text(next.beta) + ", learning rate " +
                           number_text(next.learning_rate) + ", warm-up " +
                           std::to_string(next.warmup_epochs) + " epochs";
        if (next.free_bits != live.free_bits)
            text += ", free bits " + number_text(next.free_bits);
        if (next.mmd_weight != live.mmd_weight)
            text += ", MMD weight " + number_text(next.mmd_weight);
        if (next.gan_weight != live.gan_weight)
            text += ", GAN weight " + number_text(next.gan_weight);
        if (next.feature_matching != live.feature_matching)
            text += ", feature matching " + number_text(next.feature_matching);
        say(text);
        if (next.learning_rate != live.learning_rate)
            lr_scale = 1.0; // the user's new rate replaces any rollback halving
        live = next;
        schedule.base = next.learning_rate;
    };

    auto diverge = [&] {
        result.end = TrainingResult::End::Diverged;
        // A tenth of the rate that still diverged after the halvings.
        result.suggested_fix =
            suggest_fix(data_, c, static_cast<double>(live.learning_rate) * lr_scale);
        result.message = "training diverged: the loss or gradient was not finite " +
                         std::to_string(result.rollbacks) +
                         " times; the last good weights were kept. Try " +
                         describe(*result.suggested_fix);
        say(result.message);
    };
    // Steps tried and steps that were finite in the latest epoch: a run whose last epoch had
    // none finite has not trained, however few rollbacks that took (one step an epoch, say).
    std::size_t epoch_tries = 0;
    std::size_t epoch_finite = 0;

    for (std::size_t epoch = done_epochs; epoch < c.epochs && !stop; ++epoch) {
        epoch_tries = 0;
        epoch_finite = 0;
        const auto epoch_started = Clock::now();
        shuffle_rows(order, shuffle_rng);
        double epoch_elbo = 0.0;
        std::size_t epoch_steps = 0;
        double epoch_step_seconds = 0.0;
        std::size_t epoch_samples = 0;
        Window epoch_terms;
        for (std::size_t b = done_batches; b < steps_per_epoch; ++b) {
            if (!control.wait_while_paused()) {
                stop = true;
                break;
            }
            apply_live_settings();
            const double epoch_pos = static_cast<double>(epoch) +
                                     static_cast<double>(b) / static_cast<double>(steps_per_epoch);
            StepOptions opt;
            opt.beta = static_cast<float>(
                c.warmup_schedule == WarmupSchedule::Cyclical
                    ? cyclical_kl_weight(live.beta, c.cycle_epochs, c.cycle_ratio, epoch_pos)
                    : kl_weight(live.beta, live.warmup_epochs, epoch_pos));
            opt.free_bits = live.free_bits;
            opt.mmd_weight = live.mmd_weight;
            opt.adversarial_weight = live.gan_weight;
            opt.feature_matching_weight = live.feature_matching;
            opt.discriminator_learning_rate = static_cast<float>(c.gan_learning_rate * lr_scale);
            opt.clip_norm = c.clip_norm;
            opt.learning_rate =
                static_cast<float>(schedule.at(trainer.optimizer().state().steps) * lr_scale);
            const auto t0 = Clock::now();
            const std::span<const std::size_t> rows(order.data() + b * batch, batch);
            const StepReport report = trainer.step(data_.values, rows, opt);
            const double dt = seconds_since(t0);
            ++step_index;
            done_batches = b + 1;
            ++epoch_tries;
            epoch_finite += report.finite ? 1 : 0;

            if (!report.finite) {
                ++result.rollbacks;
                trainer.restore(last_good);
                if (result.rollbacks > c.max_rollbacks) {
                    diverge();
                    stop = true;
                    break;
                }
                lr_scale *= 0.5;
                say("step " + std::to_string(step_index) +
                    ": non-finite loss or gradient; restored the last good weights and halved the "
                    "learning rate to " +
                    number_text(live.learning_rate * lr_scale) + " (rollback " +
                    std::to_string(result.rollbacks) + " of " + std::to_string(c.max_rollbacks) +
                    ")");
                continue;
            }
            if (trainer.steps() % kCheckpointEvery == 0)
                last_good = trainer.checkpoint();

            train_seconds += dt;
            epoch_step_seconds += dt;
            trained_samples += batch;
            epoch_samples += batch;
            epoch_elbo += report.elbo();
            ++epoch_steps;
            window.add(report, batch, dt);
            epoch_terms.add(report, batch, dt);
            if (!warned_degenerate && (report.clamped_logvar > 0 || report.floored_log_sigma > 0)) {
                warned_degenerate = true;
                say("step " + std::to_string(trainer.steps()) + ": " +
                    (report.floored_log_sigma > 0
                         ? std::to_string(report.floored_log_sigma) +
                               " log sigma(s) reached the floor log(0.001), so the decoder "
                               "reproduces some column (nearly) exactly: a constant column? "
                         : std::string()) +
                    (report.clamped_logvar > 0
                         ? std::to_string(report.clamped_logvar) +
                               " encoder log-variance value(s) held by the clamp [-30, 20]. "
                         : std::string()) +
                    "The ELBO stays finite; the epoch summaries count these.");
            }

            if (window.steps >= c.metrics_every && callbacks.on_metrics) {
                const double k = static_cast<double>(window.steps);
                MetricsSample m;
                m.step = static_cast<std::size_t>(trainer.steps());
                m.epoch = epoch_pos + 1.0 / static_cast<double>(steps_per_epoch);
                m.elbo = window.elbo / k;
                m.recon = window.recon / k;
                m.kl = window.kl / k;
                window.put_regulariser_means(m);
                m.beta = opt.beta;
                m.learning_rate = opt.learning_rate;
                m.samples_per_sec =
                    window.seconds > 0 ? static_cast<double>(window.samples) / window.seconds : 0.0;
                m.grad_norm = window.grad_norm / k;
                m.rollbacks = result.rollbacks;
                m.total_steps = steps_per_epoch * c.epochs;
                m.live_revision = live_revision;
                m.settings = live;
                callbacks.on_metrics(m);
                window = Window{};
            }
            if (c.snapshot_every > 0 && trainer.steps() % c.snapshot_every == 0 &&
                !publish_snapshot(trainer.model(), data_.values, snapshot_rows_,
                                  static_cast<std::size_t>(trainer.steps()), callbacks, control)) {
                stop = true;
                break;
            }
        }
        if (stop)
            break;

        EpochSummary summary;
        summary.epoch = epoch + 1;
        summary.train_elbo = epoch_steps > 0 ? epoch_elbo / static_cast<double>(epoch_steps)
                                             : std::numeric_limits<double>::quiet_NaN();
        summary.val_elbo = std::numeric_limits<double>::quiet_NaN();
        const Matrix& held_out = validation.rows() > 0 ? validation : data_.values;
        const EvaluationResult eval = evaluate_vae(trainer.model(), held_out, eval_options);
        if (eval.stopped)
            break; // the epoch is not complete without its validation figures
        if (validation.rows() > 0)
            summary.val_elbo = eval.elbo;
        summary.recon = eval.recon;
        summary.kl = eval.kl;
        summary.kl_per_dim = eval.kl_per_dim;
        summary.mean_variance = eval.mean_variance;
        summary.active_units = eval.active_units;
        if (epoch_terms.steps > 0)
            epoch_terms.put_regulariser_means(summary);
        summary.clamped_logvar = epoch_terms.clamped_logvar;
        summary.settings = live;
        summary.floored_log_sigma = trainer.model().floored_log_sigma_count();
        summary.samples_per_sec =
            epoch_step_seconds > 0 ? static_cast<double>(epoch_samples) / epoch_step_seconds : 0.0;
        summary.seconds = seconds_since(epoch_started);
        result.epochs_completed = epoch + 1;
        done_epochs = epoch + 1;
        done_batches = 0;
        result.last_epoch = summary;
        if (callbacks.on_epoch)
            callbacks.on_epoch(summary);
        if (c.snapshot_every == 0 &&
            !publish_snapshot(trainer.model(), data_.values, snapshot_rows_,
                              static_cast<std::size_t>(trainer.steps()), callbacks, control))
            break;
    }

    if (result.end == TrainingResult::End::Completed && result.epochs_completed == c.epochs &&
        epoch_tries > 0 && epoch_finite == 0)
        diverge();
    if (result.end != TrainingResult::End::Diverged && result.epochs_completed < c.epochs) {
        result.end = TrainingResult::End::Stopped;
        result.message = "stopped after " + std::to_string(trainer.steps()) + " steps (" +
                         std::to_string(result.epochs_completed) + " of " +
                         std::to_string(c.epochs) + " epochs complete)";
    } else if (result.end == TrainingResult::End::Completed) {
        result.message = "trained " + std::to_string(c.epochs) + " epochs";
    }
    result.model = std::make_shared<const VaeModel>(trainer.model());
    result.steps = static_cast<std::size_t>(trainer.steps());
    auto end_state = std::make_shared<TrainingState>();
    end_state->epoch = done_epochs;
    end_state->batch = done_batches;
    end_state->checkpoint = trainer.checkpoint();
    end_state->data_rows = static_cast<std::size_t>(data_.rows());
    end_state->train_rows = train_rows_;
    end_state->validation_rows = val_rows_;
    end_state->learning_rate_factor = lr_scale;
    result.state = std::move(end_state);
    result.seconds = seconds_since(started);
    result.samples_per_sec =
        train_seconds > 0 ? static_cast<double>(trained_samples) / train_seconds : 0.0;
    return result;
}

} // namespace vae
