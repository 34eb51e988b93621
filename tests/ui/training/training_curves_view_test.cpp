#include "ui/training/training_curves_view.h"

#include "data/builtin_datasets.h"
#include "small_training.h"
#include "ui/training/training_controller.h"
#include "ui/training/training_panel.h"

#include "../core/temp_files.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QSignalSpy>
#include <QTest>
#include <QWheelEvent>

#include <qcustomplot.h>

#include <catch2/catch.hpp>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

using vae::ui::TrainingCurvesView;
using Series = TrainingCurvesView::Series;

namespace {

/// `n` samples, 100 per epoch, with distinct, awkward values so that exports are checked
/// digit for digit.
std::vector<vae::MetricsSample> samples(std::size_t first, std::size_t n, double elbo) {
    std::vector<vae::MetricsSample> out;
    for (std::size_t i = first; i < first + n; ++i) {
        vae::MetricsSample m;
        m.step = 10 * (i + 1);
        m.epoch = static_cast<double>(i + 1) / 100.0;
        m.elbo = elbo - 1e-7 * static_cast<double>(i);
        m.recon = -0.9 * m.elbo;
        m.kl = -0.1 * m.elbo;
        m.beta = 1.0 / 3.0;
        m.learning_rate = 1e-3;
        m.samples_per_sec = 1234.5 + static_cast<double>(i);
        m.grad_norm = 0.1 * static_cast<double>(i);
        m.rollbacks = static_cast<int>(i / 50);
        out.push_back(m);
    }
    return out;
}

vae::EpochSummary epoch(std::size_t number, std::vector<double> kl_per_dim, std::size_t active) {
    vae::EpochSummary e;
    e.epoch = number;
    e.train_elbo = -300.25;
    e.val_elbo = -310.125;
    e.recon = 290.5;
    e.kl = 19.625;
    e.kl_per_dim = std::move(kl_per_dim);
    e.active_units = active;
    e.samples_per_sec = 5000.0;
    return e;
}

/// One notch of the mouse wheel (zoom in) over the middle of `rect`.
void wheel_over(QCustomPlot* plot, QCPAxisRect* rect) {
    REQUIRE(rect);
    const QPointF inside = rect->rect().center();
    QWheelEvent wheel(inside, plot->mapToGlobal(inside), QPoint(), QPoint(0, 120), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(plot, &wheel);
}

double value_at(QCPGraph* g, int i) {
    return (g->data()->constBegin() + i)->value;
}

std::vector<std::string> split_csv_line(const std::string& line) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                fields.back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                fields.back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.emplace_back();
        } else {
            fields.back() += c;
        }
    }
    return fields;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = text.find('\n', start);
        lines.push_back(text.substr(start, end - start));
        start = end == std::string::npos ? text.size() : end + 1;
    }
    return lines;
}

} // namespace

TEST_CASE("appended samples give raw points and a debiased smoothed copy that lags", "[gui]") {
    TrainingCurvesView view;
    view.appendMetrics(samples(0, 100, -500.0));
    view.appendMetrics(samples(100, 100, -300.0));
    CHECK(view.pointCount() == 200);
    for (Series s :
         {Series::TrainRaw, Series::TrainSmoothed, Series::ReconRaw, Series::ReconSmoothed,
          Series::KlRaw, Series::KlSmoothed, Series::Beta, Series::LearningRate})
        CHECK(view.graph(s)->data()->size() == 200);
    QCPGraph* raw = view.graph(Series::TrainRaw);
    QCPGraph* smooth = view.graph(Series::TrainSmoothed);
    // Debiased: the first smoothed value is the first raw one, not pulled toward zero.
    CHECK(value_at(smooth, 0) == value_at(raw, 0));
    CHECK(value_at(smooth, 5) == Approx(-500.0).margin(1e-3));
    // After the jump to -300 the average lags behind, then catches up.
    CHECK(value_at(raw, 100) == Approx(-300.0).margin(1e-3));
    CHECK(value_at(smooth, 100) < -450.0);
    CHECK(value_at(smooth, 110) > -400.0);
    CHECK(value_at(smooth, 199) == Approx(-300.0).margin(0.1));

    // No smoothing leaves the curve as it is.
    view.setSmoothing(0.0);
    CHECK(value_at(smooth, 100) == value_at(raw, 100));
    CHECK(view.pointCount() == 200);
}

