#pragma once

#include "training/training_config.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>

namespace vae {

/// Lets another thread (the GUI, a signal handler) pause, resume and stop a training run.
/// The trainer checks it between minibatches, so every request is honoured within one
/// minibatch. All methods are thread-safe; none blocks for longer than a mutex hand-over,
/// except wait_while_paused(), which only the training thread calls.
class TrainingControl {
public:
    void request_stop() {
        {
            std::lock_guard lock(mutex_);
            stop_.store(true);
        }
        wake_.notify_all();
    }
    void pause() { paused_.store(true); }
    void resume() {
        {
            std::lock_guard lock(mutex_);
            paused_.store(false);
        }
        wake_.notify_all();
    }
    [[nodiscard]] bool stop_requested() const { return stop_.load(); }

    /// Any thread: new live settings for the run, applied by the trainer before its next
    /// minibatch. Each call bumps live_revision().
    void set_live_settings(const LiveSettings& s) {
        std::lock_guard lock(mutex_);
        live_ = s;
        live_revision_.fetch_add(1);
    }
    /// 0 until set_live_settings() is first called. Cheap: the trainer polls it every step.
    [[nodiscard]] std::uint64_t live_revision() const { return live_revision_.load(); }
    [[nodiscard]] LiveSettings live_settings() const {
        std::lock_guard lock(mutex_);
        return live_;
    }
    [[nodiscard]] bool paused() const { return paused_.load(); }
    /// True while the training thread is parked in wait_while_paused(): the pause has taken
    /// effect, and no step runs until resume() or request_stop().
    [[nodiscard]] bool held() const { return held_.load(); }
    /// Any thread: waits up to `timeout` for held(); returns held().
    template <class Rep, class Period>
    bool wait_until_held(std::chrono::duration<Rep, Period> timeout) {
        std::unique_lock lock(mutex_);
        return held_changed_.wait_for(lock, timeout, [this] { return held_.load(); });
    }

    /// Training thread: blocks while paused, returns at once when not paused or when a stop
    /// was requested. Returns true when the run should go on, false when it should stop.
    bool wait_while_paused() {
        if (!paused_.load())
            return !stop_.load();
        std::unique_lock lock(mutex_);
        held_.store(true);
        held_changed_.notify_all();
        wake_.wait(lock, [this] { return !paused_.load() || stop_.load(); });
        held_.store(false);
        return !stop_.load();
    }

private:
    std::atomic<bool> stop_{false};
    std::atomic<bool> paused_{false};
    std::atomic<bool> held_{false};
    std::atomic<std::uint64_t> live_revision_{0};
    LiveSettings live_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::condition_variable held_changed_;
};

} // namespace vae
