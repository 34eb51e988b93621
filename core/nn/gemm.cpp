#include "nn/gemm.h"

#include "nn/simd_kernels.h"

namespace vae {

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
    detail::simd_kernels().gemm(ta == Transpose::Yes, tb == Transpose::Yes, m, n, k, a, lda, b, ldb,
                                c, ldc, accumulate);
}

std::string gemm_kernel_name() {
    return detail::simd_kernels().name;
}

} // namespace vae
