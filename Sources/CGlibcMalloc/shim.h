#ifndef TRAILGRID_CGLIBCMALLOC_SHIM_H
#define TRAILGRID_CGLIBCMALLOC_SHIM_H

/* glibc's allocator tuning (malloc.h is not part of Swift's Glibc module). */
#include <malloc.h>

/* Fixes the mmap threshold at `bytes`, which also turns off glibc's dynamic
 * raising of it (see ProcessMemory.swift). Returns mallopt's result. */
static inline int tg_fix_mmap_threshold(int bytes) { return mallopt(M_MMAP_THRESHOLD, bytes); }

#endif
