#pragma once

#include "data/dataset.h"
#include "latent/nearest_rows.h"
#include "ui/latest_value.h"
#include "vae/vae_model.h"

#include <QObject>

#include <array>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace vae::ui {

/// Decodes latent codes for the latent plane on a thread of its own, so that a large decoder
/// or a manifold grid never stalls the GUI. Each kind of request keeps only its newest one:
/// while the user drags, the requests the worker did not reach are dropped, and a result
/// that a newer request of its kind has overtaken is never delivered. Kinds are independent
/// (a grid being rendered does not drop a click).
///
/// With nearest-sample data set, each Point result is followed by a Nearest result: the
/// dataset row closest to the decoded sample. It comes second, from a second thread, because the
/// exact search over 60,000 images costs tens of decodes: neither the click's image nor the next
/// click or drag step should wait for it.
class DecodeService : public QObject {
    Q_OBJECT
public:
    enum class Kind { Point, Strip, Grid, Reconstruction, Traversal, Nearest };
    static constexpr int kKinds = 6;

    struct Result {
        Kind kind = Kind::Point;
        std::uint64_t generation = 0;
        Matrix z; ///< N x latent_dim, as requested
        Matrix x; ///< N x input_dim, decoded, in stored units
        /// Nearest only: the dataset row nearest to each row of x (x is the Point's decode).
        std::vector<std::size_t> nearest;
    };

    explicit DecodeService(QObject* parent = nullptr);
    ~DecodeService() override; ///< drops pending work and joins the thread

    /// GUI thread: decodes each row of `z` with `model` (kept alive by the request). Returns
    /// the request's generation; the result arrives through decoded() unless a newer request
    /// of the same kind comes first.
    std::uint64_t request(Kind kind, std::shared_ptr<const VaeModel> model, Matrix z);
    /// Decodes `z` on the calling (GUI) thread and returns the result at once, for a click on a
    /// small decoder: waking the decoder thread and coming back through the event loop can
    /// cost more than the decode itself (milliseconds on an idle VM). Counts as the newest
    /// request of `kind`: an older result of that kind still pending is dropped. Emits decoded()
    /// before it returns. A Point is followed by its Nearest result as usual.
    std::shared_ptr<const Result> decodeNow(Kind kind, std::shared_ptr<const VaeModel> model,
                                            Matrix z);
    /// True when decoding one row with `model` is cheap enough for decodeNow (its decoder has
    /// at most kInlineDecodeParameters weights: ~0.1-0.4 ms).
    [[nodiscard]] static bool cheapToDecodeNow(const VaeModel& model);
    static constexpr std::size_t kInlineDecodeParameters = 1'500'000;
    /// Point results are followed by Nearest results searched in `data`'s rows (null: none).
    /// The search index is built on the decoder thread at the first search.
    void setNearestData(std::shared_ptr<const Dataset> data);
    /// The generation of the newest request of `kind` (0 before the first).
    [[nodiscard]] std::uint64_t latestGeneration(Kind kind) const;

signals:
    /// GUI thread: the newest result of its kind.
    void decoded(std::shared_ptr<const vae::ui::DecodeService::Result> result);

private:
    struct Request {
        Kind kind;
        std::uint64_t generation;
        std::shared_ptr<const VaeModel> model;
        Matrix z;
        Matrix x; ///< Nearest: the decoded rows to search for
        std::shared_ptr<const Dataset> nearest_data;
    };
    /// One decoder thread's loop: the Nearest searches (`nearest`) or every other kind.
    void work(bool nearest);
    void findNearest(const Request& request, Result& result);
    /// Queues the nearest-sample search for a Point's decoded rows (any thread).
    void queueNearest(const Request& point, const Matrix& x);
    Q_INVOKABLE void deliver();

    std::array<std::uint64_t, kKinds> latest_{}; // GUI thread only
    std::mutex mutex_;
    std::condition_variable wake_;
    std::array<std::shared_ptr<const Request>, kKinds> pending_; // guarded by mutex_
    bool stop_ = false;                                          // guarded by mutex_
    std::shared_ptr<const Dataset> nearest_data_;                // GUI thread only
    // Nearest thread only: the index over nearest_data's values, kept alive with it.
    std::shared_ptr<const Dataset> indexed_data_;
    std::unique_ptr<NearestRowIndex> index_;
    std::array<LatestValue<Result>, kKinds> done_;
    std::thread decode_thread_;
    std::thread nearest_thread_;
};

} // namespace vae::ui

Q_DECLARE_METATYPE(std::shared_ptr<const vae::ui::DecodeService::Result>)
