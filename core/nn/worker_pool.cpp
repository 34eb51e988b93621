#include "nn/worker_pool.h"

#include <algorithm>
#include <chrono>

namespace {

// Spins (yielding the core to anyone who wants it) until `done` or ~50 us have passed.
template <typename Done> bool spin_until(Done&& done) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::microseconds(50);
    for (int i = 0;; ++i) {
        if (done())
            return true;
        if ((i & 15) == 15 && std::chrono::steady_clock::now() > deadline)
            return false;
        std::this_thread::yield();
    }
}

} // namespace

namespace vae {

WorkerPool::WorkerPool(std::size_t threads) {
    const std::size_t extra = std::max<std::size_t>(threads, 1) - 1;
    workers_.reserve(extra);
    for (std::size_t i = 0; i < extra; ++i)
        workers_.emplace_back([this, i] { loop(i + 1); });
}

WorkerPool::~WorkerPool() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    start_.notify_all();
    for (auto& worker : workers_)
        worker.join();
}

std::size_t WorkerPool::default_threads() {
    return std::max<std::size_t>(std::thread::hardware_concurrency(), 1);
}

void WorkerPool::run(const std::function<void(std::size_t)>& task) {
    if (workers_.empty()) {
        task(0);
        return;
    }
    {
        std::lock_guard lock(mutex_);
        task_ = &task;
        pending_ = workers_.size();
        error_ = nullptr;
        ++generation_;
    }
    start_.notify_all();
    std::exception_ptr own_error;
    try {
        task(0);
    } catch (...) {
        own_error = std::current_exception();
    }
    spin_until([this] { return pending_.load() == 0; });
    std::unique_lock lock(mutex_);
    done_.wait(lock, [this] { return pending_.load() == 0; });
    task_ = nullptr;
    if (own_error)
        std::rethrow_exception(own_error);
    if (error_)
        std::rethrow_exception(error_);
}

void WorkerPool::loop(std::size_t index) {
    std::size_t seen = 0;
    for (;;) {
        const std::function<void(std::size_t)>* task = nullptr;
        spin_until([&] { return generation_.load() != seen; });
        {
            std::unique_lock lock(mutex_);
            start_.wait(lock, [&] { return stop_ || generation_.load() != seen; });
            if (stop_)
                return;
            seen = generation_;
            task = task_;
        }
        std::exception_ptr error;
        try {
            (*task)(index);
        } catch (...) {
            error = std::current_exception();
        }
        {
            std::lock_guard lock(mutex_);
            if (error && !error_)
                error_ = error;
            --pending_;
        }
        done_.notify_one();
    }
}

} // namespace vae
