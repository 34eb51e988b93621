#include "nn/gemm.h"

#include <cstdlib>
#include <string_view>

namespace vae {

namespace detail {
// Defined in gemm_kernel_<isa>.cpp.
void gemm_generic(bool ta, bool tb, int m, int n, int k, const float* a, int lda, const float* b,
                  int ldb, float* c, int ldc, bool accumulate);
void gemm_avx2(bool ta, bool tb, int m, int n, int k, const float* a, int lda, const float* b,
               int ldb, float* c, int ldc, bool accumulate);
void gemm_avx512(bool ta, bool tb, int m, int n, int k, const float* a, int lda, const float* b,
                 int ldb, float* c, int ldc, bool accumulate);
} // namespace detail

namespace {

using Kernel = void (*)(bool, bool, int, int, int, const float*, int, const float*, int, float*,
                        int, bool);

struct KernelChoice {
    Kernel kernel;
    const char* name;
};

bool cpu_has_avx512() {
#if defined(VAE_GEMM_DISPATCH)
    // x86-64-v4, the level gemm_kernel_avx512.cpp is compiled for.
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
           __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl") &&
           __builtin_cpu_supports("avx512cd") && __builtin_cpu_supports("avx2") &&
           __builtin_cpu_supports("fma");
#else
    return false;
#endif
}

bool cpu_has_avx2() {
#if defined(VAE_GEMM_DISPATCH)
    // x86-64-v3, the level gemm_kernel_avx2.cpp is compiled for.
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") &&
           __builtin_cpu_supports("bmi") && __builtin_cpu_supports("bmi2");
#else
    return false;
#endif
}

KernelChoice choose_kernel() {
    const bool avx512 = cpu_has_avx512();
    const bool avx2 = cpu_has_avx2();
    // VAE_GEMM_KERNEL=generic|avx2 forces a narrower kernel (benchmarks, tests); it can never
    // select one the CPU lacks.
    const char* forced = std::getenv("VAE_GEMM_KERNEL");
    const std::string_view want = forced != nullptr ? forced : "";
    if (want == "generic")
        return {detail::gemm_generic, "generic"};
    if (avx512 && want != "avx2")
        return {detail::gemm_avx512, "avx512"};
    if (avx2)
        return {detail::gemm_avx2, "avx2"};
    return {detail::gemm_generic, "generic"};
}

const KernelChoice& kernel() {
    static const KernelChoice choice = choose_kernel();
    return choice;
}

} // namespace

void gemm(Transpose ta, Transpose tb, int m, int n, int k, const float* a, int lda, const float* b,
          int ldb, float* c, int ldc, bool accumulate) {
    if (m == 0 || n == 0)
        return;
    if (k == 0) {
        if (!accumulate)
            for (int i = 0; i < m; ++i)
                for (int j = 0; j < n; ++j)
                    c[static_cast<long>(i) * ldc + j] = 0.0f;
        return;
    }
    kernel().kernel(ta == Transpose::Yes, tb == Transpose::Yes, m, n, k, a, lda, b, ldb, c, ldc,
                    accumulate);
}

std::string gemm_kernel_name() { return kernel().name; }

} // namespace vae
