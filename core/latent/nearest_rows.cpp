#include "latent/nearest_rows.h"

#include "nn/gemm.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace vae {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

/// Queries per GEMM: enough to reuse each data row from cache many times, few enough that the
/// score block (queries x N floats) stays around 16 MB.
std::size_t query_chunk(std::size_t n) {
    constexpr std::size_t kScoreFloats = std::size_t{4} << 20;
    return std::clamp<std::size_t>(kScoreFloats / std::max<std::size_t>(n, 1), 1, 256);
}

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

void NearestRowIndex::select(const float* dots, const float* query, std::size_t k,
                             std::vector<std::size_t>& out) const {
    const std::size_t n = rows();
    const std::size_t d = cols();
    out.clear();
    k = std::min(k, n);
    if (k == 0)
        return;
    const Eigen::Map<const Eigen::RowVectorXf> q(query, static_cast<Eigen::Index>(d));
    const double qn2 = q.cast<double>().squaredNorm();
    const double qn = std::sqrt(qn2);
    // |float dot - exact| <= gamma_D ||x|| ||q||, doubled for the factor 2 in the expansion and
    // doubled again as a margin; plus a double-precision bound for the other terms and for the
    // exact re-scoring itself, so true ties are never cut off.
    const double float_bound = 4.0 * gamma(d, 0x1p-24) * qn;
    const double double_bound = 4.0 * gamma(d + 4, 0x1p-53);
    const auto score = [&](std::size_t i, double& s, double& e) {
        s = norms2_[i] - 2.0 * static_cast<double>(dots[i]) + qn2;
        e = float_bound * norms_[i] + double_bound * (norms_[i] + qn) * (norms_[i] + qn);
        if (!std::isfinite(s) || !std::isfinite(e)) { // such rows rank last, by index
            s = kInf;
            e = 0.0;
        }
    };

    // T: the k-th smallest upper bound. The true k-th distance is at most T, so every row that
    // can be in the answer has a lower bound <= T.
    std::vector<double> upper(n);
    for (std::size_t i = 0; i < n; ++i) {
        double s = 0.0, e = 0.0;
        score(i, s, e);
        upper[i] = s + e;
    }
    std::nth_element(upper.begin(), upper.begin() + static_cast<std::ptrdiff_t>(k - 1),
                     upper.end());
    const double threshold = upper[k - 1];

    struct Candidate {
        double distance;
        std::size_t row;
    };
    std::vector<Candidate> candidates;
    const Eigen::RowVectorXd qd = q.cast<double>();
    for (std::size_t i = 0; i < n; ++i) {
        double s = 0.0, e = 0.0;
        score(i, s, e);
        if (!(s - e <= threshold))
            continue;
        double exact = (data_->row(static_cast<Eigen::Index>(i)).cast<double>() - qd).squaredNorm();
        if (std::isnan(exact))
            exact = kInf;
        candidates.push_back({exact, i});
    }
    const auto before = [](const Candidate& a, const Candidate& b) {
        return a.distance < b.distance || (a.distance == b.distance && a.row < b.row);
    };
    std::partial_sort(candidates.begin(),
                      candidates.begin() +
                          static_cast<std::ptrdiff_t>(std::min(k, candidates.size())),
                      candidates.end(), before);
    for (std::size_t j = 0; j < k && j < candidates.size(); ++j)
        out.push_back(candidates[j].row);
}

std::vector<std::size_t> NearestRowIndex::nearest(const Eigen::Ref<const Eigen::RowVectorXf>& query,
                                                  std::size_t k) const {
    check_query(query.data(), static_cast<std::size_t>(query.size()), cols(), -1);
    std::vector<std::size_t> out;
    const auto n = static_cast<int>(rows());
    if (n == 0 || k == 0)
        return out;
    std::vector<float> dots(rows());
    const int d = static_cast<int>(cols());
    // dots (1 x N) = q (1 x D) * data^T: a GEMV over the data, the only pass over all of it.
    gemm(Transpose::No, Transpose::Yes, 1, n, d, query.data(), d, data_->data(), d, dots.data(), n,
         false);
    select(dots.data(), query.data(), k, out);
    return out;
}

std::vector<std::vector<std::size_t>> NearestRowIndex::nearest_batch(const Matrix& queries,
                                                                     std::size_t k) const {
    for (Eigen::Index m = 0; m < queries.rows(); ++m)
        check_query(queries.data() + m * queries.cols(), static_cast<std::size_t>(queries.cols()),
                    cols(), m);
    std::vector<std::vector<std::size_t>> out(static_cast<std::size_t>(queries.rows()));
    const auto n = static_cast<int>(rows());
    if (n == 0 || k == 0)
        return out;
    const int d = static_cast<int>(cols());
    const std::size_t chunk = query_chunk(rows());
    std::vector<float> dots(chunk * rows());
    for (std::size_t first = 0; first < out.size(); first += chunk) {
        const std::size_t m = std::min(chunk, out.size() - first);
        const float* q = queries.data() + static_cast<std::ptrdiff_t>(first) * d;
        // dots (m x N) = Q (m x D) * data^T.
        gemm(Transpose::No, Transpose::Yes, static_cast<int>(m), n, d, q, d, data_->data(), d,
             dots.data(), n, false);
        for (std::size_t j = 0; j < m; ++j)
            select(dots.data() + j * rows(), q + static_cast<std::ptrdiff_t>(j) * d, k,
                   out[first + j]);
    }
    return out;
}

std::vector<std::size_t>
nearest_rows(const Matrix& data, const Eigen::Ref<const Eigen::RowVectorXf>& query, std::size_t k) {
    return NearestRowIndex(data).nearest(query, k);
}

} // namespace vae
