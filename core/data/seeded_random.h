#pragma once

#include <cmath>
#include <cstdint>

namespace vae {

/// Small, fast pseudo-random generator (SplitMix64) with its own uniform and normal draws, so
/// that synthetic data is bit-identical across standard libraries (std:: distributions are
/// implementation-defined). A value type; not thread-safe, give each thread its own.
class SeededRandom {
public:
    /// Streams for different (seed, stream) pairs are independent for practical purposes;
    /// `stream` lets each image/row get its own generator whatever the thread layout.
    explicit SeededRandom(std::uint64_t seed, std::uint64_t stream = 0)
        : state_(mix(seed ^ mix(stream + 0x632be59bd9b4e019ULL))) {}

    std::uint64_t next() {
        state_ += 0x9e3779b97f4a7c15ULL;
        return mix(state_);
    }

    /// Uniform in [0, 1).
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    /// Uniform in [lo, hi).
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    /// Uniform integer in [0, n); n > 0.
    std::uint64_t below(std::uint64_t n) { return next() % n; }

    /// Standard normal (Box-Muller; the second value is dropped to keep the stream simple).
    double normal() {
        double u = uniform();
        while (u <= 0.0)
            u = uniform();
        const double v = uniform();
        return std::sqrt(-2.0 * std::log(u)) * std::cos(6.283185307179586 * v);
    }

private:
    static std::uint64_t mix(std::uint64_t z) {
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    std::uint64_t state_;
};

} // namespace vae
