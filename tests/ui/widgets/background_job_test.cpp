#include "ui/widgets/background_job.h"

#include <QTest>

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

using vae::ui::BackgroundJob;
using vae::ui::JobControl;

namespace {

// QTest::qWaitFor, not QTRY_VERIFY: a QTest macro failing outside a QTest run only returns from
// the test case, which Catch would count as passed.

/// Spins without handing the GUI thread's events out, so that nothing is delivered meanwhile.
void wait_for(const std::atomic<bool>& flag) {
    for (int i = 0; i < 20000 && !flag.load(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

} // namespace

TEST_CASE("a superseded job's result is dropped, the newer one's delivered", "[gui]") {
    BackgroundJob<int> job;
    std::vector<int> delivered;
    auto first_done = std::make_shared<std::atomic<bool>>(false);
    job.start(
        [first_done](JobControl&) {
            *first_done = true;
            return 1;
        },
        [&](int v) { delivered.push_back(v); });
    // The first result is ready and waiting for the event loop when the second request comes.
    wait_for(*first_done);
    REQUIRE(first_done->load());
    job.start([](JobControl&) { return 2; }, [&](int v) { delivered.push_back(v); });
    CHECK(job.isRunning());
    REQUIRE(QTest::qWaitFor([&] { return !job.isRunning(); }, 10000));
    QTest::qWait(50); // a late delivery of the first would come now
    CHECK(delivered == std::vector<int>{2});
}

TEST_CASE("cancel reaches the work's flag and its result is still delivered", "[gui]") {
    BackgroundJob<bool> job;
    auto started = std::make_shared<std::atomic<bool>>(false);
    int deliveries = 0;
    bool saw_cancel = false;
    job.start(
        [started](JobControl& control) {
            *started = true;
            for (int i = 0; i < 20000; ++i) { // 20 s at most: a test timeout, not a hang
                if (control.cancel)
                    return true;
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            }
            return false;
        },
        [&](bool cancelled) {
            ++deliveries;
            saw_cancel = cancelled;
        });
    wait_for(*started);
    job.cancel();
    REQUIRE(QTest::qWaitFor([&] { return deliveries == 1; }, 10000));
    CHECK(saw_cancel);
    CHECK_FALSE(job.isRunning());
}

TEST_CASE("abandon cancels the work and drops its result", "[gui]") {
    BackgroundJob<int> job;
    auto started = std::make_shared<std::atomic<bool>>(false);
    auto saw_cancel = std::make_shared<std::atomic<bool>>(false);
    int deliveries = 0;
    job.start(
        [started, saw_cancel](JobControl& control) {
            *started = true;
            for (int i = 0; i < 20000 && !control.cancel; ++i)
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            *saw_cancel = control.cancel.load();
            return 1;
        },
        [&](int) { ++deliveries; });
    wait_for(*started);
    job.abandon();
    CHECK_FALSE(job.isRunning());
    REQUIRE(QTest::qWaitFor([&] { return saw_cancel->load(); }, 10000));
    QTest::qWait(50);
    CHECK(deliveries == 0);
}

TEST_CASE("the destructor waits for running jobs, superseded ones too", "[gui]") {
    auto job = std::make_unique<BackgroundJob<int>>();
    struct Flags {
        std::atomic<bool> started{false};
        std::atomic<bool> finished{false};
    };
    auto older = std::make_shared<Flags>();
    auto newer = std::make_shared<Flags>();
    // Work that ignores its cancel flag: only waiting lets it finish before the job is gone.
    const auto slow = [](const std::shared_ptr<Flags>& flags) {
        return [flags](JobControl&) {
            flags->started = true;
            std::this_thread::sleep_for(std::chrono::milliseconds(150));
            flags->finished = true;
            return 0;
        };
    };
    job->start(slow(older), [](int) {});
    wait_for(older->started);
    job->start(slow(newer), [](int) {});
    wait_for(newer->started);
    REQUIRE(older->started);
    REQUIRE(newer->started);
    job.reset();
    CHECK(older->finished);
    CHECK(newer->finished);
}

TEST_CASE("progress is reported on a timer while the job runs", "[gui]") {
    BackgroundJob<int> job;
    std::vector<double> reported;
    job.reportProgress(10, [&](double f) { reported.push_back(f); });
    auto release = std::make_shared<std::atomic<bool>>(false);
    bool delivered = false;
    job.start(
        [release](JobControl& control) {
            control.report(0.25);
            for (int i = 0; i < 20000 && !*release && !control.cancel; ++i)
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            return 0;
        },
        [&](int) { delivered = true; });
    REQUIRE(QTest::qWaitFor([&] { return !reported.empty() && reported.back() == 0.25; }, 10000));
    *release = true;
    REQUIRE(QTest::qWaitFor([&] { return delivered; }, 10000));
    const auto count = reported.size();
    QTest::qWait(50);
    CHECK(reported.size() == count); // the timer stops with the delivery
}