TEST_CASE("bits per dimension are -ELBO / (d ln 2) and switch back exactly", "[gui]") {
    TrainingCurvesView view;
    auto batch = samples(0, 3, -260.0);
    batch[0].elbo = -260.0;
    batch[0].recon = 250.0;
    batch[0].kl = 10.0;
    view.appendMetrics(batch);
    view.appendEpoch(epoch(1, {1.0}, 1));

    view.setBitsPerDimension(true); // no input dimension yet: stays in nats
    CHECK_FALSE(view.showsBitsPerDimension());
    CHECK(value_at(view.graph(Series::TrainRaw), 0) == -260.0);

    view.setInputDimension(784);
    REQUIRE(view.showsBitsPerDimension());
    const double per_bit = 784.0 * std::log(2.0);
    CHECK(value_at(view.graph(Series::TrainRaw), 0) == Approx(260.0 / per_bit).epsilon(1e-12));
    CHECK(value_at(view.graph(Series::TrainSmoothed), 0) == Approx(260.0 / per_bit).epsilon(1e-12));
    CHECK(value_at(view.graph(Series::ReconRaw), 0) == Approx(250.0 / per_bit).epsilon(1e-12));
    CHECK(value_at(view.graph(Series::KlRaw), 0) == Approx(10.0 / per_bit).epsilon(1e-12));
    CHECK(value_at(view.graph(Series::Validation), 0) == Approx(310.125 / per_bit).epsilon(1e-12));
    CHECK(view.pointCount() == 3);
    CHECK(view.timeRects()
              .front()
              ->axis(QCPAxis::atLeft)
              ->label()
              .contains(QStringLiteral("bits / dim")));

    view.setBitsPerDimension(false);
    CHECK(value_at(view.graph(Series::TrainRaw), 0) == -260.0);
    CHECK(view.timeRects()
              .front()
              ->axis(QCPAxis::atLeft)
              ->label()
              .contains(QStringLiteral("nats / sample")));
}

TEST_CASE("many appends within one event-loop turn replot once", "[gui]") {
    TrainingCurvesView view;
    view.resize(900, 700);
    view.show();
    REQUIRE(QTest::qWaitForWindowExposed(&view));
    QTest::qWait(3 * TrainingCurvesView::kReplotIntervalMs);
    const int before = view.replotCount();
    for (std::size_t i = 0; i < 100; ++i)
        view.appendMetrics(samples(10 * i, 10, -400.0));
    CHECK(view.replotCount() == before); // appends alone never replot
    REQUIRE(QTest::qWaitFor([&] { return view.replotCount() > before; }, 5000));
    QTest::qWait(4 * TrainingCurvesView::kReplotIntervalMs);
    CHECK(view.replotCount() == before + 1);
    CHECK(view.pointCount() == 1000);
}

TEST_CASE("the view follows the data until the user zooms, and Fit follows again", "[gui]") {
    TrainingCurvesView view;
    view.resize(900, 700);
    view.show();
    REQUIRE(QTest::qWaitForWindowExposed(&view));
    view.appendMetrics(samples(0, 200, -400.0));
    view.fitToData();
    QCPAxis* x = view.timeRects().front()->axis(QCPAxis::atBottom);
    CHECK(x->range().upper >= 2.0);
    QAction* fit = view.findChild<QAction*>(QStringLiteral("fitAction"));
    REQUIRE(fit);
    CHECK_FALSE(fit->isEnabled());

    wheel_over(view.plot(), view.klBars(true)->keyAxis()->axisRect()); // bars: not followed
    CHECK(view.followsData());
    wheel_over(view.plot(), view.timeRects().front());
    CHECK_FALSE(view.followsData());
    CHECK(fit->isEnabled());
    const QCPRange zoomed = x->range();
    CHECK(zoomed.size() < 2.0);
    // Linked: every time plot shows the same epochs.
    for (QCPAxisRect* r : view.timeRects())
        CHECK(r->axis(QCPAxis::atBottom)->range() == zoomed);

    view.appendMetrics(samples(200, 100, -350.0));
    QTest::qWait(3 * TrainingCurvesView::kReplotIntervalMs);
    CHECK(x->range() == zoomed);

    fit->trigger();
    CHECK(view.followsData());
    CHECK(x->range().upper >= 3.0);
}

