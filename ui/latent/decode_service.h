#pragma once

#include "data/dataset.h"
#include "latent/nearest_distance_scale.h"
#include "latent/nearest_rows.h"
#include "ui/widgets/latest_value.h"
#include "vae/vae_model.h"

#include <QObject>

#include <array>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
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
/// nearestCount() dataset rows closest to the decoded sample, with their distances. It comes
/// second, from a second thread, because the exact search over 60,000 images costs tens of
/// decodes: neither the click's image nor the next click or drag step should wait for it. Any
/// other sample (a strip frame, a reconstruction) can be searched for with requestNearest. When
/// idle, that thread also measures the data's own nearest-neighbour distances once per dataset
/// (on kScaleRows rows spread over it), which judge a sample's distance (nearestScaleReady).
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
        /// Nearest only: the nearestCount() rows nearest to x's first row, nearest first.
        std::vector<Neighbour> neighbours;
        /// Nearest only: true when x is a Point's decode (the search that follows a click).
        bool for_point = false;
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
    std::shared_ptr<const Result> decodeNow(Kind kind, const std::shared_ptr<const VaeModel>& model,
                                            Matrix z);
    /// True when decoding one row with `model` is cheap enough for decodeNow (its decoder has
    /// at most kInlineDecodeParameters weights: ~0.1-0.4 ms).
    [[nodiscard]] static bool cheapToDecodeNow(const VaeModel& model);
    static constexpr std::size_t kInlineDecodeParameters = 1'500'000;
    /// Point results are followed by Nearest results searched in `data`'s rows (null: none).
    /// The search index is built on the decoder thread at the first search.
    void setNearestData(std::shared_ptr<const Dataset> data);
    /// How many nearest rows a Nearest result lists (at least 1; default 8). Applies to the
    /// searches asked for from now on.
    void setNearestCount(std::size_t k);
    [[nodiscard]] std::size_t nearestCount() const { return nearest_k_; }
    /// GUI thread: searches the nearest-sample data for the rows of `x` (N x D, stored units),
    /// delivered as a Nearest result (for_point false) unless a newer such search overtakes
    /// it. These searches and the clicks' own have generations and queues of their own, so
    /// neither drops the other's answer. Returns its generation (0 without nearest-sample data).
    std::uint64_t requestNearest(Matrix x);
    /// The nearest-neighbour distance scale of the nearest-sample data, once measured.
    [[nodiscard]] std::optional<NearestDistanceScale> nearestScale() const { return scale_; }
    /// Rows the scale is measured on (spread evenly over the data).
    static constexpr std::size_t kScaleRows = 1000;
    /// The generation of the newest request of `kind` (0 before the first).
    [[nodiscard]] std::uint64_t latestGeneration(Kind kind) const;

signals:
    /// GUI thread: the newest result of its kind.
    void decoded(std::shared_ptr<const vae::ui::DecodeService::Result> result);
    /// GUI thread: nearestScale() is known for the current nearest-sample data.
    void nearestScaleReady();

private:
    struct Request {
        Kind kind;
        std::uint64_t generation;
        std::shared_ptr<const VaeModel> model;
        Matrix z;
        Matrix x; ///< Nearest: the decoded rows to search for
        std::shared_ptr<const Dataset> nearest_data;
        std::uint64_t nearest_generation = 0; ///< Point: the generation of its Nearest
        std::size_t k = 1;                    ///< Point, Nearest: how many rows to find
        bool for_point = false;               ///< Nearest: x is a Point's decode
    };
    /// One decoder thread's loop: the Nearest searches (`nearest`) or every other kind.
    void work(bool nearest);
    void findNearest(const Request& request, Result& result);
    /// Queues the nearest-sample search for a Point's decoded rows (any thread).
    void queueNearest(const Request& point, const Matrix& x);
    void queueSearch(std::shared_ptr<const Request> search, bool for_point);
    /// Nearest thread: builds the index over `data` unless it is the indexed one.
    void indexData(const std::shared_ptr<const Dataset>& data);
    /// Nearest thread: measures a few more rows of the scale; true when it is complete.
    bool measureScale();
    Q_INVOKABLE void deliver();
    Q_INVOKABLE void deliverScale();

    std::array<std::uint64_t, kKinds> latest_{}; // GUI thread only
    std::mutex mutex_;
    std::condition_variable wake_;
    std::array<std::shared_ptr<const Request>, kKinds> pending_; // guarded by mutex_
    bool stop_ = false;                                          // guarded by mutex_
    std::shared_ptr<const Dataset> nearest_data_;                // GUI thread only
    std::size_t nearest_k_ = 8;                                  // GUI thread only
    std::optional<NearestDistanceScale> scale_;                  // GUI thread only
    std::shared_ptr<const Dataset> scale_wanted_;                // guarded by mutex_
    std::shared_ptr<const Dataset> scale_done_for_;              // guarded by mutex_
    std::optional<NearestDistanceScale> scale_found_;            // guarded by mutex_
    // Nearest thread only: the scale being measured (for scale_wanted_ as it was) and its rows.
    std::shared_ptr<const Dataset> scale_data_;
    std::vector<std::size_t> scale_rows_;
    std::vector<double> scale_distances_;
    // Nearest thread only: the index over nearest_data's values, kept alive with it.
    std::shared_ptr<const Dataset> indexed_data_;
    std::unique_ptr<NearestRowIndex> index_;
    std::array<LatestValue<Result>, kKinds> done_;
    // requestNearest's searches: their own generation (GUI thread), queue slot (mutex_) and box.
    std::uint64_t latest_search_ = 0;
    std::shared_ptr<const Request> pending_search_;
    LatestValue<Result> done_search_;
    std::thread decode_thread_;
    std::thread nearest_thread_;
};

} // namespace vae::ui

Q_DECLARE_METATYPE(std::shared_ptr<const vae::ui::DecodeService::Result>)
