#include "ui/decode_service.h"

#include "vae/latent_ops.h"

#include <utility>

namespace vae::ui {
namespace {

std::size_t index_of(DecodeService::Kind k) {
    return static_cast<std::size_t>(k);
}

} // namespace

DecodeService::DecodeService(QObject* parent) : QObject(parent) {
    qRegisterMetaType<std::shared_ptr<const Result>>();
    thread_ = std::thread([this] { work(); });
}

DecodeService::~DecodeService() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

std::uint64_t DecodeService::request(Kind kind, std::shared_ptr<const VaeModel> model, Matrix z) {
    const std::uint64_t generation = ++latest_[index_of(kind)];
    auto r =
        std::make_shared<const Request>(Request{kind, generation, std::move(model), std::move(z)});
    {
        std::lock_guard lock(mutex_);
        pending_[index_of(kind)] = std::move(r); // replaces a request the worker has not reached
    }
    wake_.notify_one();
    return generation;
}

std::uint64_t DecodeService::latestGeneration(Kind kind) const {
    return latest_[index_of(kind)];
}

void DecodeService::work() {
    for (;;) {
        std::shared_ptr<const Request> next;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] {
                if (stop_)
                    return true;
                for (const auto& p : pending_)
                    if (p)
                        return true;
                return false;
            });
            if (stop_)
                return;
            // Clicks first: they are the cheapest and the most visibly waited for.
            for (auto& p : pending_)
                if (p) {
                    next = std::exchange(p, nullptr);
                    break;
                }
        }
        auto result = std::make_shared<Result>();
        result->kind = next->kind;
        result->generation = next->generation;
        result->z = next->z;
        if (next->model && next->z.rows() > 0)
            result->x = decode_latents(*next->model, next->z);
        if (done_[index_of(next->kind)].put(std::move(result)))
            // Invoked by name: no functor object crosses threads.
            QMetaObject::invokeMethod(this, "deliver", Qt::QueuedConnection);
    }
}

void DecodeService::deliver() {
    for (std::size_t k = 0; k < kKinds; ++k) {
        auto r = done_[k].take();
        if (r && r->generation == latest_[k])
            emit decoded(r);
    }
}

} // namespace vae::ui
