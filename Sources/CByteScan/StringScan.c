/*
 * Finding the end of a plain run of JSON string bytes 16 or 32 at a time:
 * compare against each stop byte, one `movemask`, count trailing zeros.
 * Exact: the returned offset is the first stop byte itself, not a word that
 * may hold one. SSE2 is baseline on x86_64; AVX2 is used when the CPU has it
 * and the run is long (a Kinesis Data string is ~1.7 KB). Elsewhere a plain
 * byte loop keeps the same contract.
 */

#include "CByteScan.h"
#include "StopBytes.h"

#if defined(__x86_64__)
int tg_has_avx2(void);  /* Base64Decode.c */

__attribute__((target("avx2"))) static inline __attribute__((always_inline))
unsigned tg_stops_avx2(__m256i v, enum tg_stops stops) {
    __m256i found = _mm256_or_si256(
        _mm256_cmpeq_epi8(v, _mm256_set1_epi8('"')), _mm256_cmpeq_epi8(v, _mm256_set1_epi8('\\')));
    if (stops == tg_plain_stops) {
        found = _mm256_or_si256(found, _mm256_cmpgt_epi8(_mm256_set1_epi8(0x20), v));
    } else {
        found = _mm256_or_si256(found, _mm256_cmpeq_epi8(v, _mm256_set1_epi8('\n')));
    }
    return (unsigned)_mm256_movemask_epi8(found);
}

/* Whole 32-byte blocks from `*cursor`: true with `*cursor` at the stop byte
 * when one is found, false with `*cursor` at the first byte not looked at
 * (fewer than 32 remain) otherwise. */
__attribute__((target("avx2"))) static inline __attribute__((always_inline))
int tg_scan_avx2(const uint8_t *bytes, size_t *cursor, size_t count, enum tg_stops stops) {
    size_t at = *cursor;
    while (at + 32 <= count) {
        unsigned found = tg_stops_avx2(_mm256_loadu_si256((const __m256i *)(const void *)(bytes + at)), stops);
        if (found != 0) {
            *cursor = at + (size_t)__builtin_ctz(found);
            return 1;
        }
        at += 32;
    }
    *cursor = at;
    return 0;
}

__attribute__((target("avx2"))) static int tg_plain_avx2(const uint8_t *bytes, size_t *cursor, size_t count) {
    return tg_scan_avx2(bytes, cursor, count, tg_plain_stops);
}

__attribute__((target("avx2"))) static int tg_framer_avx2(const uint8_t *bytes, size_t *cursor, size_t count) {
    return tg_scan_avx2(bytes, cursor, count, tg_framer_stops);
}

/* 16-byte blocks up to this offset (most strings end before it), and AVX2
 * only when at least `tg_avx2_minimum` bytes remain past it: each costs an
 * out-of-line call, worth it for a ~1.7 KB Data string, not a 40-byte ARN. */
enum { tg_sse2_prefix = 64, tg_avx2_minimum = 128 };

/* Past the first 16 bytes: 16-byte blocks to `tg_sse2_prefix`, 32-byte AVX2
 * blocks for long runs, 16-byte blocks again; a last, partial block is read
 * again overlapping the one before it (never past `count`). Out of line, so
 * that the common short string, found in the first block, costs a leaf
 * function with no stack frame. */
__attribute__((noinline)) size_t tg_scan_rest(const uint8_t *bytes, size_t count, enum tg_stops stops) {
    size_t cursor = 16;
    unsigned found;
    for (; cursor < tg_sse2_prefix && cursor + 16 <= count; cursor += 16) {
        found = tg_stops_sse2(_mm_loadu_si128((const __m128i *)(const void *)(bytes + cursor)), stops);
        if (found != 0) return cursor + (size_t)__builtin_ctz(found);
    }
    if (count - cursor >= tg_avx2_minimum && tg_has_avx2()) {
        int stopped = stops == tg_plain_stops ? tg_plain_avx2(bytes, &cursor, count) : tg_framer_avx2(bytes, &cursor, count);
        if (stopped) return cursor;
    }
    while (cursor + 16 <= count) {
        found = tg_stops_sse2(_mm_loadu_si128((const __m128i *)(const void *)(bytes + cursor)), stops);
        if (found != 0) return cursor + (size_t)__builtin_ctz(found);
        cursor += 16;
    }
    if (cursor == count) return count;
    size_t last = count - 16;
    found = tg_stops_sse2(_mm_loadu_si128((const __m128i *)(const void *)(bytes + last)), stops) >> (cursor - last);
    return found != 0 ? cursor + (size_t)__builtin_ctz(found) : count;
}

#endif

size_t tg_skip_plain_ascii(const uint8_t *bytes, size_t count) {
    return tg_scan(bytes, count, tg_plain_stops);
}

size_t tg_skip_framer_string(const uint8_t *bytes, size_t count) {
    return tg_scan(bytes, count, tg_framer_stops);
}
