#include "ui/quality/quality_job.h"

#include "nn/matrix_ops.h"
#include "training/held_out_data.h"
#include "vae/latent_ops.h"

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <thread>

namespace vae::ui {
namespace {

// Shares of the progress bar: the likelihood figures are quick, the sample metrics are not.
constexpr double kEvaluateEnd = 0.08;
constexpr double kIwaeEnd = 0.2;

/// `k` rows spread evenly over `n` (all of them when k >= n).
std::vector<std::size_t> even_rows(std::size_t n, std::size_t k) {
    k = std::min(k, n);
    std::vector<std::size_t> rows;
    rows.reserve(k);
    for (std::size_t i = 0; i < k; ++i)
        rows.push_back(i * n / k);
    return rows;
}

void check(const QualityProgress& progress, double fraction) {
    if (progress && !progress(fraction))
        throw std::runtime_error("cancelled");
}

} // namespace

QualityReport compute_quality_report(const QualityRequest& request, const QualityFunction& quality,
                                     const QualityProgress& progress) {
    const auto t0 = std::chrono::steady_clock::now();
    QualityReport r;
    r.model = request.model;
    r.options = request.options;
    r.held_out = held_out_data(request.data, request.config);
    r.validation = r.held_out != request.data;
    const VaeModel& model = *request.model;
    const Dataset& held = *r.held_out;
    const std::size_t n = held.rows();
    const std::size_t threads = std::max(1u, std::thread::hardware_concurrency());
    check(progress, 0.0);

    // The likelihood figures on the same rows the sample metrics compare with.
    EvaluationOptions eval;
    eval.threads = threads;
    eval.seed = request.options.seed;
    const auto eval_rows = even_rows(n, std::max<std::size_t>(1, request.options.max_real_rows));
    const Matrix eval_values =
        eval_rows.size() == n ? held.values : gather_rows(held.values, eval_rows);
    r.evaluation = evaluate_vae(model, eval_values, eval);
    check(progress, kEvaluateEnd);
    if (request.iwae_samples > 0 && request.iwae_max_rows > 0) {
        const auto rows = even_rows(n, request.iwae_max_rows);
        EvaluationOptions iw = eval;
        iw.iwae_samples = request.iwae_samples;
        const auto bound = evaluate_vae(model, gather_rows(held.values, rows), iw);
        r.evaluation.iwae = bound.iwae;
        r.iwae_rows = rows.size();
        r.iwae_samples = request.iwae_samples;
    }
    check(progress, kIwaeEnd);

    if (quality) {
        try {
            r.quality = quality(model, held, request.options, [&](double f) {
                return !progress || progress(kIwaeEnd + (1.0 - kIwaeEnd) * 0.97 * f);
            });
        } catch (const std::runtime_error& e) {
            if (progress && !progress(kIwaeEnd)) // cancelled, not a failure of the metrics
                throw;
            r.quality_error = QString::fromUtf8(e.what());
        } catch (const std::exception& e) {
            r.quality_error = QString::fromUtf8(e.what());
        }
    } else {
        r.quality_error = QObject::tr("the sample-quality metrics are not available");
    }

    // What the grids show: a fixed seed, so a model always shows the same samples.
    if (request.grid_samples > 0)
        r.prior = decode_latents(
            model, sample_prior_latents(model, request.grid_samples, request.options.seed));
    const auto shown = even_rows(n, request.grid_reconstructions);
    if (!shown.empty()) {
        Matrix means, logvars;
        encode_rows(model, held.values, shown, means, logvars);
        r.originals = gather_rows(held.values, shown);
        r.reconstructions = decode_latents(model, means);
    }
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    check(progress, 1.0);
    return r;
}

QualityJob::QualityJob(QObject* parent) : QObject(parent) {
    qRegisterMetaType<std::shared_ptr<const vae::ui::QualityReport>>();
    job_.reportProgress(100, [this](double fraction) { emit progressChanged(fraction); });
}

void QualityJob::cancel() {
    if (!job_.isRunning())
        return;
    job_.abandon();
    emit cancelled();
}

bool QualityJob::start(const QualityRequest& request) {
    if (!request.model || !request.data || request.data->rows() == 0 ||
        request.model->input_dim() != request.data->cols())
        return false;
    job_.start(
        [request, quality = quality_](JobControl& control) -> Outcome {
            Outcome out;
            const QualityProgress progress = [&control](double f) { return control.report(f); };
            try {
                out.report = std::make_shared<const QualityReport>(
                    compute_quality_report(request, quality, progress));
            } catch (const std::exception& e) {
                out.cancelled = control.cancel.load();
                out.error = QString::fromUtf8(e.what());
            }
            return out;
        },
        [this](const Outcome& out) { finish(out); });
    emit progressChanged(0.0);
    return true;
}

void QualityJob::finish(const Outcome& out) {
    if (out.cancelled)
        emit cancelled();
    else if (out.report)
        emit finished(out.report);
    else
        emit failed(out.error);
}

} // namespace vae::ui
