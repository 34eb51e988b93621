#include "data/builtin_datasets.h"
#include "ui/training/training_session.h"

#include "small_training.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <catch2/catch.hpp>

#include <memory>

using vae::ui::TrainingSession;

namespace {

std::shared_ptr<const vae::Dataset> small_sprites(std::size_t rows = vae::test::kSmallSpriteRows) {
    vae::LoadOptions o;
    o.builtin_rows = rows;
    return std::make_shared<const vae::Dataset>(vae::make_builtin("sprites", o));
}

vae::TrainingConfig small_config(std::size_t epochs) {
    return vae::test::make_small({}, epochs);
}

/// Metrics samples received so far.
struct MetricsCounter {
    explicit MetricsCounter(TrainingSession& s) {
        QObject::connect(&s, &TrainingSession::metricsArrived,
                         [this](const std::vector<vae::MetricsSample>& batch) {
                             count += batch.size();
                             last = batch.back();
                         });
    }
    std::size_t count = 0;
    vae::MetricsSample last;
};

} // namespace

TEST_CASE("a run reports metrics, epochs and weights, then ends", "[gui][training]") {
    TrainingSession session;
    MetricsCounter metrics(session);
    QSignalSpy epochs(&session, &TrainingSession::epochFinished);
    QSignalSpy finished(&session, &TrainingSession::finished);
    REQUIRE(session.start(small_sprites(), small_config(2), nullptr));
    CHECK(session.state() == TrainingSession::State::Running);
    QString error;
    CHECK_FALSE(session.start(small_sprites(), small_config(2), nullptr, &error));
    CHECK(error.contains(QStringLiteral("already")));
    REQUIRE(finished.wait(60000));
    CHECK(session.state() == TrainingSession::State::Idle);
    const auto result = finished.takeFirst().at(0).value<vae::TrainingResult>();
    CHECK(result.end == vae::TrainingResult::End::Completed);
    CHECK(epochs.size() == 2);
    // Every step's sample arrives, batched, and in order.
    CHECK(metrics.count == result.steps);
    CHECK(metrics.last.step == result.steps);
    REQUIRE(session.model());
    CHECK(session.model()->parameters().size() == result.model->parameters().size());
    CHECK(std::equal(session.model()->parameters().begin(), session.model()->parameters().end(),
                     result.model->parameters().begin()));
    REQUIRE(session.snapshot());
    CHECK(session.snapshot()->rows.size() == 100);
}

TEST_CASE("pause stops new metrics, resume continues, stop ends the run", "[gui][training]") {
    TrainingSession session;
    MetricsCounter metrics(session);
    QSignalSpy finished(&session, &TrainingSession::finished);
    QSignalSpy states(&session, &TrainingSession::stateChanged);
    REQUIRE(session.start(small_sprites(), small_config(100000), nullptr));
    REQUIRE(QTest::qWaitFor([&] { return metrics.count >= 5; }, 30000));

    session.pause();
    CHECK(session.state() == TrainingSession::State::Paused);
    // Once the trainer has parked, the samples it sent before are queued here: deliver them,
    // and then none arrives however long the pause (and the trainer stays parked).
    REQUIRE(QTest::qWaitFor([&] { return session.trainerPaused(); }, 60000));
    QCoreApplication::processEvents();
    const std::size_t paused_at = metrics.count;
    QTest::qWait(300);
    CHECK(metrics.count == paused_at);
    CHECK(session.trainerPaused());

    session.resume();
    CHECK(session.state() == TrainingSession::State::Running);
    REQUIRE(QTest::qWaitFor([&] { return metrics.count >= paused_at + 5; }, 30000));

    session.stop();
    CHECK(session.state() == TrainingSession::State::Stopping);
    REQUIRE(finished.wait(30000));
    CHECK(session.state() == TrainingSession::State::Idle);
    CHECK(finished.takeFirst().at(0).value<vae::TrainingResult>().end ==
          vae::TrainingResult::End::Stopped);
    QList<TrainingSession::State> seen;
    for (const auto& args : states)
        seen << args.at(0).value<TrainingSession::State>();
    CHECK(seen == QList<TrainingSession::State>{
                      TrainingSession::State::Running, TrainingSession::State::Paused,
                      TrainingSession::State::Running, TrainingSession::State::Stopping,
                      TrainingSession::State::Idle});
}

