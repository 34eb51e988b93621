// The avx2 build of the numerical kernels (its -march is set in core/CMakeLists.txt).
#define Eigen vae_eigen_avx2
#define VAE_SIMD_TABLE simd_kernels_avx2
#define VAE_SIMD_NAME "avx2"
#include "nn/simd_kernels.inc"
