#if canImport(CGlibcMalloc)
import CGlibcMalloc
#endif

/// Allocator settings for a process that runs for days.
enum ProcessMemory {
    /// Fixes glibc's mmap threshold at 4 MB, which also turns off its
    /// dynamic raising of the threshold.
    ///
    /// glibc raises the threshold to the size of each large block freed;
    /// with followed files rotating every minute the heap fragmented and the
    /// load run crept 2–3 MB a minute (57 → 72 MB over 10 minutes) with no
    /// leak. Fixed at 4 MB (with idle followed files dropping their read
    /// buffers) it stayed flat, +51 kB/min over 6 minutes at 20,000 events/s.
    /// A lower threshold (128 KB) also kept it flat, but maps and faults in
    /// every chunk buffer and batch: 10–15% of ingest throughput.
    static func configure() {
        #if canImport(CGlibcMalloc)
        _ = tg_fix_mmap_threshold(4 << 20)
        #endif
    }
}
