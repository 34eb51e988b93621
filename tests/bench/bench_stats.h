#pragma once

// Order statistics for the benchmarks, which all quote p50/p99 of repeated timings.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

namespace vae::bench {

/// The value at fraction `p` (0..1) of the sorted samples, nearest rank; 0 when empty.
inline double percentile(std::vector<double> v, double p) {
    if (v.empty())
        return 0.0;
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(std::lround(p * static_cast<double>(v.size() - 1)));
    return v[std::min(i, v.size() - 1)];
}

inline double median(const std::vector<double>& v) {
    return percentile(v, 0.5);
}

} // namespace vae::bench