TEST_CASE("a marked change draws a dashed line and a label on every time plot", "[gui]") {
    TrainingCurvesView view;
    view.appendMetrics(samples(0, 300, -400.0));
    view.markChange(1.5, QStringLiteral("learning rate 1e-3 → 3e-4"));
    for (QCPAxisRect* r : view.timeRects()) {
        int lines = 0;
        int labels = 0;
        for (int i = 0; i < view.plot()->itemCount(); ++i) {
            QCPAbstractItem* item = view.plot()->item(i);
            if (item->clipAxisRect() != r)
                continue;
            if (auto* line = qobject_cast<QCPItemStraightLine*>(item)) {
                ++lines;
                CHECK(line->point1->coords().x() == 1.5);
                CHECK(line->pen().style() == Qt::DashLine);
            }
            if (auto* text = qobject_cast<QCPItemText*>(item)) {
                ++labels;
                CHECK(text->text() == QStringLiteral("learning rate 1e-3 → 3e-4"));
            }
        }
        CHECK(lines == 1);
        CHECK(labels == 1);
    }
    view.clear();
    CHECK(view.plot()->itemCount() == 0);
    CHECK(view.pointCount() == 0);
    CHECK(view.graph(Series::TrainSmoothed)->data()->isEmpty());
}

TEST_CASE("an epoch shows KL bars per dimension and the active-unit count", "[gui]") {
    TrainingCurvesView view;
    CHECK(view.activeUnitsText().isEmpty());
    view.appendEpoch(epoch(1, {2.5, 0.001, 1.25, 0.0, 0.3, 0.005}, 3));
    CHECK(view.klBars(true)->data()->size() == 3);
    CHECK(view.klBars(false)->data()->size() == 3);
    CHECK(view.klBars(true)->data()->constBegin()->key == 0.0);
    CHECK(view.klBars(true)->data()->constBegin()->value == 2.5);
    CHECK(view.klBars(false)->data()->constBegin()->key == 1.0);
    CHECK(view.activeUnitsText() == QStringLiteral("active units: 3 of 6"));
    CHECK(view.graph(Series::Validation)->data()->size() == 1);
    CHECK(view.graph(Series::TrainEpoch)->data()->size() == 1);

    // The next epoch replaces the bars; without validation there is no validation point.
    auto second = epoch(2, {2.0, 0.5}, 2);
    second.val_elbo = std::nan("");
    view.appendEpoch(second);
    CHECK(view.klBars(true)->data()->size() == 2);
    CHECK(view.klBars(false)->data()->isEmpty());
    CHECK(view.activeUnitsText() == QStringLiteral("active units: 2 of 2"));
    CHECK(view.graph(Series::Validation)->data()->size() == 1);
    CHECK(view.graph(Series::TrainEpoch)->data()->size() == 2);

    // With the engine's per-unit variances, those decide the colour, as they decide the count:
    // unit 1 has KL but its mean does not depend on x.
    auto third = epoch(3, {2.0, 0.5, 0.001}, 1);
    third.mean_variance = {0.8, 0.002, 0.0};
    view.appendEpoch(third);
    CHECK(view.klBars(true)->data()->size() == 1);
    CHECK(view.klBars(false)->data()->size() == 2);
    CHECK(view.klBars(false)->data()->constBegin()->key == 1.0);
    CHECK(view.activeUnitsText() == QStringLiteral("active units: 1 of 3"));
}

TEST_CASE("raw and smoothed curves can be hidden", "[gui]") {
    TrainingCurvesView view;
    view.appendMetrics(samples(0, 50, -400.0));
    QAction* raw = view.findChild<QAction*>(QStringLiteral("rawAction"));
    REQUIRE(raw);
    raw->trigger();
    CHECK_FALSE(view.graph(Series::TrainRaw)->visible());
    CHECK_FALSE(view.graph(Series::KlRaw)->visible());
    CHECK(view.graph(Series::TrainSmoothed)->visible());
    CHECK(view.graph(Series::TrainRaw)->data()->size() == 50);
    view.setShowSmoothed(false);
    CHECK_FALSE(view.graph(Series::ReconSmoothed)->visible());
    view.setShowRaw(true);
    CHECK(raw->isChecked());
    CHECK(view.graph(Series::TrainRaw)->visible());
}

