/* The "none" MN-HA protection (see mnha.h: IPsec is not implemented). */
#include "sec/mnha.h"

#include <stddef.h>

static const struct ms_mnha_ops none_ops = {
    .name = "none",
    .verify_bu = NULL,
    .protect_out = NULL,
    .verify_tunnel = NULL,
};

void
ms_mnha_init_none(struct ms_mnha *sa)
{
    sa->ops = &none_ops;
    sa->ctx = NULL;
}

int
ms_mnha_verify_bu(const struct ms_mnha *sa, const struct ms_pkt *pkt, const struct in6_addr *hoa)
{
    if (sa == NULL || sa->ops == NULL || sa->ops->verify_bu == NULL)
        return 0;
    return sa->ops->verify_bu(sa, pkt, hoa);
}

int
ms_mnha_protect_out(const struct ms_mnha *sa, struct ms_pkt *pkt, const struct in6_addr *hoa)
{
    if (sa == NULL || sa->ops == NULL || sa->ops->protect_out == NULL)
        return 0;
    return sa->ops->protect_out(sa, pkt, hoa);
}

int
ms_mnha_verify_tunnel(const struct ms_mnha *sa, const struct ms_pkt *pkt,
                      const struct in6_addr *hoa)
{
    if (sa == NULL || sa->ops == NULL || sa->ops->verify_tunnel == NULL)
        return 0;
    return sa->ops->verify_tunnel(sa, pkt, hoa);
}
