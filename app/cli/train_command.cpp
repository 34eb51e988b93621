#include "app/cli/cli_command.h"
#include "app/common/source_options.h"
#include "app/common/training_options.h"

#include "data/dataset_loader.h"
#include "data/load_error.h"
#include "io/atomic_file.h"
#include "io/json_writer.h"
#include "io/model_file.h"
#include "io/number_text.h"
#include "io/trained_model_file.h"
#include "training/suggested_fix.h"
#include "training/trainer.h"
#include "training/training_defaults.h"

#include <QCommandLineParser>

#include <atomic>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <string>
#include <vector>

namespace vae::app {
namespace {

// Set by SIGINT/SIGTERM; the training callbacks turn it into a stop request (a signal handler
// may only touch a lock-free atomic, not the TrainingControl's mutex).
std::atomic<bool> interrupted{false};

extern "C" void on_interrupt(int signal_number) {
    interrupted.store(true);
    std::signal(signal_number, SIG_DFL); // a second Ctrl-C ends the process at once
}

void write_metrics_csv(const std::string& path, const std::vector<MetricsSample>& samples) {
    AtomicFile file(path);
    // New columns go at the end, so that readers by position keep working.
    file.write("step,epoch,elbo,recon,kl,beta,learning_rate,samples_per_sec,grad_norm,rollbacks,"
               "mmd,adversarial,feature_matching,discriminator_loss,d_real,d_fake\n");
    for (const auto& m : samples)
        file.write(std::to_string(m.step) + "," + number_text(m.epoch) + "," +
                   number_text(m.elbo, 9) + "," + number_text(m.recon, 9) + "," +
                   number_text(m.kl, 9) + "," + number_text(m.beta) + "," +
                   number_text(m.learning_rate) + "," + number_text(m.samples_per_sec) + "," +
                   number_text(m.grad_norm) + "," + std::to_string(m.rollbacks) + "," +
                   number_text(m.mmd, 9) + "," + number_text(m.adversarial, 9) + "," +
                   number_text(m.feature_matching, 9) + "," + number_text(m.discriminator_loss, 9) +
                   "," + number_text(m.d_real) + "," + number_text(m.d_fake) + "\n");
    file.commit();
}

} // namespace

int run_train(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Train a VAE on a dataset and save the model. Prints a line per epoch, then one JSON "
        "line with the final figures."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("source"),
                                 QStringLiteral("CSV, .npy, IDX file or builtin:NAME."));
    add_source_options(parser);
    add_training_options(parser);
    parser.addOption({QStringLiteral("out"), QStringLiteral("Where to save the model (.vaem)."),
                      QStringLiteral("file")});
    parser.addOption({QStringLiteral("metrics"),
                      QStringLiteral("Also write the metrics stream to this CSV file."),
                      QStringLiteral("file")});
    if (!parser.parse(with_feature_matching_default(args, QStringLiteral("1"))))
        return fail(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return kExitOk;
    }
    if (parser.positionalArguments().size() != 1)
        return fail(QStringLiteral("train takes one dataset source (see vae-cli train --help)"));
    const QString out = parser.value(QStringLiteral("out"));
    if (out.isEmpty())
        return fail(
            QStringLiteral("--out is required: where to save the model (e.g. --out model.vaem)"));
    QString error;
    const auto load_options = source_options_from(parser, error);
    if (!load_options)
        return fail(error);
    bool auto_likelihood = true;
    auto config = training_config_from(parser, auto_likelihood, error);
    if (!config)
        return fail(error);

