// GEMM kernel for the avx512 instruction set (its -march is set in core/CMakeLists.txt).
#define Eigen vae_eigen_avx512
#define VAE_GEMM_KERNEL_FUNCTION gemm_avx512
#include "nn/gemm_kernel.inc"
