#ifndef CBYTESCAN_H
#define CBYTESCAN_H

/*
 * Vectorized inner loops for trailgrid's ingest hot path (base64 decoding of
 * Kinesis Data, scanning plain runs of JSON string bytes). Each function does
 * only the bulk of the work and reports how far it got; the Swift callers
 * keep the portable scalar code for the rest, for errors, and for machines
 * without the vector units (there these functions do nothing or a plain loop).
 */

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Decodes standard base64 (RFC 4648 §4) from `src` in whole 32-byte blocks,
 * as long as every byte of a block is in the alphabet ('=' is not), and
 * stops before the first block that is not. Returns the number of input
 * bytes consumed (a multiple of 32, so of 4) and writes exactly 3/4 as many
 * bytes to `dst`, which must have room for them. Returns 0 when the machine
 * has no AVX2 (or is not x86_64): the caller decodes everything itself.
 */
size_t tg_base64_decode_bulk(const uint8_t *src, size_t count, uint8_t *dst);

/*
 * The offset of the first byte in `bytes[0..<count]` that is '"', '\\', a
 * control character (< 0x20) or non-ASCII (>= 0x80); `count` if none is.
 * Never reads outside `bytes[0..<count]`.
 */
size_t tg_skip_plain_ascii(const uint8_t *bytes, size_t count);

/*
 * The offset of the first byte in `bytes[0..<count]` that is '"', '\\' or
 * '\n'; `count` if none is. Never reads outside `bytes[0..<count]`.
 */
size_t tg_skip_framer_string(const uint8_t *bytes, size_t count);

/* What `tg_skip_json_value` returns when it leaves the value to the caller. */
#define TG_SKIP_GIVE_UP ((size_t)-1)

/*
 * The offset just past the JSON value that starts at `bytes[start]`,
 * validated as trailgrid's parser would, opening at most `depth_room`
 * containers; or TG_SKIP_GIVE_UP for anything it does not handle (non-ASCII
 * text, any error, deeper nesting), which the caller then skips itself.
 * Never reads outside `bytes[0..<count]`.
 */
size_t tg_skip_json_value(const uint8_t *bytes, size_t count, size_t start, size_t depth_room);

/*
 * Asks for the cache line at `address` to be loaded, without waiting for
 * it: the duplicate window's table is megabytes, and the line an event's id
 * falls in is fetched while the event is matched.
 */
static inline void tg_prefetch(const void *address) {
    __builtin_prefetch(address);
}

#ifdef __cplusplus
}
#endif

#endif