    const std::string source = parser.positionalArguments().front().toStdString();
    return run_guarded([&] {
        const Dataset data = load_dataset(source, *load_options);
        print_notes(data);
        if (auto_likelihood)
            config->architecture.likelihood = default_likelihood(data);
        Trainer trainer(data, *config);
        std::printf("# %zu training rows, %zu validation rows, likelihood %s\n",
                    trainer.training_rows().size(), trainer.validation_rows().size(),
                    likelihood_name(trainer.config().architecture.likelihood).c_str());
        // The regularisers' columns appear only when they are on.
        const bool show_mmd = config->mmd_weight > 0.0f;
        const bool show_gan = config->gan_enabled();
        std::printf("%6s %12s %12s %10s", "epoch", "train_elbo", "val_elbo", "kl");
        if (show_mmd)
            std::printf(" %10s", "mmd");
        if (show_gan)
            std::printf(" %10s %10s %8s %8s", "adv", "d_loss", "D(x)", "D(x~)");
        std::printf(" %12s %9s\n", "samples/s", "seconds");
        std::fflush(stdout);

        std::vector<MetricsSample> samples;
        TrainingControl control;
        TrainingCallbacks cb;
        cb.on_metrics = [&](const MetricsSample& m) {
            samples.push_back(m);
            if (interrupted.load())
                control.request_stop();
        };
        cb.on_epoch = [&](const EpochSummary& e) {
            if (interrupted.load())
                control.request_stop();
            std::printf("%6zu %12.3f %12.3f %10.3f", e.epoch, e.train_elbo, e.val_elbo, e.kl);
            if (show_mmd)
                std::printf(" %10.5f", e.mmd);
            if (show_gan)
                std::printf(" %10.4f %10.4f %8.3f %8.3f", e.adversarial, e.discriminator_loss,
                            e.d_real, e.d_fake);
            std::printf(" %12.0f %9.2f\n", e.samples_per_sec, e.seconds);
            std::fflush(stdout);
        };
        cb.on_message = [](const std::string& text) { std::fprintf(stderr, "%s\n", text.c_str()); };
        // Ctrl-C stops the run at the next metrics sample and saves what it learned so far.
        interrupted.store(false);
        std::signal(SIGINT, on_interrupt);
        std::signal(SIGTERM, on_interrupt);
        const TrainingResult result = trainer.run(control, cb);
        std::signal(SIGINT, SIG_DFL);
        std::signal(SIGTERM, SIG_DFL);

        save_model_file(
            trained_model_file(*result.model, metadata_of(data), trainer.config(), &result, source),
            out.toStdString());
        if (parser.isSet(QStringLiteral("metrics")))
            write_metrics_csv(parser.value(QStringLiteral("metrics")).toStdString(), samples);

        JsonWriter j;
        j.begin_object();
        const auto& last = result.last_epoch;
        j.field("train_elbo", last ? last->train_elbo : std::nan(""));
        j.field("val_elbo", last ? last->val_elbo : std::nan(""));
        j.field("kl", last ? last->kl : std::nan(""));
        j.field("active_units", static_cast<std::uint64_t>(last ? last->active_units : 0));
        // The last epoch's training means of the regularisers (0 when off).
        j.field("mmd", last ? last->mmd : 0.0);
        j.field("adversarial", last ? last->adversarial : 0.0);
        j.field("feature_matching", last ? last->feature_matching : 0.0);
        j.field("discriminator_loss", last ? last->discriminator_loss : 0.0);
        j.field("d_real", last ? last->d_real : 0.0);
        j.field("d_fake", last ? last->d_fake : 0.0);
        j.field("samples_per_sec", result.samples_per_sec);
        j.field("seconds", result.seconds);
        j.field("epochs", static_cast<std::uint64_t>(result.epochs_completed));
        j.field("steps", static_cast<std::uint64_t>(result.steps));
        j.field("rollbacks", result.rollbacks);
        j.field("end", result.end == TrainingResult::End::Completed ? "completed"
                       : result.end == TrainingResult::End::Stopped ? "stopped"
                                                                    : "diverged");
        j.field("message", result.message);
        // A divergence names the one setting to change, as the settings panel and the flags do.
        if (const auto& fix = result.suggested_fix) {
            j.key("suggested_fix").begin_object();
            j.field("setting", fix->label);
            j.field("flag", fix->cli_flag);
            j.field("value", fix->value);
            j.end_object();
        }
        j.field("model", out.toStdString());
        j.end_object();
        std::printf("%s\n", j.text().c_str());
        if (result.suggested_fix)
            std::fprintf(stderr, "suggested fix: %s\n", describe(*result.suggested_fix).c_str());
        if (interrupted.load())
            return kExitInterrupted;
        return result.end == TrainingResult::End::Diverged ? kExitBadInput : kExitOk;
    });
}

} // namespace vae::app
