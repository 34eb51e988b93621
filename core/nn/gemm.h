#pragma once

#include <string>

namespace vae {

/// Whether a GEMM operand is used as stored or transposed.
enum class Transpose { No, Yes };

/// Single-precision row-major GEMM: C = op(A) * op(B), or C += op(A) * op(B) when `accumulate`.
/// Shapes: C is m x n, op(A) is m x k, op(B) is k x n; lda/ldb/ldc are the row strides (in
/// elements) of A, B and C as stored. C must not alias A or B.
/// The kernel is picked once at run time for the CPU (AVX-512, AVX2+FMA or baseline x86-64), so
/// the default build runs on any x86-64 machine yet uses the wide units where they exist.
/// Single-threaded and reentrant: safe to call from several threads at once on distinct C.
void gemm(Transpose ta, Transpose tb, int m, int n, int k, const float* a, int lda, const float* b,
          int ldb, float* c, int ldc, bool accumulate);

/// Name of the kernel gemm() dispatches to on this CPU: "avx512", "avx2" or "generic".
std::string gemm_kernel_name();

} // namespace vae
