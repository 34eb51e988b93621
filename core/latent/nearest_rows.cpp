#include "latent/nearest_rows.h"

#include "nn/gemm.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <queue>
#include <stdexcept>
#include <string>

namespace vae {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

/// Score floats per GEMM block (256 KiB): the data are streamed a block of rows at a time so
/// that no query needs an N-sized buffer (fresh multi-page buffers pay first-touch page faults,
/// which on some VMs cost as much as the arithmetic). Measured: the block size moves neither a
/// single query (as fast as summing the data) nor a batch of 64 (GEMM-bound).
constexpr std::size_t kBlockFloats = std::size_t{1} << 16;
/// Rows per block for a few queries: the scores stay in L1/L2 while they are scanned.
constexpr std::size_t kMaxBlockRows = 8192;
/// Queries scored together by one GEMM: each data block is then read once for all of them.
constexpr std::size_t kQueryChunk = 64;

/// Higham's gamma_n = n u / (1 - n u): the relative error bound of an n-term dot product in a
/// precision with unit roundoff u, whatever the summation order (FMA or SIMD partial sums only
/// do better).
double gamma(std::size_t n, double u) {
    const double nu = static_cast<double>(n) * u;
    return nu < 0.5 ? nu / (1.0 - nu) : kInf;
}

void check_query(const float* q, std::size_t size, std::size_t cols, Eigen::Index row) {
    const std::string which = row < 0 ? "the query" : "query " + std::to_string(row);
    if (size != cols)
        throw std::invalid_argument(which + " has " + std::to_string(size) +
                                    " values but the data rows have " + std::to_string(cols));
    for (std::size_t j = 0; j < size; ++j)
        if (!std::isfinite(q[j]))
            throw std::invalid_argument(which + " has " + std::to_string(q[j]) + " in column " +
                                        std::to_string(j));
}

/// One query's search. The GEMM gives each row a float score s = ||x||^2 - 2 x.q + ||q||^2
/// with a rigorous error bound e, i.e. an interval [s - e, s + e] holding the true distance.
/// T, the k-th smallest upper end seen so far, bounds the true k-th distance from above and
/// only decreases; so a row whose lower end exceeds the running T can never be in the answer,
/// and the rows kept are re-scored exactly at the end.
class Search {
public:
    Search(const float* query, std::size_t d, std::size_t k, const std::vector<double>& norms2,
           const std::vector<double>& norms)
        : query_(query), d_(d), k_(k), norms2_(norms2), norms_(norms) {
        const Eigen::Map<const Eigen::RowVectorXf> q(query, static_cast<Eigen::Index>(d));
        qn2_ = q.cast<double>().squaredNorm();
        qn_ = std::sqrt(qn2_);
        // |float dot - exact| <= gamma_D ||x|| ||q||, doubled for the factor 2 of the expansion
        // and again as a margin; plus a double-precision bound for the other terms and for the
        // exact re-scoring itself, so that true ties are never cut off.
        float_bound_ = 4.0 * gamma(d, 0x1p-24) * qn_;
        double_bound_ = 4.0 * gamma(d + 4, 0x1p-53);
    }

    /// dots[i] = x_{first + i} . q for `count` consecutive rows.
    void scan(const float* dots, std::size_t first, std::size_t count) {
        for (std::size_t j = 0; j < count; ++j) {
            const std::size_t i = first + j;
            const double n = norms_[i];
            double s = norms2_[i] - 2.0 * static_cast<double>(dots[j]) + qn2_;
            double e = float_bound_ * n + double_bound_ * (n + qn_) * (n + qn_);
            if (!std::isfinite(s) || !std::isfinite(e)) { // such rows rank last, by index
                s = kInf;
                e = 0.0;
            }
            if (upper_.size() < k_) {
                upper_.push(s + e);
            } else if (s + e < upper_.top()) {
                upper_.pop();
                upper_.push(s + e);
            }
            if (s - e <= threshold())
                kept_.push_back({s - e, i});
        }
    }

