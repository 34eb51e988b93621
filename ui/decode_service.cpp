#include "ui/decode_service.h"

#include "vae/latent_ops.h"

#include <utility>

#ifdef __linux__
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace vae::ui {
namespace {

std::size_t index_of(DecodeService::Kind k) {
    return static_cast<std::size_t>(k);
}

} // namespace

DecodeService::DecodeService(QObject* parent) : QObject(parent) {
    qRegisterMetaType<std::shared_ptr<const Result>>();
    decode_thread_ = std::thread([this] { work(false); });
    nearest_thread_ = std::thread([this] {
#ifdef __linux__
        // Below the decoder and the GUI: on two cores a search in progress must not slow the
        // next click's decode or its repaint. (Linux nice values are per thread.)
        setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 10);
#endif
        work(true);
    });
}

DecodeService::~DecodeService() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    decode_thread_.join();
    nearest_thread_.join();
}

void DecodeService::setNearestData(std::shared_ptr<const Dataset> data) {
    nearest_data_ = std::move(data);
}

std::uint64_t DecodeService::request(Kind kind, std::shared_ptr<const VaeModel> model, Matrix z) {
    const std::uint64_t generation = ++latest_[index_of(kind)];
    Request req{kind, generation, std::move(model), std::move(z), {}, nullptr};
    if (kind == Kind::Point) {
        // The Nearest that follows this Point carries its generation: an older one is stale.
        latest_[index_of(Kind::Nearest)] = nearest_data_ ? generation : 0;
        req.nearest_data = nearest_data_;
    }
    auto r = std::make_shared<const Request>(std::move(req));
    {
        std::lock_guard lock(mutex_);
        pending_[index_of(kind)] = std::move(r); // replaces a request the worker has not reached
    }
    wake_.notify_all(); // two threads wait on it, each for its own kinds
    return generation;
}

std::uint64_t DecodeService::latestGeneration(Kind kind) const {
    return latest_[index_of(kind)];
}

void DecodeService::work(bool nearest) {
    const auto mine = [nearest](std::size_t k) {
        return (k == index_of(Kind::Nearest)) == nearest;
    };
    for (;;) {
        std::shared_ptr<const Request> next;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this, &mine] {
                if (stop_)
                    return true;
                for (std::size_t k = 0; k < kKinds; ++k)
                    if (pending_[k] && mine(k))
                        return true;
                return false;
            });
            if (stop_)
                return;
            // Clicks first: they are the cheapest and the most visibly waited for.
            for (std::size_t k = 0; k < kKinds; ++k)
                if (pending_[k] && mine(k)) {
                    next = std::exchange(pending_[k], nullptr);
                    break;
                }
        }
        auto result = std::make_shared<Result>();
        result->kind = next->kind;
        result->generation = next->generation;
        result->z = next->z;
        if (next->kind == Kind::Nearest)
            findNearest(*next, *result);
        else if (next->model && next->z.rows() > 0)
            result->x = decode_latents(*next->model, next->z);
        if (next->kind == Kind::Point)
            queueNearest(*next, result->x);
        if (done_[index_of(next->kind)].put(std::move(result)))
            // Invoked by name: no functor object crosses threads.
            QMetaObject::invokeMethod(this, "deliver", Qt::QueuedConnection);
    }
}

void DecodeService::queueNearest(const Request& point, const Matrix& x) {
    if (!point.nearest_data || x.rows() == 0)
        return;
    auto search = std::make_shared<const Request>(
        Request{Kind::Nearest, point.generation, nullptr, point.z, x, point.nearest_data});
    {
        std::lock_guard lock(mutex_);
        auto& slot = pending_[index_of(Kind::Nearest)];
        if (!slot || slot->generation < search->generation)
            slot = std::move(search);
    }
    wake_.notify_all(); // the searching thread, whichever thread waits
}

bool DecodeService::cheapToDecodeNow(const VaeModel& model) {
    return model.decoder().parameter_count() <= kInlineDecodeParameters;
}

std::shared_ptr<const DecodeService::Result>
DecodeService::decodeNow(Kind kind, std::shared_ptr<const VaeModel> model, Matrix z) {
    const std::uint64_t generation = ++latest_[index_of(kind)];
    {
        std::lock_guard lock(mutex_);
        pending_[index_of(kind)].reset(); // an older request of this kind is overtaken
    }
    auto result = std::make_shared<Result>();
    result->kind = kind;
    result->generation = generation;
    if (model && z.rows() > 0)
        result->x = decode_latents(*model, z);
    result->z = std::move(z);
    if (kind == Kind::Point) {
        latest_[index_of(Kind::Nearest)] = nearest_data_ ? generation : 0;
        queueNearest(Request{kind, generation, nullptr, result->z, {}, nearest_data_}, result->x);
    }
    emit decoded(result); // before returning: listeners see it as they see threaded results
    return result;
}

void DecodeService::findNearest(const Request& request, Result& result) {
    const Dataset& data = *request.nearest_data;
    if (data.cols() != static_cast<std::size_t>(request.x.cols()) || data.rows() == 0)
        return;
    if (indexed_data_ != request.nearest_data) {
        index_.reset();
        indexed_data_ = request.nearest_data;
        index_ = std::make_unique<NearestRowIndex>(data.values);
    }
    result.x = request.x;
    if (!request.x.allFinite())
        return; // a diverged decoder: nothing is near
    for (const auto& rows : index_->nearest_batch(request.x, 1))
        result.nearest.push_back(rows.front());
}

void DecodeService::deliver() {
    for (std::size_t k = 0; k < kKinds; ++k) {
        auto r = done_[k].take();
        if (r && r->generation == latest_[k])
            emit decoded(r);
    }
}

} // namespace vae::ui
