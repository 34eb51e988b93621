#pragma once

// Internal: the numerical kernels compiled once per x86-64 level (simd_kernels_<isa>.cpp) and
// the table of the one picked for this CPU. Plain pointers and ints only, so that the per-ISA
// files include nothing but Eigen (see simd_kernels.inc).

namespace vae::detail {

/// Activation codes of the kernels: -1 linear, else the value of vae::Activation.
inline constexpr int linear_activation = -1;

/// One Adam/AdamW update of n parameters (see AdamOptimizer::apply for the formulas).
struct AdamKernelArgs {
    float* params;
    const float* grads;
    float* m;
    float* v;
    long n;
    float grad_scale;
    float beta1;
    float beta2;
    float step_size;   ///< lr / (1 - beta1^t)
    float inv_sqrt_c2; ///< 1 / sqrt(1 - beta2^t)
    float epsilon;
    float l2;     ///< coupled weight decay added to the gradient (Adam), else 0
    float shrink; ///< decoupled decay factor 1 - lr * wd (AdamW), else 1
};

struct SimdKernels {
    const char* name;
    /// Row-major C (m x n) = (or +=) op(A) op(B); see vae::gemm.
    void (*gemm)(bool ta, bool tb, int m, int n, int k, const float* a, int lda, const float* b,
                 int ldb, float* c, int ldc, bool accumulate);
    /// out (rows x cols, contiguous) = act(out + bias); pre (if non-null) = out + bias.
    void (*bias_activation)(int activation, int rows, int cols, const float* bias, float* out,
                            float* pre);
    /// delta *= act'(pre) computed from out (or pre for SiLU); all rows x cols, contiguous.
    void (*activation_backward)(int activation, int rows, int cols, const float* pre,
                                const float* out, float* delta);
    void (*adam)(const AdamKernelArgs& args);
    /// Sum over rows and columns of the Bernoulli NLL on logits; grad (if non-null, ldg) =
    /// weight * (sigmoid(l) - x); per_row (if non-null) the row sums.
    double (*bernoulli_nll)(int rows, int cols, const float* x, int ldx, const float* logits,
                            int ldl, float weight, float* grad, int ldg, float* per_row);
};

/// The kernels for this CPU (AVX-512, AVX2+FMA or baseline), chosen once; thread-safe.
/// VAE_SIMD_KERNELS=generic|avx2 in the environment forces a narrower set.
const SimdKernels& simd_kernels();

const SimdKernels& simd_kernels_generic();
const SimdKernels& simd_kernels_avx2();
const SimdKernels& simd_kernels_avx512();

} // namespace vae::detail