    /// The k nearest rows of `data`, nearest first, ties by lower index.
    std::vector<std::size_t> finish(const Matrix& data) {
        const double threshold = this->threshold();
        const Eigen::RowVectorXd q =
            Eigen::Map<const Eigen::RowVectorXf>(query_, static_cast<Eigen::Index>(d_))
                .cast<double>();
        std::vector<Scored> exact;
        for (const auto& c : kept_) {
            if (!(c.value <= threshold))
                continue;
            double dist =
                (data.row(static_cast<Eigen::Index>(c.row)).cast<double>() - q).squaredNorm();
            if (std::isnan(dist))
                dist = kInf;
            exact.push_back({dist, c.row});
        }
        const auto before = [](const Scored& a, const Scored& b) {
            return a.value < b.value || (a.value == b.value && a.row < b.row);
        };
        const std::size_t k = std::min(k_, exact.size());
        std::partial_sort(exact.begin(), exact.begin() + static_cast<std::ptrdiff_t>(k),
                          exact.end(), before);
        std::vector<std::size_t> out(k);
        for (std::size_t j = 0; j < k; ++j)
            out[j] = exact[j].row;
        return out;
    }

private:
    struct Scored {
        double value; ///< a lower bound while scanning, the exact distance in finish()
        std::size_t row;
    };

    /// T: the k-th smallest upper end so far, infinite until k rows were seen.
    [[nodiscard]] double threshold() const {
        if (upper_.size() < k_)
            return kInf;
        return upper_.top();
    }

    const float* query_;
    std::size_t d_;
    std::size_t k_;
    const std::vector<double>& norms2_;
    const std::vector<double>& norms_;
    double qn2_ = 0.0, qn_ = 0.0, float_bound_ = 0.0, double_bound_ = 0.0;
    std::priority_queue<double> upper_; ///< the k smallest upper ends so far (max on top)
    std::vector<Scored> kept_;
};

} // namespace

NearestRowIndex::NearestRowIndex(const Matrix& data) : data_(&data) {
    const auto n = static_cast<std::size_t>(data.rows());
    norms2_.resize(n);
    norms_.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        norms2_[i] = data.row(static_cast<Eigen::Index>(i)).cast<double>().squaredNorm();
        norms_[i] = std::sqrt(norms2_[i]);
    }
}

std::vector<std::size_t> NearestRowIndex::nearest(const Eigen::Ref<const Eigen::RowVectorXf>& query,
                                                  std::size_t k) const {
    check_query(query.data(), static_cast<std::size_t>(query.size()), cols(), -1);
    Matrix one = query;
    return std::move(nearest_batch(one, k).front());
}

std::vector<std::vector<std::size_t>> NearestRowIndex::nearest_batch(const Matrix& queries,
                                                                     std::size_t k) const {
    for (Eigen::Index m = 0; m < queries.rows(); ++m)
        check_query(queries.data() + m * queries.cols(), static_cast<std::size_t>(queries.cols()),
                    cols(), m);
    std::vector<std::vector<std::size_t>> out(static_cast<std::size_t>(queries.rows()));
    const std::size_t n = rows();
    if (n == 0 || k == 0)
        return out;
    const int d = static_cast<int>(cols());
    const std::size_t chunk = std::min(kQueryChunk, out.size());
    const std::size_t block = std::clamp<std::size_t>(kBlockFloats / chunk, 256, kMaxBlockRows);
    std::vector<float> dots(chunk * std::min(block, n));
    std::vector<Search> searches;
    for (std::size_t first = 0; first < out.size(); first += chunk) {
        const std::size_t m = std::min(chunk, out.size() - first);
        const float* q = queries.data() + static_cast<std::ptrdiff_t>(first) * d;
        searches.clear();
        for (std::size_t j = 0; j < m; ++j)
            searches.emplace_back(q + static_cast<std::ptrdiff_t>(j) * d, cols(), k, norms2_,
                                  norms_);
        for (std::size_t start = 0; start < n; start += block) {
            const std::size_t b = std::min(block, n - start);
            // dots (m x b) = Q (m x D) * X_block^T; a GEMV when m == 1.
            gemm(Transpose::No, Transpose::Yes, static_cast<int>(m), static_cast<int>(b), d, q, d,
                 data_->data() + static_cast<std::ptrdiff_t>(start) * d, d, dots.data(),
                 static_cast<int>(b), false);
            for (std::size_t j = 0; j < m; ++j)
                searches[j].scan(dots.data() + j * b, start, b);
        }
        for (std::size_t j = 0; j < m; ++j)
            out[first + j] = searches[j].finish(*data_);
    }
    return out;
}

std::vector<std::size_t>
nearest_rows(const Matrix& data, const Eigen::Ref<const Eigen::RowVectorXf>& query, std::size_t k) {
    return NearestRowIndex(data).nearest(query, k);
}

} // namespace vae
