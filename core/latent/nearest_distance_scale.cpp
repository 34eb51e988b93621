#include "latent/nearest_distance_scale.h"

#include "nn/matrix_ops.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace vae {
namespace {

double distance(const Matrix& data, std::size_t row,
                const Eigen::Ref<const Eigen::RowVectorXf>& x) {
    return std::sqrt(
        (data.row(static_cast<Eigen::Index>(row)).cast<double>() - x.cast<double>()).squaredNorm());
}

} // namespace

std::vector<Neighbour> nearest_neighbours(const NearestRowIndex& index, const Matrix& data,
                                          const Eigen::Ref<const Eigen::RowVectorXf>& query,
                                          std::size_t k) {
    std::vector<Neighbour> out;
    for (const std::size_t row : index.nearest(query, k))
        out.push_back({row, distance(data, row, query)});
    return out;
}

std::vector<double> nearest_other_distances(const NearestRowIndex& index, const Matrix& data,
                                            std::span<const std::size_t> rows) {
    if (data.rows() < 2)
        throw std::invalid_argument("nearest-neighbour distances need at least 2 rows, got " +
                                    std::to_string(data.rows()));
    for (const std::size_t row : rows)
        if (row >= static_cast<std::size_t>(data.rows()))
            throw std::out_of_range("row " + std::to_string(row) + " is beyond the data's " +
                                    std::to_string(data.rows()) + " rows");
    const Matrix queries = gather_rows(data, rows);
    const auto found = index.nearest_batch(queries, 2);
    std::vector<double> out;
    out.reserve(rows.size());
    for (std::size_t j = 0; j < rows.size(); ++j) {
        // The row itself comes first unless an exact duplicate has a lower index.
        const auto& near = found[j];
        const std::size_t other = near.front() != rows[j] ? near.front() : near.back();
        out.push_back(distance(data, other, queries.row(static_cast<Eigen::Index>(j))));
    }
    return out;
}

std::vector<std::size_t> spread_rows(std::size_t n, std::size_t k) {
    k = std::min(k, n);
    std::vector<std::size_t> out(k);
    for (std::size_t i = 0; i < k; ++i)
        out[i] = i * n / k;
    return out;
}

double quantile(std::vector<double> values, double q) {
    if (values.empty())
        throw std::invalid_argument("a quantile needs at least one value");
    if (!(q >= 0.0 && q <= 1.0))
        throw std::invalid_argument("the quantile " + std::to_string(q) + " is outside [0, 1]");
    std::sort(values.begin(), values.end());
    const double at = q * static_cast<double>(values.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(at));
    const std::size_t hi = std::min(lo + 1, values.size() - 1);
    return values[lo] + (at - static_cast<double>(lo)) * (values[hi] - values[lo]);
}

NearestDistanceScale nearest_distance_scale(const std::vector<double>& distances) {
    return {quantile(distances, 0.01), quantile(distances, 0.99), distances.size()};
}

NearestVerdict nearest_verdict(double distance, const NearestDistanceScale& scale) {
    if (distance <= scale.low)
        return NearestVerdict::NearCopy;
    if (distance > scale.high)
        return NearestVerdict::Unlike;
    return NearestVerdict::Typical;
}

} // namespace vae
