/* The node's list of protocol roles (mipsim/role/role.h). */
#include "role/role.h"

#include <stdarg.h>
#include <string.h>

void
ms_role_attach(struct ms_node *n, struct ms_role *r)
{
    r->node = n;
    r->next = NULL;
    struct ms_role **pp = &n->roles;
    while (*pp != NULL)
        pp = &(*pp)->next;
    *pp = r;
}

struct ms_role *
ms_role_find(const struct ms_node *n, const char *name)
{
    for (struct ms_role *r = n->roles; r != NULL; r = r->next)
        if (r->ops != NULL && r->ops->name != NULL && strcmp(r->ops->name, name) == 0)
            return r;
    return NULL;
}

void
ms_iface_l2_event(struct ms_iface *ifc, const struct ms_l2_event *ev)
{
    for (struct ms_role *r = ifc->node->roles; r != NULL; r = r->next)
        if (r->ops->on_l2 != NULL)
            r->ops->on_l2(r, ifc, ev);
}

void
ms_role_log(const struct ms_role *r, enum ms_log_level lv, const char *fmt, ...)
{
    const struct ms_logger *lg = &r->node->sim->log;
    if (!ms_log_enabled(lg, lv))
        return;
    va_list ap;
    va_start(ap, fmt);
    ms_vlog(lg, lv, r->node->name, fmt, ap);
    va_end(ap);
}
