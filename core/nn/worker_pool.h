#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace vae {

/// A fixed set of threads that run one task per thread and wait: the coarse-grained
/// parallelism of a training step (one minibatch shard per thread), with no second pool fighting
/// for the cores. run() is called by the one owning thread only; it is not reentrant.
class WorkerPool {
public:
    /// threads >= 1; the caller counts as thread 0, so threads - 1 are started.
    explicit WorkerPool(std::size_t threads);
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    [[nodiscard]] std::size_t size() const { return workers_.size() + 1; }

    /// Runs task(i) for i in [0, size()) (task(0) on the calling thread) and returns when all are
    /// done. Exceptions thrown by a task are rethrown here (the first one).
    void run(const std::function<void(std::size_t)>& task);

    /// Cores to use by default: std::thread::hardware_concurrency(), at least 1.
    static std::size_t default_threads();

private:
    void loop(std::size_t index);

    std::vector<std::thread> workers_;
    std::mutex mutex_;
    std::condition_variable start_;
    std::condition_variable done_;
    const std::function<void(std::size_t)>* task_ = nullptr;
    // Atomic so that both sides can spin on them briefly before sleeping: a training step has
    // several hand-overs, and a condition-variable wake-up alone costs tens of microseconds.
    std::atomic<std::size_t> generation_{0};
    std::atomic<std::size_t> pending_{0};
    bool stop_ = false;
    std::exception_ptr error_;
};

} // namespace vae
