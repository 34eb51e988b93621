// The avx512 build of the numerical kernels (its -march is set in core/CMakeLists.txt).
#define Eigen vae_eigen_avx512
#define VAE_SIMD_TABLE simd_kernels_avx512
#define VAE_SIMD_NAME "avx512"
#include "nn/simd_kernels.inc"
