/* Protection of mobile node <-> home agent signalling: the seam.
 *
 * RFC 6275 s5.1 requires the Binding Update / Binding Acknowledgement
 * exchange between a mobile node and its home agent to be protected by
 * IPsec ESP in transport mode (RFC 4877 for IKEv2), the return routability
 * messages HoTI/HoT to be protected by ESP in tunnel mode on the MN-HA
 * tunnel (s10.4.6), and optionally reverse-tunnelled payload too (s10.4.5).
 *
 * mipsim DOES NOT IMPLEMENT IPsec.  Every home agent and mobile node holds
 * a `struct ms_mnha` and calls it at exactly the points where IPsec
 * processing would happen; the only implementation today is "none", which
 * accepts everything and adds nothing.  A real implementation (ESP with a
 * static SA table, or the RFC 4285 Authentication option as an alternative)
 * plugs in by providing a struct ms_mnha_ops:
 *
 *   - verify_bu:     HA, on every received BU with the H flag, after the
 *                    MH decode and before RFC 6275 s10.3.1 processing
 *                    ("it MUST authenticate the Binding Update as described
 *                    in Section 5.1 ... the home address unequivocally
 *                    identifying the security association").  Failure:
 *                    the BU is silently dropped (s9.5.1 last rule).
 *   - protect_out:   HA before sending a BA, the MN before sending a BU
 *                    (ESP transport mode would be inserted here, between
 *                    the extension headers and the Mobility Header).
 *   - verify_tunnel: HA on a reverse-tunnelled packet (s10.4.5: "MAY be
 *                    discarded unless accompanied by a valid ESP header");
 *                    with ESP in tunnel mode the CoA check is not needed.
 *
 * The hooks borrow the packet (never consume it).  "none" returns 0 for all.
 */
#ifndef MIPSIM_SEC_MNHA_H
#define MIPSIM_SEC_MNHA_H

#include <netinet/in.h>

#include "core/pkt.h"

struct ms_mnha;

struct ms_mnha_ops {
    const char *name; /* "none", later "esp", "auth-option" */
    /* 0 = authorised, MS_EAUTH_FAIL = drop. */
    int (*verify_bu)(const struct ms_mnha *sa, const struct ms_pkt *pkt,
                     const struct in6_addr *hoa);
    /* May rewrite pkt in place (pkt->data at the IPv6 header).  0 or a
     * negative code (the caller drops the packet). */
    int (*protect_out)(const struct ms_mnha *sa, struct ms_pkt *pkt, const struct in6_addr *hoa);
    /* 0 = accept the reverse-tunnelled packet, MS_EAUTH_FAIL = drop. */
    int (*verify_tunnel)(const struct ms_mnha *sa, const struct ms_pkt *pkt,
                         const struct in6_addr *hoa);
};

struct ms_mnha {
    const struct ms_mnha_ops *ops;
    void *ctx; /* the implementation's state (keys, SAD/SPD); NULL for none */
};

/* The "none" protection: everything is accepted, nothing is added. */
void ms_mnha_init_none(struct ms_mnha *sa);

/* Dispatchers (a NULL sa or NULL hook means "none"). */
int ms_mnha_verify_bu(const struct ms_mnha *sa, const struct ms_pkt *pkt,
                      const struct in6_addr *hoa);
int ms_mnha_protect_out(const struct ms_mnha *sa, struct ms_pkt *pkt, const struct in6_addr *hoa);
int ms_mnha_verify_tunnel(const struct ms_mnha *sa, const struct ms_pkt *pkt,
                          const struct in6_addr *hoa);

#endif
