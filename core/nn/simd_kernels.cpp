#include "nn/simd_kernels.h"

#include <cstdlib>
#include <string_view>

namespace vae::detail {

namespace {

bool cpu_has_avx512() {
#if defined(VAE_SIMD_DISPATCH)
    // x86-64-v4, the level simd_kernels_avx512.cpp is compiled for.
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
           __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl") &&
           __builtin_cpu_supports("avx512cd") && __builtin_cpu_supports("avx2") &&
           __builtin_cpu_supports("fma") && __builtin_cpu_supports("bmi2");
#else
    return false;
#endif
}

bool cpu_has_avx2() {
#if defined(VAE_SIMD_DISPATCH)
    // x86-64-v3, the level simd_kernels_avx2.cpp is compiled for.
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") &&
           __builtin_cpu_supports("bmi") && __builtin_cpu_supports("bmi2");
#else
    return false;
#endif
}

const SimdKernels& choose() {
    const char* forced = std::getenv("VAE_SIMD_KERNELS");
    const std::string_view want = forced != nullptr ? forced : "";
    if (want == "generic")
        return simd_kernels_generic();
    if (cpu_has_avx512() && want != "avx2")
        return simd_kernels_avx512();
    if (cpu_has_avx2())
        return simd_kernels_avx2();
    return simd_kernels_generic();
}

} // namespace

const SimdKernels& simd_kernels() {
    static const SimdKernels& chosen = choose();
    return chosen;
}

} // namespace vae::detail
