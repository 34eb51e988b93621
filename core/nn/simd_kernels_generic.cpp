// The generic build of the numerical kernels (its -march is set in core/CMakeLists.txt).
#define Eigen vae_eigen_generic
#define VAE_SIMD_TABLE simd_kernels_generic
#define VAE_SIMD_NAME "generic"
#include "nn/simd_kernels.inc"
