/*
 * Skipping a JSON value no one reads (a CloudTrail record's
 * requestParameters, responseElements, sessionContext, tlsDetails: about
 * half its bytes) in one tight loop, validating it as trailgrid's parser
 * does. The Swift parser did this recursively, a call per member and per
 * string. Anything out of the ordinary (non-ASCII text, an error, deep
 * nesting) returns TG_SKIP_GIVE_UP and the Swift parser skips the value
 * itself from the same place, reporting any error exactly as before: this
 * function only ever accepts what the parser accepts.
 */

#include "CByteScan.h"
#include "StopBytes.h"

static inline int tg_is_space(uint8_t byte) {
    return byte == ' ' || byte == '\n' || byte == '\r' || byte == '\t';
}

static inline int tg_is_digit(uint8_t byte) {
    return (uint8_t)(byte - '0') < 10;
}

static inline int tg_is_hex(uint8_t byte) {
    uint8_t lower = byte | 0x20;
    return tg_is_digit(byte) || (lower >= 'a' && lower <= 'f');
}

static inline size_t tg_skip_space(const uint8_t *bytes, size_t count, size_t at) {
    while (at < count && tg_is_space(bytes[at])) at++;
    return at;
}

/* Past the string whose opening quote is at `at`, or TG_SKIP_GIVE_UP. Plain
 * ASCII and the escapes of JSON (\uXXXX with any four hex digits), as
 * JSONParser.skipString accepts without decoding. */
static size_t tg_skip_string(const uint8_t *bytes, size_t count, size_t at) {
    at++;
    for (;;) {
        at += tg_scan(bytes + at, count - at, tg_plain_stops);
        if (at >= count) return TG_SKIP_GIVE_UP;
        uint8_t byte = bytes[at];
        if (byte == '"') return at + 1;
        if (byte != '\\' || at + 1 >= count) return TG_SKIP_GIVE_UP;  /* control or non-ASCII */
        switch (bytes[at + 1]) {
        case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
            at += 2;
            break;
        case 'u':
            if (at + 6 > count || !tg_is_hex(bytes[at + 2]) || !tg_is_hex(bytes[at + 3])
                || !tg_is_hex(bytes[at + 4]) || !tg_is_hex(bytes[at + 5])) return TG_SKIP_GIVE_UP;
            at += 6;
            break;
        default:
            return TG_SKIP_GIVE_UP;
        }
    }
}

/* Past the number at `at` (JSONParser.parseNumber's grammar), or TG_SKIP_GIVE_UP. */
static size_t tg_skip_number(const uint8_t *bytes, size_t count, size_t at) {
    if (bytes[at] == '-') at++;
    if (at >= count || !tg_is_digit(bytes[at])) return TG_SKIP_GIVE_UP;
    if (bytes[at] == '0') {
        at++;
    } else {
        while (at < count && tg_is_digit(bytes[at])) at++;
    }
    if (at < count && bytes[at] == '.') {
        at++;
        if (at >= count || !tg_is_digit(bytes[at])) return TG_SKIP_GIVE_UP;
        while (at < count && tg_is_digit(bytes[at])) at++;
    }
    if (at < count && (bytes[at] | 0x20) == 'e') {
        at++;
        if (at < count && (bytes[at] == '+' || bytes[at] == '-')) at++;
        if (at >= count || !tg_is_digit(bytes[at])) return TG_SKIP_GIVE_UP;
        while (at < count && tg_is_digit(bytes[at])) at++;
    }
    return at;
}

static size_t tg_skip_literal(const uint8_t *bytes, size_t count, size_t at, const char *literal, size_t length) {
    if (at + length > count) return TG_SKIP_GIVE_UP;
    for (size_t index = 0; index < length; index++) {
        if (bytes[at + index] != (uint8_t)literal[index]) return TG_SKIP_GIVE_UP;
    }
    return at + length;
}

#define TG_SKIP_MAX_DEPTH 256

size_t tg_skip_json_value(const uint8_t *bytes, size_t count, size_t start, size_t depth_room) {
    /* Which containers are open: 1 for an object, 0 for an array. */
    uint8_t is_object[TG_SKIP_MAX_DEPTH];
    size_t depth = 0;
    size_t limit = depth_room < TG_SKIP_MAX_DEPTH ? depth_room : TG_SKIP_MAX_DEPTH;
    size_t at = start;

value:
    if (at >= count) return TG_SKIP_GIVE_UP;
    switch (bytes[at]) {
    case '"':
        at = tg_skip_string(bytes, count, at);
        break;
    case '{':
    case '[':
        if (depth >= limit) return TG_SKIP_GIVE_UP;
        is_object[depth++] = bytes[at] == '{';
        at = tg_skip_space(bytes, count, at + 1);
        if (at < count && bytes[at] == (is_object[depth - 1] ? '}' : ']')) {
            at++;
            depth--;
            goto after_value;
        }
        if (is_object[depth - 1]) goto key;
        goto value;
    case 't':
        at = tg_skip_literal(bytes, count, at, "true", 4);
        break;
    case 'f':
        at = tg_skip_literal(bytes, count, at, "false", 5);
        break;
    case 'n':
        at = tg_skip_literal(bytes, count, at, "null", 4);
        break;
    default:
        if (bytes[at] != '-' && !tg_is_digit(bytes[at])) return TG_SKIP_GIVE_UP;
        at = tg_skip_number(bytes, count, at);
        break;
    }
    if (at == TG_SKIP_GIVE_UP) return TG_SKIP_GIVE_UP;

after_value:
    if (depth == 0) return at;
    at = tg_skip_space(bytes, count, at);
    if (at >= count) return TG_SKIP_GIVE_UP;
    if (bytes[at] == ',') {
        at = tg_skip_space(bytes, count, at + 1);
        if (is_object[depth - 1]) goto key;
        goto value;
    }
    if (bytes[at] != (is_object[depth - 1] ? '}' : ']')) return TG_SKIP_GIVE_UP;
    at++;
    depth--;
    goto after_value;

key:
    if (at >= count || bytes[at] != '"') return TG_SKIP_GIVE_UP;
    at = tg_skip_string(bytes, count, at);
    if (at == TG_SKIP_GIVE_UP) return TG_SKIP_GIVE_UP;
    at = tg_skip_space(bytes, count, at);
    if (at >= count || bytes[at] != ':') return TG_SKIP_GIVE_UP;
    at = tg_skip_space(bytes, count, at + 1);
    goto value;
}
