/*
 * The stop bytes of a plain run of JSON string bytes, shared by the string
 * scans (StringScan.c) and the value skipper (JSONSkip.c) so that both
 * inline the first 16-byte block: most strings end within it, and an
 * out-of-line call per string cost more than the compare.
 */

#ifndef CBYTESCAN_STOP_BYTES_H
#define CBYTESCAN_STOP_BYTES_H

#include <stddef.h>
#include <stdint.h>

enum tg_stops { tg_plain_stops, tg_framer_stops };

static inline __attribute__((always_inline)) int tg_is_stop(uint8_t byte, enum tg_stops stops) {
    if (stops == tg_plain_stops) return byte == '"' || byte == '\\' || byte < 0x20 || byte >= 0x80;
    return byte == '"' || byte == '\\' || byte == '\n';
}

#if defined(__x86_64__)
#include <immintrin.h>

/* The stop bytes of `v` as bits. Plain: '"', '\\', < 0x20 or >= 0x80 (as
 * signed bytes those >= 0x80 are negative, so one signed "less than 0x20"
 * finds both). Framer: '"', '\\' or '\n'. */
static inline __attribute__((always_inline)) unsigned tg_stops_sse2(__m128i v, enum tg_stops stops) {
    __m128i found = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
    if (stops == tg_plain_stops) {
        found = _mm_or_si128(found, _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)));
    } else {
        found = _mm_or_si128(found, _mm_cmpeq_epi8(v, _mm_set1_epi8('\n')));
    }
    return (unsigned)_mm_movemask_epi8(found);
}

/* Past the first 16 bytes (StringScan.c). */
size_t tg_scan_rest(const uint8_t *bytes, size_t count, enum tg_stops stops);

/* Under 16 bytes in all (only at the very end of a buffer), byte by byte. */
static inline __attribute__((always_inline)) size_t tg_scan(const uint8_t *bytes, size_t count, enum tg_stops stops) {
    if (count < 16) {
        size_t cursor = 0;
        while (cursor < count && !tg_is_stop(bytes[cursor], stops)) cursor++;
        return cursor;
    }
    unsigned found = tg_stops_sse2(_mm_loadu_si128((const __m128i *)(const void *)bytes), stops);
    if (found != 0) return (size_t)__builtin_ctz(found);
    return tg_scan_rest(bytes, count, stops);
}

#else

static inline size_t tg_scan(const uint8_t *bytes, size_t count, enum tg_stops stops) {
    size_t cursor = 0;
    while (cursor < count && !tg_is_stop(bytes[cursor], stops)) cursor++;
    return cursor;
}

#endif

#endif
