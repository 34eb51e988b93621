#include "data/huge_pages.h"

#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace vae {

void advise_huge_pages(void* data, std::size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    constexpr std::uintptr_t page = 4096;
    constexpr std::size_t worthwhile = std::size_t{8} << 20;
    if (data == nullptr || bytes < worthwhile)
        return;
    // The whole pages inside the buffer, as offsets from data: pointer arithmetic, not a cast
    // from an integer, keeps the pointer's provenance.
    const auto address = reinterpret_cast<std::uintptr_t>(data);
    const std::uintptr_t head = (page - address % page) % page;
    const std::uintptr_t tail = (address + bytes) % page;
    if (bytes > head + tail) // failure only loses the speed-up
        (void)::madvise(static_cast<char*>(data) + head, bytes - head - tail, MADV_HUGEPAGE);
#else
    (void)data;
    (void)bytes;
#endif
}

} // namespace vae
