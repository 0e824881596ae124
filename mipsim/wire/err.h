/* mipsim error codes.
 *
 * Functions return int: 0 or a positive count on success, a negative code on
 * failure.  System failures pass through as -errno; mipsim's own reasons come
 * from MS_ERR_MAP below and are numbered from -5000 down so that they never
 * collide with errno values.  The same list names the per-node drop counters.
 */
#ifndef MIPSIM_WIRE_ERR_H
#define MIPSIM_WIRE_ERR_H

#define MS_ERR_MAP(X)                                                                              \
    X(TRUNC, "truncated")                                                                          \
    X(BAD_LEN, "bad length field")                                                                 \
    X(ZERO_OPTLEN, "zero option length")                                                           \
    X(BAD_OPTLEN, "bad option length")                                                             \
    X(OPT_OVERRUN, "option overruns the header")                                                   \
    X(BAD_PAD, "bad padding")                                                                      \
    X(BAD_ALIGN, "option alignment violated")                                                      \
    X(BAD_CHECKSUM, "bad checksum")                                                                \
    X(UNKNOWN_TYPE, "unknown type")                                                                \
    X(BAD_VERSION, "bad IP version")                                                               \
    X(BAD_CODE, "bad code")                                                                        \
    X(BAD_FIELD, "bad field value")                                                                \
    X(BAD_PROTO, "unexpected payload protocol")                                                    \
    X(BAD_HOPLIMIT, "bad hop limit")                                                               \
    X(BAD_SOURCE, "bad source address")                                                            \
    X(BAD_DEST, "bad destination address")                                                         \
    X(EXT_ORDER, "extension header out of order")                                                  \
    X(UNKNOWN_NH, "unknown next header")                                                           \
    X(UNKNOWN_OPT, "unknown option with discard action")                                           \
    X(BADF_NOT_LAST, "authorization data option not last")                                         \
    X(DUP_OPT, "duplicate option")                                                                 \
    X(NO_ROUTE, "no route to destination")                                                         \
    X(NO_NEIGHBOR, "neighbor unreachable")                                                         \
    X(HOPLIMIT_EXCEEDED, "hop limit exceeded")                                                     \
    X(TOO_BIG, "packet too big for link MTU")                                                      \
    X(NOT_FOR_US, "not addressed to this node")                                                    \
    X(NO_LISTENER, "no listener on port")                                                          \
    X(LINK_LOSS, "lost on link")                                                                   \
    X(LINK_DOWN, "link down")                                                                      \
    X(QUEUE_FULL, "queue full")                                                                    \
    X(NO_BUFS, "packet pool exhausted")                                                            \
    X(NO_BINDING, "no binding")                                                                    \
    X(AUTH_FAIL, "authorization failed")                                                           \
    X(POLICY, "rejected by policy")                                                                \
    X(RATE_LIMIT, "rate limited")                                                                  \
    X(SCRIPT, "script error")                                                                      \
    X(TOPOLOGY, "topology error")

/* Codes are consecutive and all below -4096 (past every errno value):
 * MS_ETRUNC == MS_ERR__BASE + 1, MS_EBAD_LEN == MS_ERR__BASE + 2, ... */
enum ms_err {
    MS_ERR__BASE = -5100,
#define MS_ERR_ENUM(name, text) MS_E##name,
    MS_ERR_MAP(MS_ERR_ENUM)
#undef MS_ERR_ENUM
        MS_ERR__END
};
#define MS_ERR__COUNT (MS_ERR__END - MS_ERR__BASE - 1)

/* Short symbolic name ("TRUNC"), or "errno" / "unknown" for other values. */
const char *ms_err_name(int code);
/* Human-readable text; for -errno values, strerror's text. */
const char *ms_strerror(int code);
/* Index 0..MS_ERR__COUNT-1 of a mipsim code, or -1 when code is not one. */
int ms_err_index(int code);

#endif
