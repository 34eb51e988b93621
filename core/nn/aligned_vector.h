#pragma once

#include <cstddef>
#include <new>
#include <vector>

namespace vae {

/// Alignment of every buffer the numeric kernels read: one AVX-512 register or cache line.
/// Why it matters beyond speed: vectorised loops peel scalar iterations until the data is
/// aligned, and a scalar exp() or sum rounds differently from the vector one, so the same
/// computation on differently aligned copies differs in the last bits. Fixed alignment keeps
/// training bitwise reproducible (EIGEN_MAX_ALIGN_BYTES=64 does the same for Eigen's own
/// matrices).
inline constexpr std::size_t kBufferAlignment = 64;

template <class T> struct AlignedAllocator {
    using value_type = T;
    AlignedAllocator() = default;
    template <class U> AlignedAllocator(const AlignedAllocator<U>&) noexcept {}
    T* allocate(std::size_t n) {
        return static_cast<T*>(::operator new (n * sizeof(T), std::align_val_t{kBufferAlignment}));
    }
    void deallocate(T* p, std::size_t) noexcept {
        ::operator delete (p, std::align_val_t{kBufferAlignment});
    }
    template <class U> bool operator==(const AlignedAllocator<U>&) const noexcept { return true; }
};

/// A float buffer whose data() is kBufferAlignment-aligned (parameters, gradients, moments).
using AlignedFloats = std::vector<float, AlignedAllocator<float>>;

} // namespace vae
