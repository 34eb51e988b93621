#pragma once

#include <cstddef>

namespace vae {

/// Hints the OS to back a large, freshly allocated and not yet touched buffer with huge pages.
/// Why: on some virtual machines first-touch page faults cost more than reading the data
/// itself (about 1 s for 188 MB with 4 KiB pages, 40 ms with 2 MiB pages). Call it before
/// writing the buffer; buffers under 8 MiB are left alone. A no-op where unsupported, and
/// failures only lose the speed-up. Thread-safe.
void advise_huge_pages(void* data, std::size_t bytes);

} // namespace vae
