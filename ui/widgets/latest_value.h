#pragma once

#include <memory>
#include <mutex>
#include <utility>

namespace vae::ui {

/// A one-element mailbox where a newer value replaces an unread older one: how heavy results
/// (latent snapshots, model copies) cross from the training thread to the GUI. The mutex only
/// guards a shared_ptr swap, never any computation, so neither side can wait on the other's
/// work. put() reports whether the box was empty, so the producer sends at most one wake-up
/// per value the consumer has not taken yet.
template <typename T> class LatestValue {
public:
    /// Any thread. True when the box was empty (the consumer needs a notification).
    bool put(std::shared_ptr<const T> value) {
        std::lock_guard lock(mutex_);
        const bool was_empty = !value_;
        value_ = std::move(value);
        return was_empty;
    }
    /// Any thread: the newest value, leaving the box empty (nullptr when nothing arrived).
    std::shared_ptr<const T> take() {
        std::lock_guard lock(mutex_);
        return std::exchange(value_, nullptr);
    }

private:
    std::mutex mutex_;
    std::shared_ptr<const T> value_;
};

} // namespace vae::ui