TEST_CASE("the CSV export reads back to the appended values", "[gui]") {
    vae::test::TempDir dir;
    TrainingCurvesView view;
    auto batch = samples(0, 150, -412.345678901234);
    for (std::size_t i = 0; i < batch.size(); ++i) {
        batch[i].mmd = 0.0123456789 + 1e-4 * static_cast<double>(i);
        batch[i].discriminator_loss = 1.1 / (1.0 + static_cast<double>(i));
    }
    view.appendMetrics(batch);
    view.appendEpoch(epoch(1, {2.5, 0.001}, 1));
    view.markChange(0.5, QStringLiteral("β 1 → 0.5, \"warm-up\" 2"));
    const QString path = QString::fromStdString(dir.file("curves.csv"));
    QString error;
    REQUIRE(view.exportCsv(path, &error));
    CHECK(error.isEmpty());

    const auto lines = lines_of(vae::test::slurp(path.toStdString()));
    REQUIRE(lines.size() == 1 + 150 + 1 + 1);
    const auto header = split_csv_line(lines[0]);
    REQUIRE(header.size() == 22);
    CHECK(header[0] == "kind");
    CHECK(header[13] == "note");
    CHECK(header[14] == "mmd");
    CHECK(header[19] == "d_fake");
    CHECK(header[20] == "kl_dim_0");
    auto column = [&](const char* name) {
        return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) -
                                        header.begin());
    };
    std::size_t steps = 0;
    bool saw_epoch = false;
    bool saw_change = false;
    for (std::size_t i = 1; i < lines.size(); ++i) {
        const auto f = split_csv_line(lines[i]);
        REQUIRE(f.size() == header.size());
        if (f[0] == "step") {
            const vae::MetricsSample& m = batch[steps++];
            CHECK(std::stoull(f[column("step")]) == m.step);
            CHECK(std::stod(f[column("epoch")]) == m.epoch);
            CHECK(std::stod(f[column("elbo")]) == m.elbo);
            CHECK(std::stod(f[column("recon")]) == m.recon);
            CHECK(std::stod(f[column("kl")]) == m.kl);
            CHECK(std::stod(f[column("beta")]) == m.beta);
            CHECK(std::stod(f[column("learning_rate")]) == m.learning_rate);
            CHECK(std::stod(f[column("samples_per_sec")]) == m.samples_per_sec);
            CHECK(std::stod(f[column("grad_norm")]) == m.grad_norm);
            CHECK(std::stoi(f[column("rollbacks")]) == m.rollbacks);
            CHECK(f[column("val_elbo")].empty());
            CHECK(std::stod(f[column("mmd")]) == m.mmd);
            CHECK(std::stod(f[column("discriminator_loss")]) == m.discriminator_loss);
        } else if (f[0] == "epoch") {
            saw_epoch = true;
            CHECK(steps == 100); // after the steps of epoch 1, before those of epoch 2
            CHECK(f[column("epoch")] == "1");
            CHECK(std::stod(f[column("elbo")]) == -300.25);
            CHECK(std::stod(f[column("val_elbo")]) == -310.125);
            CHECK(f[column("active_units")] == "1");
            CHECK(std::stod(f[column("kl_dim_1")]) == 0.001);
            CHECK(f[column("step")].empty());
        } else {
            REQUIRE(f[0] == "change");
            saw_change = true;
            CHECK(steps == 50);
            CHECK(QString::fromStdString(f[column("note")]) ==
                  QStringLiteral("β 1 → 0.5, \"warm-up\" 2"));
        }
    }
    CHECK(steps == 150);
    CHECK(saw_epoch);
    CHECK(saw_change);
}

TEST_CASE("images are exported as PNG and PDF", "[gui]") {
    vae::test::TempDir dir;
    TrainingCurvesView view;
    view.appendMetrics(samples(0, 300, -400.0));
    view.appendEpoch(epoch(1, {2.5, 0.001, 1.0}, 2));
    view.markChange(1.5, QStringLiteral("lr 1e-3 → 3e-4"));
    QString error;

    const QString png = QString::fromStdString(dir.file("curves.png"));
    REQUIRE(view.exportImage(png, &error));
    const QImage image(png);
    CHECK_FALSE(image.isNull());
    CHECK(image.width() >= 400);

    const QString pdf = QString::fromStdString(dir.file("curves.PDF"));
    REQUIRE(view.exportImage(pdf, &error));
    CHECK(vae::test::slurp(pdf.toStdString()).rfind("%PDF", 0) == 0);
    // Nothing is left behind but the two images.
    CHECK(QDir(QString::fromStdString(dir.path().string()))
              .entryList(QDir::Files | QDir::Hidden)
              .size() == 2);
}

