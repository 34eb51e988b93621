// GEMM kernel for the avx2 instruction set (its -march is set in core/CMakeLists.txt).
#define Eigen vae_eigen_avx2
#define VAE_GEMM_KERNEL_FUNCTION gemm_avx2
#include "nn/gemm_kernel.inc"
