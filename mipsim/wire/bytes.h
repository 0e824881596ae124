/* Byte-order helpers for codecs.  Codecs never cast a buffer to a packed
 * struct; they read and write fields through these. */
#ifndef MIPSIM_WIRE_BYTES_H
#define MIPSIM_WIRE_BYTES_H

#include <stdint.h>
#include <string.h>

static inline uint8_t
ms_rd8(const uint8_t *p)
{
    return p[0];
}

static inline uint16_t
ms_rd16(const uint8_t *p)
{
    return (uint16_t)((p[0] << 8) | p[1]);
}

static inline uint32_t
ms_rd32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

static inline uint64_t
ms_rd64(const uint8_t *p)
{
    return ((uint64_t)ms_rd32(p) << 32) | ms_rd32(p + 4);
}

static inline void
ms_wr8(uint8_t *p, uint8_t v)
{
    p[0] = v;
}

static inline void
ms_wr16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

static inline void
ms_wr32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static inline void
ms_wr64(uint8_t *p, uint64_t v)
{
    ms_wr32(p, (uint32_t)(v >> 32));
    ms_wr32(p + 4, (uint32_t)v);
}

#endif