TEST_CASE("exports to a bad path or type fail with a message naming the path", "[gui]") {
    vae::test::TempDir dir;
    TrainingCurvesView view;
    view.appendMetrics(samples(0, 10, -400.0));
    QString error;

    const QString gif = QString::fromStdString(dir.file("curves.gif"));
    CHECK_FALSE(view.exportImage(gif, &error));
    CHECK(error.contains(gif));
    CHECK(error.contains(QStringLiteral(".gif")));
    CHECK_FALSE(QFile::exists(gif));

    const QString missing = QString::fromStdString(dir.file("no-such-folder/curves.png"));
    error.clear();
    CHECK_FALSE(view.exportImage(missing, &error));
    CHECK(error.contains(missing));

    // A regular file where a folder should be: unwritable even for root.
    const QString blocker = QString::fromStdString(dir.write("blocker", "x"));
    const QString csv = blocker + QStringLiteral("/curves.csv");
    error.clear();
    CHECK_FALSE(view.exportCsv(csv, &error));
    CHECK(error.contains(csv));
    const QString pdf = blocker + QStringLiteral("/curves.pdf");
    error.clear();
    CHECK_FALSE(view.exportImage(pdf, &error));
    CHECK(error.contains(pdf));
}

TEST_CASE("an export replaces an existing file whole, and a failed one leaves it as it was",
          "[gui]") {
    vae::test::TempDir dir;
    TrainingCurvesView view;
    view.appendMetrics(samples(0, 20, -400.0));
    QString error;

    const QString csv = QString::fromStdString(dir.write("curves.csv", "old"));
    REQUIRE(view.exportCsv(csv, &error));
    CHECK(vae::test::slurp(csv.toStdString()).rfind("kind,step,", 0) == 0);

    const QString png = QString::fromStdString(dir.write("curves.png", "old"));
    REQUIRE(view.exportImage(png, &error));
    CHECK_FALSE(QImage(png).isNull());

    // A folder where the image should go cannot be replaced by it.
    const QString taken = QString::fromStdString(dir.file("taken.png"));
    REQUIRE(QDir().mkpath(taken + QStringLiteral("/inside")));
    error.clear();
    CHECK_FALSE(view.exportImage(taken, &error));
    CHECK(error.contains(taken));
    CHECK(QFileInfo(taken).isDir());
    // Nothing is left behind but the two exports and the folder.
    CHECK(QDir(QString::fromStdString(dir.path().string()))
              .entryList(QDir::Files | QDir::Hidden | QDir::Dirs | QDir::NoDotAndDotDot)
              .size() == 3);
}

TEST_CASE("a hidden view does not replot until it is shown", "[gui]") {
    TrainingCurvesView view;
    view.resize(900, 700);
    QTest::qWait(3 * TrainingCurvesView::kReplotIntervalMs); // the plot's own first replot
    const int before = view.replotCount();
    view.appendMetrics(samples(0, 100, -400.0));
    QTest::qWait(3 * TrainingCurvesView::kReplotIntervalMs);
    CHECK(view.replotCount() == before);
    view.show();
    REQUIRE(QTest::qWaitFor([&] { return view.replotCount() > before; }, 5000));
}

TEST_CASE("switching to bits per dimension follows the data again", "[gui]") {
    TrainingCurvesView view;
    view.setInputDimension(784);
    view.appendMetrics(samples(0, 100, -400.0));
    view.fitToData();
    QCPAxis* y = view.timeRects().front()->axis(QCPAxis::atLeft);
    CHECK(y->range().contains(-400.0));
    y->setRange(-1000.0, -900.0);
    view.resize(900, 700);
    view.show();
    REQUIRE(QTest::qWaitForWindowExposed(&view));
    wheel_over(view.plot(), view.timeRects()[2]);
    REQUIRE_FALSE(view.followsData());
    QAction* bits = view.findChild<QAction*>(QStringLiteral("bitsAction"));
    REQUIRE(bits);
    REQUIRE(bits->isEnabled());
    bits->trigger();
    CHECK(view.showsBitsPerDimension());
    CHECK(view.followsData());
    view.fitToData();
    CHECK(y->range().contains(400.0 / (784.0 * std::log(2.0))));
}

