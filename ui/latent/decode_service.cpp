#include "ui/latent/decode_service.h"

#include "vae/latent_ops.h"

#include <algorithm>
#include <exception>
#include <span>
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

/// Scale rows measured between two looks at the queue: a search asked for meanwhile waits at
/// most one such chunk (one GEMM pass over the data).
constexpr std::size_t kScaleChunk = 64;

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
    scale_.reset();
    ++latest_[index_of(Kind::Nearest)]; // a search of the old data is stale
    ++latest_search_;
    {
        std::lock_guard lock(mutex_);
        scale_wanted_ = nearest_data_;
    }
    wake_.notify_all();
}

void DecodeService::setNearestCount(std::size_t k) {
    nearest_k_ = std::max<std::size_t>(k, 1);
}

std::uint64_t DecodeService::request(Kind kind, std::shared_ptr<const VaeModel> model, Matrix z) {
    const std::uint64_t generation = ++latest_[index_of(kind)];
    Request req{kind, generation, std::move(model), std::move(z), {}, nullptr};
    if (kind == Kind::Point) {
        // The Nearest that follows this Point carries a generation of its own: an older
        // search's result is stale.
        req.nearest_generation = ++latest_[index_of(Kind::Nearest)];
        req.nearest_data = nearest_data_;
        req.k = nearest_k_;
    }
    auto r = std::make_shared<const Request>(std::move(req));
    {
        std::lock_guard lock(mutex_);
        pending_[index_of(kind)] = std::move(r); // replaces a request the worker has not reached
    }
    wake_.notify_all(); // two threads wait on it, each for its own kinds
    return generation;
}

std::uint64_t DecodeService::requestNearest(Matrix x) {
    if (!nearest_data_ || x.rows() == 0)
        return 0;
    const std::uint64_t generation = ++latest_search_;
    Request req{Kind::Nearest, generation, nullptr, {}, std::move(x), nearest_data_};
    req.nearest_generation = generation;
    req.k = nearest_k_;
    queueSearch(std::make_shared<const Request>(std::move(req)), false);
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
            wake_.wait(lock, [this, &mine, nearest] {
                if (stop_)
                    return true;
                for (std::size_t k = 0; k < kKinds; ++k)
                    if (pending_[k] && mine(k))
                        return true;
                return nearest &&
                       (pending_search_ || (scale_wanted_ && scale_done_for_ != scale_wanted_));
            });
            if (stop_)
                return;
            // Clicks first: they are the cheapest and the most visibly waited for.
            for (std::size_t k = 0; k < kKinds; ++k)
                if (pending_[k] && mine(k)) {
                    next = std::exchange(pending_[k], nullptr);
                    break;
                }
            if (!next && nearest)
                next = std::exchange(pending_search_, nullptr);
        }
        if (!next) {
            // Idle with the scale still to measure: a chunk of it, then look at the queue again.
            measureScale();
            continue;
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
        const bool search = next->kind == Kind::Nearest && !next->for_point;
        if ((search ? done_search_ : done_[index_of(next->kind)]).put(std::move(result)))
            // Invoked by name: no functor object crosses threads.
            QMetaObject::invokeMethod(this, "deliver", Qt::QueuedConnection);
    }
}

void DecodeService::queueNearest(const Request& point, const Matrix& x) {
    if (!point.nearest_data || x.rows() == 0)
        return;
    Request search{Kind::Nearest,     point.nearest_generation, nullptr, point.z, x,
                   point.nearest_data};
    search.nearest_generation = point.nearest_generation;
    search.k = point.k;
    search.for_point = true;
    queueSearch(std::make_shared<const Request>(std::move(search)), true);
}

void DecodeService::queueSearch(std::shared_ptr<const Request> search, bool for_point) {
    {
        std::lock_guard lock(mutex_);
        auto& slot = for_point ? pending_[index_of(Kind::Nearest)] : pending_search_;
        if (!slot || slot->generation < search->generation)
            slot = std::move(search);
    }
    wake_.notify_all(); // the searching thread, whichever thread waits
}

