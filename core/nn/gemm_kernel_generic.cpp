// GEMM kernel for the generic instruction set (its -march is set in core/CMakeLists.txt).
#define Eigen vae_eigen_generic
#define VAE_GEMM_KERNEL_FUNCTION gemm_generic
#include "nn/gemm_kernel.inc"