TEST_CASE("the MMD and the VAE-GAN losses get their curves and axes only in runs that have them",
          "[gui]") {
    TrainingCurvesView view;
    view.resize(900, 700);
    view.appendMetrics(samples(0, 10, -300.0));
    CHECK_FALSE(view.showsMmd());
    CHECK_FALSE(view.showsGanLosses());
    CHECK(view.graph(Series::Mmd)->data()->isEmpty());
    CHECK_FALSE(view.timeRects()[2]->axis(QCPAxis::atRight)->visible());

    auto with_terms = samples(10, 10, -300.0);
    for (std::size_t i = 0; i < with_terms.size(); ++i) {
        with_terms[i].mmd = 0.01 * static_cast<double>(i + 1);
        with_terms[i].discriminator_loss = 1.3 - 0.01 * static_cast<double>(i);
        with_terms[i].adversarial = 0.7 + 0.02 * static_cast<double>(i);
    }
    view.appendMetrics(with_terms);
    CHECK(view.showsMmd());
    CHECK(view.showsGanLosses());
    REQUIRE(view.graph(Series::Mmd)->data()->size() == 10);
    CHECK(view.graph(Series::Mmd)->data()->at(9)->value == Approx(0.1));
    CHECK(view.graph(Series::Mmd)->data()->at(0)->key == Approx(0.11));
    REQUIRE(view.graph(Series::DiscriminatorLoss)->data()->size() == 10);
    CHECK(view.graph(Series::DiscriminatorLoss)->data()->at(0)->value == Approx(1.3));
    CHECK(view.graph(Series::Adversarial)->data()->at(9)->value == Approx(0.88));
    // MMD beside the KL, the players' losses beside the reconstruction, on their own axes.
    CHECK(view.graph(Series::Mmd)->valueAxis() == view.timeRects()[2]->axis(QCPAxis::atRight));
    CHECK(view.graph(Series::Adversarial)->valueAxis() ==
          view.timeRects()[1]->axis(QCPAxis::atRight));
    CHECK(view.timeRects()[2]->axis(QCPAxis::atRight)->visible());
    CHECK(view.timeRects()[1]->axis(QCPAxis::atRight)->visible());
    view.fitToData();
    const QCPRange gan = view.timeRects()[1]->axis(QCPAxis::atRight)->range();
    CHECK(gan.lower < 0.75);
    CHECK(gan.upper > 1.25);

    // Re-smoothing rebuilds from the stored samples without doubling the points.
    view.setSmoothing(0.5);
    CHECK(view.graph(Series::Mmd)->data()->size() == 10);
    CHECK(view.graph(Series::DiscriminatorLoss)->data()->size() == 10);
    view.setBitsPerDimension(true);
    CHECK(view.graph(Series::Adversarial)->data()->size() == 10);

    view.clear();
    CHECK_FALSE(view.showsMmd());
    CHECK_FALSE(view.showsGanLosses());
    CHECK_FALSE(view.timeRects()[1]->axis(QCPAxis::atRight)->visible());
}

TEST_CASE("a run with the MMD and a discriminator fills their curves through the controller",
          "[gui]") {
    vae::ui::TrainingPanel panel;
    TrainingCurvesView curves;
    vae::ui::TrainingController controller(&panel, &curves, nullptr);
    vae::LoadOptions o;
    o.builtin_rows = vae::test::kSmallSpriteRows;
    auto data = std::make_shared<const vae::Dataset>(vae::make_builtin("sprites", o));
    panel.setDataset(data);
    controller.setDataset(data);
    vae::TrainingConfig c = vae::test::make_small(panel.config(), 1);
    c.mmd_weight = 50.0f;
    c.gan_weight = 0.05f;
    c.discriminator_hidden = {16, 8};
    panel.setConfig(c);
    QSignalSpy ended(&controller, &vae::ui::TrainingController::runEnded);
    QString error;
    REQUIRE(controller.start(&error));
    REQUIRE(ended.wait(60000));
    CHECK(curves.pointCount() == 540 / 32);
    CHECK(curves.showsMmd());
    CHECK(curves.showsGanLosses());
    CHECK(curves.graph(Series::Mmd)->data()->size() == 540 / 32);
    CHECK(curves.graph(Series::DiscriminatorLoss)->data()->size() == 540 / 32);
    CHECK(curves.graph(Series::Adversarial)->data()->at(0)->value > 0.0);
}