bool DecodeService::cheapToDecodeNow(const VaeModel& model) {
    return model.decoder().parameter_count() <= kInlineDecodeParameters;
}

std::shared_ptr<const DecodeService::Result>
DecodeService::decodeNow(Kind kind, const std::shared_ptr<const VaeModel>& model, Matrix z) {
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
        Request point{kind, generation, nullptr, result->z, {}, nearest_data_};
        point.nearest_generation = ++latest_[index_of(Kind::Nearest)];
        point.k = nearest_k_;
        queueNearest(point, result->x);
    }
    emit decoded(result); // before returning: listeners see it as they see threaded results
    return result;
}

void DecodeService::indexData(const std::shared_ptr<const Dataset>& data) {
    if (indexed_data_ == data)
        return;
    index_.reset();
    indexed_data_ = data;
    index_ = std::make_unique<NearestRowIndex>(data->values);
}

void DecodeService::findNearest(const Request& request, Result& result) {
    const Dataset& data = *request.nearest_data;
    result.for_point = request.for_point;
    if (data.cols() != static_cast<std::size_t>(request.x.cols()) || data.rows() == 0)
        return;
    indexData(request.nearest_data);
    result.x = request.x;
    if (!request.x.allFinite())
        return; // a diverged decoder: nothing is near
    const auto found = index_->nearest_batch(request.x, request.k);
    for (const auto& rows : found)
        result.nearest.push_back(rows.front());
    const Eigen::RowVectorXd q = request.x.row(0).cast<double>();
    for (const std::size_t row : found.front())
        result.neighbours.push_back(
            {row, std::sqrt((data.values.row(static_cast<Eigen::Index>(row)).cast<double>() - q)
                                .squaredNorm())});
}

bool DecodeService::measureScale() {
    std::shared_ptr<const Dataset> want;
    {
        std::lock_guard lock(mutex_);
        want = scale_wanted_;
    }
    if (!want)
        return true;
    if (scale_data_ != want) {
        scale_data_ = want;
        scale_rows_ = spread_rows(want->rows(), kScaleRows);
        scale_distances_.clear();
    }
    std::optional<NearestDistanceScale> found;
    bool complete = want->rows() < 2;
    if (!complete) {
        try {
            indexData(want);
            const std::size_t first = scale_distances_.size();
            const std::size_t count = std::min(kScaleChunk, scale_rows_.size() - first);
            const auto d = nearest_other_distances(*index_, want->values,
                                                   std::span(scale_rows_).subspan(first, count));
            scale_distances_.insert(scale_distances_.end(), d.begin(), d.end());
            complete = scale_distances_.size() == scale_rows_.size();
            if (complete)
                found = nearest_distance_scale(scale_distances_);
        } catch (const std::exception&) {
            complete = true; // non-finite data: no scale, and no verdicts
        }
    }
    if (complete) {
        {
            std::lock_guard lock(mutex_);
            scale_done_for_ = want;
            scale_found_ = found;
        }
        QMetaObject::invokeMethod(this, "deliverScale", Qt::QueuedConnection);
    }
    return complete;
}

void DecodeService::deliver() {
    for (std::size_t k = 0; k < kKinds; ++k) {
        auto r = done_[k].take();
        if (r && r->generation == latest_[k])
            emit decoded(r);
    }
    if (auto r = done_search_.take(); r && r->generation == latest_search_)
        emit decoded(r);
}

void DecodeService::deliverScale() {
    std::optional<NearestDistanceScale> found;
    {
        std::lock_guard lock(mutex_);
        if (scale_done_for_ != nearest_data_ || !nearest_data_)
            return;
        found = scale_found_;
    }
    if (!found)
        return;
    scale_ = found;
    emit nearestScaleReady();
}

} // namespace vae::ui