TEST_CASE("live settings reach the running trainer", "[gui][training]") {
    TrainingSession session;
    MetricsCounter metrics(session);
    QSignalSpy messages(&session, &TrainingSession::message);
    REQUIRE(session.start(small_sprites(), small_config(100000), nullptr));
    REQUIRE(QTest::qWaitFor([&] { return metrics.count >= 3; }, 30000));
    session.setLiveSettings({0.5f, 2e-4f, 0});
    REQUIRE(QTest::qWaitFor([&] { return metrics.last.live_revision == 1; }, 30000));
    REQUIRE(QTest::qWaitFor(
        [&] { return metrics.last.beta == 0.5 && metrics.last.learning_rate == 2e-4f; }, 30000));
    REQUIRE(!messages.empty());
    CHECK(messages.first().at(0).toString().contains(QStringLiteral("beta 0.5")));
    session.stop();
}

TEST_CASE("settings that do not fit the data fail with a reason", "[gui][training]") {
    TrainingSession session;
    QSignalSpy failed(&session, &TrainingSession::failed);
    vae::TrainingConfig c = small_config(1);
    c.architecture.input_dim = 3; // sprites have 784 columns
    REQUIRE(session.start(small_sprites(), c, nullptr));
    REQUIRE(failed.wait(30000));
    CHECK(failed.takeFirst().at(0).toString().contains(QStringLiteral("784")));
    CHECK(session.state() == TrainingSession::State::Idle);
}

TEST_CASE("destroying the session mid-run stops the worker promptly", "[gui][training]") {
    auto session = std::make_unique<TrainingSession>();
    MetricsCounter metrics(*session);
    const auto data = small_sprites(2000);
    REQUIRE(session->start(data, small_config(100000), nullptr));
    REQUIRE(QTest::qWaitFor([&] { return metrics.count >= 3; }, 30000));
    CHECK(data.use_count() > 1); // the running trainer shares the data
    QElapsedTimer timer;
    timer.start();
    session.reset(); // must return after about one minibatch, not after 100000 epochs
    // A minibatch of these takes milliseconds; 10 s is far above any load, far below the run.
    CHECK(timer.elapsed() < 10000);
    // Joined, not detached: nothing of the run holds the data any more.
    CHECK(data.use_count() == 1);
}

TEST_CASE("a run started with the state of a stopped one carries it on", "[gui][training]") {
    const auto data = small_sprites();
    // Enough epochs that the run is still going when the stop comes, however loaded the
    // machine; the spy may have the signal before wait() is called.
    const vae::TrainingConfig c = small_config(20);
    TrainingSession session;
    MetricsCounter metrics(session);
    QSignalSpy finished(&session, &TrainingSession::finished);
    REQUIRE(session.start(data, c, nullptr));
    REQUIRE(QTest::qWaitFor([&] { return metrics.count >= 3; }, 30000));
    session.stop();
    REQUIRE((!finished.isEmpty() || finished.wait(30000)));
    const auto first = finished.takeFirst().at(0).value<vae::TrainingResult>();
    REQUIRE(first.end == vae::TrainingResult::End::Stopped);
    REQUIRE(first.state);

    const std::size_t first_samples = metrics.count;
    REQUIRE(session.start(data, c, session.model(), nullptr, first.state));
    REQUIRE(finished.wait(60000));
    const auto second = finished.takeFirst().at(0).value<vae::TrainingResult>();
    CHECK(second.end == vae::TrainingResult::End::Completed);
    // The steps go on from the first part's: the two parts take the 20 epochs' steps in all
    // (a restart would take all of them again).
    CHECK(second.state->epoch == 20);
    CHECK(second.steps == metrics.last.total_steps);
    CHECK(metrics.count - first_samples == second.steps - first.steps);
    CHECK(first.steps > 0);
}
