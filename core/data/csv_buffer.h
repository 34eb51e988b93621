#pragma once

#include <memory>
#include <new>
#include <utility>
#include <vector>

namespace vae::csv {

/// Allocator that leaves resized elements uninitialized: read buffers and parse outputs are
/// overwritten right away, and zero-filling megabytes per chunk was measurable.
template <typename T> struct UninitAllocator : std::allocator<T> {
    using value_type = T;
    UninitAllocator() = default;
    template <typename U> UninitAllocator(const UninitAllocator<U>&) noexcept {}
    template <typename U> struct rebind { using other = UninitAllocator<U>; };
    template <typename U> void construct(U* p) noexcept { ::new (static_cast<void*>(p)) U; }
    template <typename U, typename... A> void construct(U* p, A&&... args) {
        ::new (static_cast<void*>(p)) U(std::forward<A>(args)...);
    }
};

using ByteBuffer = std::vector<char, UninitAllocator<char>>;
using FloatBuffer = std::vector<float, UninitAllocator<float>>;

} // namespace vae::csv
