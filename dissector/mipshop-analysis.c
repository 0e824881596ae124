/* mipshop-analysis.c - what no single packet says: which mobile node a
 * message concerns, which request a response answers, and which handover a
 * frame belongs to.
 *
 * The state is built on the first pass only (!PINFO_FD_VISITED), in file
 * scope, and each frame keeps what the first pass found (p_add_proto_data),
 * so later passes and the GUI show the same links both ways, as the DNS
 * dissector does.
 *
 * Mobile nodes are known by their MAC (the layer-2 event frames name it),
 * by their home address (BUs, HoTIs, MPSs) and by every address they send
 * from on their access link.  A handover follows mipsim's own record
 * (mipsim/role/mn_move.c, mipsim/report/report.h): it begins at the first
 * link-going-down or handover-start trigger, or at link down, of an attached
 * MN; its milestones are L2 down, L2 up, the first home-registration BU sent
 * after it began, the first BA answering such a BU, and the first data
 * packet delivered to the MN over the new path (tunnelled to the new CoA,
 * with a Type 2 Routing Header, or plainly at home once deregistered).
 * Latency = BA received - L2 down; disruption = first data - L2 down.
 *
 * Captures are timestamped when a frame is sent.  A frame to the MN reaches
 * it one access-link delay later; the delay is estimated from the MN's
 * Neighbor Solicitation/Advertisement exchanges (the smallest time from a
 * solicitation to its answer, the answering node replying at once) and added
 * to the BA and first-data times seen on the MN's own link.
 *
 * A message seen on several links (captures merged with mergecap: one pcapng
 * interface per link) is one message: the same transaction key and the same
 * octets.  Its copies link to the first one; response times pair copies on
 * the same interface.
 */
#include "mipshop.h"

#include <epan/address.h>
#include <epan/proto_data.h>
#include <epan/tap.h>
#include <epan/to_str.h>
#include <wsutil/str_util.h>

#define COPY_WINDOW_NS (2 * G_GINT64_CONSTANT(1000000000)) /* a copy follows within 2 s */
#define NS_NA_MAX_NS G_GINT64_CONSTANT(1000000000)         /* NS -> NA samples under 1 s */
#define MAX_OBS 8

enum ho_phase {
    PHASE_NONE = 0,
    PHASE_ANTICIPATION,
    PHASE_L2_GAP,
    PHASE_MOVEMENT,
    PHASE_REGISTRATION,
    PHASE_REGISTERED,
    PHASE_COMPLETED,
    PHASE_FORWARDED,
};

static const value_string phase_vals[] = {
    {PHASE_ANTICIPATION, "anticipation (link going down, still attached)"},
    {PHASE_L2_GAP, "layer-2 gap (link down)"},
    {PHASE_MOVEMENT, "movement detection and address configuration (link up)"},
    {PHASE_REGISTRATION, "registration (BU sent, waiting for the BA)"},
    {PHASE_REGISTERED, "registered (BA received, waiting for data on the new path)"},
    {PHASE_COMPLETED, "completed (data arrives on the new path)"},
    {PHASE_FORWARDED, "data reaches the new link, home registration pending"},
    {0, NULL},
};

static const value_string tk_vals[] = {
    {MIPSHOP_TK_BU, "BU/BA"},      {MIPSHOP_TK_FBU, "FBU/FBack"},
    {MIPSHOP_TK_HI, "HI/HAck"},    {MIPSHOP_TK_RTSOLPR, "RtSolPr/PrRtAdv"},
    {MIPSHOP_TK_HOTI, "HoTI/HoT"}, {MIPSHOP_TK_COTI, "CoTI/CoT"},
    {MIPSHOP_TK_BRR, "BRR/BU"},    {MIPSHOP_TK_DHAAD, "DHAAD Request/Reply"},
    {MIPSHOP_TK_MPS, "MPS/MPA"},   {0, NULL},
};

struct ho;

struct mn {
    struct mn *merged; /* non-NULL once folded into another record */
    uint32_t index;
    gboolean has_mac, has_hoa;
    uint8_t mac[6];
    ws_in6_addr hoa;
    char ap[MIPSHOP_APID_LEN];
    gboolean attached, attach_known, ho_begun;
    wmem_array_t *hos; /* struct ho * */
    struct ho *cur;
    int64_t delay_min;
    uint32_t delay_n;
};

struct ho {
    struct mn *mn;
    uint32_t uid;
    uint32_t number;
    char from[MIPSHOP_APID_LEN], to[MIPSHOP_APID_LEN];
    int64_t t_start, t_trigger, t_down, t_up, t_bu, t_ba, t_data;
    uint32_t f_trigger, f_down, f_up, f_bu, f_ba, f_data;
    gboolean bu_wanted, ba_final, data_final;
    gboolean has_new_coa, dereg;
    ws_in6_addr new_coa;
    int ba_status;
    uint32_t nsignal;
    char signals[256];
};

struct obs {
    uint32_t frame, iface;
    int64_t ts;
    gboolean rsp, eth;
    uint8_t src[6], dst[6];
};

struct trans {
    int tk;
    uint32_t id;
    gboolean expects, home_reg, map_reg;
    uint32_t req_frame, rsp_frame;
    int64_t req_ts, rsp_ts;
    uint32_t req_hash, rsp_hash;
    struct obs obs[MAX_OBS];
    int nobs;
    struct mn *mn;
};

enum seq_problem { SEQ_OK = 0, SEQ_REGRESSION, SEQ_REUSE };

enum milestone {
    MS_NONE = 0,
    MS_TRIGGER = 1 << 0,
    MS_DOWN = 1 << 1,
    MS_UP = 1 << 2,
    MS_BU = 1 << 3,
    MS_BA = 1 << 4,
    MS_DATA = 1 << 5,
};

struct finfo {
    struct mn *mn;
    struct trans *trans, *brr; /* brr: the BRR a BU answers */
    gboolean is_req, is_rsp, rsp_extra;
    uint32_t copy_of;
    gboolean has_coa;
    ws_in6_addr coa;
    int seq_problem;
    uint32_t seq_prev, seq_prev_frame;
    struct ho *ho;
    int phase;
    uint32_t milestones;
    gboolean attach_only; /* a data frame kept only as a milestone */
};

struct seqtrack {
    uint32_t seq, frame;
};

struct nsrec {
    int64_t ts;
};

static int hf_mipshop_msg = -1;
static int hf_mipshop_msg_ref = -1;
static int hf_mipshop_mn_mac = -1;
static int hf_mipshop_mn_hoa = -1;
static int hf_mipshop_mn_coa = -1;
static int hf_mipshop_mn_pcoa = -1;
static int hf_mipshop_mn_ncoa = -1;
static int hf_mipshop_mn_rcoa = -1;
static int hf_mipshop_trans_kind = -1;
static int hf_mipshop_trans_id = -1;
static int hf_mipshop_trans_request_in = -1;
static int hf_mipshop_trans_response_in = -1;
static int hf_mipshop_trans_time = -1;
static int hf_mipshop_trans_copy_of = -1;
static int hf_mipshop_trans_brr_in = -1;
static int hf_mipshop_ho_number = -1;
static int hf_mipshop_ho_from = -1;
static int hf_mipshop_ho_to = -1;
static int hf_mipshop_ho_phase = -1;
static int hf_mipshop_ho_since_down = -1;
static int hf_mipshop_ho_milestone = -1;
static int hf_mipshop_ho_down_in = -1;
static int hf_mipshop_ho_up_in = -1;
static int hf_mipshop_ho_bu_in = -1;
static int hf_mipshop_ho_ba_in = -1;
static int hf_mipshop_ho_data_in = -1;
static int hf_mipshop_ho_gap = -1;
static int hf_mipshop_ho_latency = -1;
static int hf_mipshop_ho_disruption = -1;
static int hf_mipshop_ho_delay = -1;

static gint ett_mipshop_mn = -1;
static gint ett_mipshop_trans = -1;
static gint ett_mipshop_ho = -1;

static expert_field ei_mipshop_no_response = EI_INIT;
static expert_field ei_mipshop_seq_regression = EI_INIT;
static expert_field ei_mipshop_seq_reuse = EI_INIT;
static expert_field ei_mipshop_extra_response = EI_INIT;
static expert_field ei_mipshop_no_request = EI_INIT;

static int mipshop_tap = -1;

/* File-scoped state, reset with each capture. */
static wmem_map_t *mn_by_mac, *mn_by_addr, *trans_by_key, *seq_by_key, *ns_by_key;
static wmem_array_t *mn_list;
static uint32_t first_4068_frame;
static uint32_t ho_count;

static void
analysis_init(void)
{
    mn_list = wmem_array_new(wmem_file_scope(), sizeof(struct mn *));
    first_4068_frame = 0;
    ho_count = 0;
}

static void
analysis_cleanup(void)
{
    mn_list = NULL;
}

void
mipshop_analysis_init(void)
{
    mn_by_mac =
        wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_str_hash, g_str_equal);
    mn_by_addr =
        wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_str_hash, g_str_equal);
    trans_by_key =
        wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_str_hash, g_str_equal);
    seq_by_key =
        wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_str_hash, g_str_equal);
    ns_by_key =
        wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_str_hash, g_str_equal);
    register_init_routine(analysis_init);
    register_cleanup_routine(analysis_cleanup);
    mipshop_tap = register_tap("mipshop");
}

gboolean
mipshop_analysis_4068_at(uint32_t frame)
{
    return first_4068_frame != 0 && first_4068_frame <= frame;
}

/* ---- small helpers ---- */

static const char *
a6s(wmem_allocator_t *scope, const ws_in6_addr *a)
{
    address ad;
    set_address(&ad, AT_IPv6, sizeof *a, a);
    return address_to_str(scope, &ad);
}

/* Short-lived text: keys for lookups, tree labels. */
static const char *
a6(const ws_in6_addr *a)
{
    return a6s(wmem_packet_scope(), a);
}

static const char *
mac_str(wmem_allocator_t *scope, const uint8_t *mac)
{
    address ad;
    set_address(&ad, AT_ETHER, 6, mac);
    return address_to_str(scope, &ad);
}

static gboolean
in6_eq(const ws_in6_addr *a, const ws_in6_addr *b)
{
    return memcmp(a, b, sizeof *a) == 0;
}

static gboolean
in6_unspec(const ws_in6_addr *a)
{
    static const ws_in6_addr zero;
    return in6_eq(a, &zero);
}

static struct mn *
mn_resolve(struct mn *n)
{
    while (n != NULL && n->merged != NULL)
        n = n->merged;
    return n;
}

static struct mn *
mn_by_mac_get(const uint8_t *mac)
{
    if (mn_list == NULL)
        return NULL;
    return mn_resolve(wmem_map_lookup(mn_by_mac, mac_str(wmem_packet_scope(), mac)));
}

static struct mn *
mn_by_addr_get(const ws_in6_addr *a)
{
    if (mn_list == NULL || in6_unspec(a))
        return NULL;
    address ad;
    set_address(&ad, AT_IPv6, sizeof *a, a);
    return mn_resolve(wmem_map_lookup(mn_by_addr, address_to_str(wmem_packet_scope(), &ad)));
}

static struct mn *
mn_new(void)
{
    struct mn *n = wmem_new0(wmem_file_scope(), struct mn);
    n->hos = wmem_array_new(wmem_file_scope(), sizeof(struct ho *));
    n->delay_min = -1;
    wmem_array_append_one(mn_list, n);
    n->index = wmem_array_get_count(mn_list);
    return n;
}

static void
mn_learn_addr(struct mn *n, const ws_in6_addr *a)
{
    if (in6_unspec(a) || mn_by_addr_get(a) == n)
        return;
    /* An address another MN already owns stays with it. */
    if (mn_by_addr_get(a) != NULL)
        return;
    wmem_map_insert(mn_by_addr, a6s(wmem_file_scope(), a), n);
}

static void
mn_set_mac(struct mn *n, const uint8_t *mac)
{
    if (n->has_mac)
        return;
    n->has_mac = TRUE;
    memcpy(n->mac, mac, 6);
    wmem_map_insert(mn_by_mac, mac_str(wmem_file_scope(), mac), n);
}

static void
mn_set_hoa(struct mn *n, const ws_in6_addr *hoa)
{
    if (!n->has_hoa) {
        n->has_hoa = TRUE;
        n->hoa = *hoa;
    }
    mn_learn_addr(n, hoa);
}

static gint
ho_cmp(gconstpointer a, gconstpointer b)
{
    const struct ho *x = *(const struct ho *const *)a, *y = *(const struct ho *const *)b;
    return x->t_start < y->t_start ? -1 : x->t_start > y->t_start;
}

/* Folds b into a: one mobile node seen first by its MAC, then by its home
 * address (or the other way round). */
static struct mn *
mn_merge(struct mn *a, struct mn *b)
{
    a = mn_resolve(a);
    b = mn_resolve(b);
    if (a == NULL || b == NULL || a == b)
        return a != NULL ? a : b;
    if (b->index < a->index) {
        struct mn *t = a;
        a = b;
        b = t;
    }
    b->merged = a;
    if (!a->has_mac && b->has_mac) {
        a->has_mac = TRUE;
        memcpy(a->mac, b->mac, 6);
    }
    if (!a->has_hoa && b->has_hoa) {
        a->has_hoa = TRUE;
        a->hoa = b->hoa;
    }
    if (a->ap[0] == '\0')
        memcpy(a->ap, b->ap, sizeof a->ap);
    if (!a->attach_known) {
        a->attach_known = b->attach_known;
        a->attached = b->attached;
        a->ho_begun = b->ho_begun;
    }
    guint nb = wmem_array_get_count(b->hos);
    for (guint i = 0; i < nb; i++) {
        struct ho *h = *(struct ho **)wmem_array_index(b->hos, i);
        h->mn = a;
        wmem_array_append_one(a->hos, h);
    }
    wmem_array_sort(a->hos, ho_cmp);
    guint na = wmem_array_get_count(a->hos);
    for (guint i = 0; i < na; i++)
        (*(struct ho **)wmem_array_index(a->hos, i))->number = i + 1;
    if (b->cur != NULL && (a->cur == NULL || b->cur->t_start > a->cur->t_start))
        a->cur = b->cur;
    if (b->delay_n > 0 && (a->delay_n == 0 || b->delay_min < a->delay_min))
        a->delay_min = b->delay_min;
    a->delay_n += b->delay_n;
    /* Lookups follow b->merged, so the maps need no rewriting. */
    return a;
}

/* ---- handovers ---- */

static struct ho *
ho_begin(struct mn *n, int64_t ts, const char *to)
{
    struct ho *h = wmem_new0(wmem_file_scope(), struct ho);
    h->mn = n;
    h->uid = ++ho_count;
    h->t_start = ts;
    h->t_trigger = h->t_down = h->t_up = h->t_bu = h->t_ba = h->t_data = -1;
    h->ba_status = -1;
    h->bu_wanted = TRUE;
    g_strlcpy(h->from, n->ap, sizeof h->from);
    if (to != NULL)
        g_strlcpy(h->to, to, sizeof h->to);
    wmem_array_append_one(n->hos, h);
    h->number = wmem_array_get_count(n->hos);
    n->cur = h;
    return h;
}

static int
ho_phase(const struct ho *h)
{
    /* FMIPv6 delivers data on the new link (the PAR's tunnel to the NCoA)
     * before the home registration completes. */
    if (h->t_data >= 0 && h->t_bu >= 0 && h->t_ba < 0)
        return PHASE_FORWARDED;
    if (h->t_data >= 0 && h->t_bu < 0)
        return PHASE_FORWARDED;
    if (h->t_data >= 0)
        return PHASE_COMPLETED;
    if (h->t_ba >= 0)
        return PHASE_REGISTERED;
    if (h->t_bu >= 0)
        return PHASE_REGISTRATION;
    if (h->t_up >= 0)
        return PHASE_MOVEMENT;
    if (h->t_down >= 0)
        return PHASE_L2_GAP;
    return PHASE_ANTICIPATION;
}

static void
ho_signal(struct ho *h, const char *abbrev)
{
    h->nsignal++;
    size_t used = strlen(h->signals);
    if (used + strlen(abbrev) + 2 < sizeof h->signals)
        g_snprintf(h->signals + used, (gulong)(sizeof h->signals - used), "%s%s",
                   used > 0 ? " " : "", abbrev);
}

/* The layer-2 events of mipsim/role/mn_move.c: a handover begins at the
 * first trigger or link down of an attached MN. */
static void
l2_event(struct mn *n, const struct mipshop_msg *m, const struct mipshop_pkt *pkt, struct finfo *fi,
         uint32_t num)
{
    int64_t ts = pkt->ts_ns;
    /* A first event that is not Link Up: the MN was attached before the
     * capture began. */
    gboolean attached = n->attached || !n->attach_known;
    switch (m->type) {
    case MS_L2EV_LINK_GOING_DOWN:
    case MS_L2EV_HANDOVER_START:
        if (n->ap[0] == '\0' && m->ap_id[0] != '\0')
            g_strlcpy(n->ap, m->ap_id, sizeof n->ap);
        if (!n->ho_begun && attached) {
            ho_begin(n, ts, m->target_ap_id[0] != '\0' ? m->target_ap_id : NULL);
            n->ho_begun = TRUE;
        }
        if (n->cur != NULL && n->cur->t_trigger < 0) {
            n->cur->t_trigger = ts;
            n->cur->f_trigger = num;
            fi->milestones |= MS_TRIGGER;
        }
        break;
    case MS_L2EV_LINK_DOWN:
        if (n->ap[0] == '\0' && m->ap_id[0] != '\0')
            g_strlcpy(n->ap, m->ap_id, sizeof n->ap);
        if (!n->ho_begun && attached)
            ho_begin(n, ts, NULL);
        n->ho_begun = FALSE;
        if (n->cur != NULL && n->cur->t_down < 0) {
            n->cur->t_down = ts;
            n->cur->f_down = num;
            fi->milestones |= MS_DOWN;
        }
        n->attached = FALSE;
        n->attach_known = TRUE;
        break;
    case MS_L2EV_LINK_UP:
        n->attached = TRUE;
        n->attach_known = TRUE;
        if (m->ap_id[0] != '\0')
            g_strlcpy(n->ap, m->ap_id, sizeof n->ap);
        if (n->cur != NULL && n->cur->to[0] == '\0')
            g_strlcpy(n->cur->to, n->ap, sizeof n->cur->to);
        if (n->cur != NULL && n->cur->t_up < 0) {
            n->cur->t_up = ts;
            n->cur->f_up = num;
            fi->milestones |= MS_UP;
        }
        break;
    default:
        break;
    }
}

/* ---- which mobile node ---- */

static gboolean
mac_is_mn(const uint8_t *mac)
{
    return mn_by_mac_get(mac) != NULL;
}

/* Messages a mobile node sends (so a home address in them names it). */
static gboolean
creates_mn(const struct mipshop_msg *m)
{
    if (m->family != MIPSHOP_F_MH)
        return m->family == MIPSHOP_F_ICMP && m->type == MS_ICMP6_MPS && m->has_hoa;
    return (m->type == MS_MH_BU && !m->map_reg) || m->type == MS_MH_HOTI;
}

/* Other messages only a mobile node sends; the link-scoped ones (RtSolPr,
 * UNA) also name its MAC as their Ethernet source. */
static gboolean
mn_originated(const struct mipshop_msg *m, gboolean *link_scoped)
{
    *link_scoped = FALSE;
    if (m->family == MIPSHOP_F_MH)
        return m->type == MS_MH_FBU || m->type == MS_MH_FNA || m->type == MS_MH_COTI;
    if (m->family != MIPSHOP_F_ICMP)
        return FALSE;
    if ((m->type == MS_ICMP6_FMIP || m->type == MS_ICMP6_EXP_MOBILITY) &&
        m->subtype == MS_FMIP_RTSOLPR)
        return *link_scoped = TRUE;
    if (m->type == MS_ICMP6_NA && m->abbrev != NULL && strcmp(m->abbrev, "UNA") == 0)
        return *link_scoped = TRUE;
    return m->type == MS_ICMP6_DHAAD_REQUEST;
}

static struct mn *
find_mn(const struct mipshop_pkt *pkt, const struct mipshop_msg *m)
{
    struct mn *n = NULL;
    struct mn *by_mac = NULL;
    if (pkt->eth && mac_is_mn(pkt->eth_src))
        by_mac = mn_by_mac_get(pkt->eth_src);
    else if (pkt->eth && mac_is_mn(pkt->eth_dst))
        by_mac = mn_by_mac_get(pkt->eth_dst);
    else if (m->has_mn_mac)
        by_mac = mn_by_mac_get(m->mn_mac);
    if (m->has_hoa)
        n = mn_by_addr_get(&m->hoa);
    if (n == NULL && m->has_hoa && creates_mn(m)) {
        n = by_mac != NULL ? by_mac : mn_new();
        mn_set_hoa(n, &m->hoa);
    }
    if (n != NULL && by_mac != NULL && n != by_mac)
        n = mn_merge(n, by_mac);
    if (n == NULL)
        n = by_mac;
    const ws_in6_addr *cands[] = {m->has_coa ? &m->coa : NULL, m->has_pcoa ? &m->pcoa : NULL,
                                  m->has_ncoa ? &m->ncoa : NULL, &m->src, &m->dst};
    for (size_t i = 0; n == NULL && i < G_N_ELEMENTS(cands); i++)
        if (cands[i] != NULL)
            n = mn_by_addr_get(cands[i]);
    /* Tunnels: the outer addresses are the MN's care-of addresses. */
    for (int i = 0; n == NULL && i < pkt->nip; i++) {
        n = mn_by_addr_get(&pkt->ip[i].dst);
        if (n == NULL)
            n = mn_by_addr_get(&pkt->ip[i].src);
    }
    gboolean link_scoped;
    gboolean from_mn = creates_mn(m) || mn_originated(m, &link_scoped);
    if (n == NULL && mn_originated(m, &link_scoped)) {
        n = mn_new();
        if (m->has_mn_mac)
            mn_set_mac(n, m->mn_mac);
        else if (link_scoped && pkt->eth && !(pkt->eth_src[0] & 1))
            mn_set_mac(n, pkt->eth_src);
    }
    n = mn_resolve(n);
    if (n == NULL)
        return NULL;
    if (m->has_hoa && creates_mn(m))
        mn_set_hoa(n, &m->hoa);
    if (m->map_reg)
        mn_learn_addr(n, &m->hoa); /* the RCoA */
    if (from_mn || m->map_reg) {
        mn_learn_addr(n, &m->src);
        if (m->has_coa)
            mn_learn_addr(n, &m->coa);
        if (m->has_pcoa)
            mn_learn_addr(n, &m->pcoa);
    }
    return n;
}

/* Every address the MN sends from on its access link is its own. */
static void
learn(const struct mipshop_pkt *pkt)
{
    if (!pkt->eth || pkt->nip == 0)
        return;
    struct mn *n = mn_by_mac_get(pkt->eth_src);
    if (n != NULL) {
        for (int i = 0; i < pkt->nip; i++) {
            mn_learn_addr(n, &pkt->ip[i].src);
            if (pkt->ip[i].has_hoa)
                mn_learn_addr(n, &pkt->ip[i].hoa);
        }
        return;
    }
    n = mn_by_mac_get(pkt->eth_dst);
    if (n != NULL)
        mn_learn_addr(n, &pkt->ip[0].dst);
}

/* ---- access-link delay from NS -> NA ---- */

static void
nd_sample(const struct mipshop_pkt *pkt, const struct mipshop_msg *m)
{
    const struct mipshop_ip6 *ip = mipshop_pkt_inner(pkt);
    if (ip == NULL || !pkt->eth || pkt->nip != 1)
        return;
    if (m->nd_ns) {
        if (in6_unspec(&ip->src))
            return; /* DAD: its answer goes to all nodes */
        char *k = wmem_strdup_printf(wmem_packet_scope(), "%s|%s|%u", a6(&ip->src),
                                     a6(&m->nd_target), pkt->iface);
        struct nsrec *r = wmem_map_lookup(ns_by_key, k);
        if (r == NULL) {
            r = wmem_new0(wmem_file_scope(), struct nsrec);
            wmem_map_insert(ns_by_key, wmem_strdup(wmem_file_scope(), k), r);
        }
        r->ts = pkt->ts_ns;
        return;
    }
    if (!m->nd_na || !m->na_solicited)
        return;
    char *k = wmem_strdup_printf(wmem_packet_scope(), "%s|%s|%u", a6(&ip->dst), a6(&m->nd_target),
                                 pkt->iface);
    struct nsrec *r = wmem_map_lookup(ns_by_key, k);
    if (r == NULL || r->ts < 0)
        return;
    int64_t d = pkt->ts_ns - r->ts;
    r->ts = -1; /* one answer per solicitation */
    if (d < 0 || d > NS_NA_MAX_NS)
        return;
    struct mn *n = mn_by_mac_get(pkt->eth_src);
    if (n == NULL)
        n = mn_by_mac_get(pkt->eth_dst);
    if (n == NULL)
        return;
    if (n->delay_n == 0 || d < n->delay_min)
        n->delay_min = d;
    n->delay_n++;
}

static int64_t
mn_delay(const struct mn *n, gboolean *fixed)
{
    *fixed = !mipshop_prefs.estimate_delay;
    if (!mipshop_prefs.estimate_delay)
        return (int64_t)mipshop_prefs.access_delay_us * 1000;
    return n->delay_n > 0 ? n->delay_min : -1;
}

/* ---- transactions ---- */

/* The key of a message's transaction; with `space`, the key of its
 * sequence-number space (the same without the number).  Allocated in the
 * packet scope: the caller copies what it keeps. */
static const char *
trans_key(const struct mipshop_msg *m, gboolean space)
{
    wmem_allocator_t *s = wmem_packet_scope();
    /* The mobile node's address and its peer's, from either direction. */
    const ws_in6_addr *mn = m->is_request ? &m->src : &m->dst;
    const ws_in6_addr *peer = m->is_request ? &m->dst : &m->src;
    const char *base;
    switch (m->tk) {
    case MIPSHOP_TK_BU:
        base = wmem_strdup_printf(s, "bu|%s|%s", a6(&m->hoa), a6(peer));
        break;
    case MIPSHOP_TK_FBU:
        /* FBack goes to the NCoA or the PCoA: the key is the PAR's. */
        if (space)
            return wmem_strdup_printf(s, "fbu|%s|%s", a6(peer), a6(&m->hoa));
        base = wmem_strdup_printf(s, "fbu|%s", a6(peer));
        break;
    case MIPSHOP_TK_HI: {
        /* HI: PAR -> NAR; HAck: NAR -> PAR. */
        const ws_in6_addr *par = m->is_request ? &m->src : &m->dst;
        const ws_in6_addr *nar = m->is_request ? &m->dst : &m->src;
        base = wmem_strdup_printf(s, "hi%d|%s|%s", m->family, a6(par), a6(nar));
        break;
    }
    case MIPSHOP_TK_RTSOLPR:
        base = wmem_strdup_printf(s, "rtsolpr|%s", a6(mn));
        break;
    case MIPSHOP_TK_HOTI:
        return wmem_strdup_printf(s, "hoti|%s|%s|%" PRIx64, a6(&m->hoa), a6(peer), m->cookie);
    case MIPSHOP_TK_COTI:
        return wmem_strdup_printf(s, "coti|%s|%s|%" PRIx64, a6(&m->coa), a6(peer), m->cookie);
    case MIPSHOP_TK_DHAAD:
        base = wmem_strdup_printf(s, "dhaad|%s", a6(mn));
        break;
    case MIPSHOP_TK_MPS:
        base = wmem_strdup_printf(s, "mps|%s", a6(m->has_hoa ? &m->hoa : mn));
        break;
    case MIPSHOP_TK_BRR:
        return wmem_strdup_printf(s, "brr|%s|%s", a6(&m->hoa), a6(&m->src));
    default:
        return NULL;
    }
    return space ? base : wmem_strdup_printf(s, "%s|%u", base, m->id);
}

static void
obs_add(struct trans *t, const struct mipshop_pkt *pkt, uint32_t num, gboolean rsp)
{
    if (t->nobs >= MAX_OBS)
        return;
    t->obs[t->nobs].frame = num;
    t->obs[t->nobs].iface = pkt->iface;
    t->obs[t->nobs].ts = pkt->ts_ns;
    t->obs[t->nobs].rsp = rsp;
    t->obs[t->nobs].eth = pkt->eth;
    memcpy(t->obs[t->nobs].src, pkt->eth_src, 6);
    memcpy(t->obs[t->nobs].dst, pkt->eth_dst, 6);
    t->nobs++;
}

/* RFC 6275 s9.5.1: sequence numbers compare modulo 2^16. */
static gboolean
seq_before(uint32_t a, uint32_t b)
{
    return (int16_t)(uint16_t)(a - b) < 0;
}

static gboolean
has_seq(int tk)
{
    return tk == MIPSHOP_TK_BU || tk == MIPSHOP_TK_FBU || tk == MIPSHOP_TK_HI;
}

static void
request(const struct mipshop_pkt *pkt, const struct mipshop_msg *m, struct finfo *fi, uint32_t num,
        struct mn *n)
{
    const char *key = trans_key(m, FALSE);
    if (key == NULL)
        return;
    struct trans *t = wmem_map_lookup(trans_by_key, key);
    if (t != NULL && t->req_hash == m->hash && pkt->ts_ns - t->req_ts < COPY_WINDOW_NS) {
        fi->copy_of = t->req_frame;
        fi->trans = t;
        fi->is_req = TRUE;
        obs_add(t, pkt, num, FALSE);
        return;
    }
    if (t != NULL && has_seq(m->tk)) {
        fi->seq_problem = SEQ_REUSE;
        fi->seq_prev = t->id;
        fi->seq_prev_frame = t->req_frame;
    }
    t = wmem_new0(wmem_file_scope(), struct trans);
    t->tk = m->tk;
    t->id = m->id;
    t->expects = m->expects_response;
    t->home_reg = m->home_reg;
    t->map_reg = m->map_reg;
    t->req_frame = num;
    t->req_ts = pkt->ts_ns;
    t->req_hash = m->hash;
    t->mn = n;
    obs_add(t, pkt, num, FALSE);
    wmem_map_insert(trans_by_key, wmem_strdup(wmem_file_scope(), key), t);
    fi->trans = t;
    fi->is_req = TRUE;
    if (!has_seq(m->tk) || fi->seq_problem != SEQ_OK)
        return;
    const char *sk = trans_key(m, TRUE);
    struct seqtrack *st = wmem_map_lookup(seq_by_key, sk);
    if (st == NULL) {
        st = wmem_new0(wmem_file_scope(), struct seqtrack);
        wmem_map_insert(seq_by_key, wmem_strdup(wmem_file_scope(), sk), st);
    } else if (seq_before(m->id, st->seq) || m->id == st->seq) {
        fi->seq_problem = SEQ_REGRESSION;
        fi->seq_prev = st->seq;
        fi->seq_prev_frame = st->frame;
    }
    st->seq = m->id;
    st->frame = num;
}

static void
response(const struct mipshop_pkt *pkt, const struct mipshop_msg *m, struct finfo *fi, uint32_t num)
{
    const char *key = trans_key(m, FALSE);
    if (key == NULL)
        return;
    struct trans *t = wmem_map_lookup(trans_by_key, key);
    fi->is_rsp = TRUE;
    if (t == NULL)
        return;
    fi->trans = t;
    if (t->rsp_frame == 0) {
        t->rsp_frame = num;
        t->rsp_ts = pkt->ts_ns;
        t->rsp_hash = m->hash;
    } else if (t->rsp_hash == m->hash && pkt->ts_ns - t->rsp_ts < COPY_WINDOW_NS) {
        fi->copy_of = t->rsp_frame;
    } else {
        fi->rsp_extra = TRUE;
    }
    obs_add(t, pkt, num, TRUE);
    /* RFC 6275 s11.7.1: status 135 carries the last accepted sequence
     * number; the MN resynchronizes from it. */
    if (m->tk == MIPSHOP_TK_BU && m->status == MS_BA_SEQ_OUT_OF_WINDOW) {
        struct seqtrack *st = wmem_map_lookup(seq_by_key, trans_key(m, TRUE));
        if (st != NULL)
            st->seq = m->id;
    }
}

/* A BU answers a Binding Refresh Request from its destination. */
static void
brr_answer(const struct mipshop_pkt *pkt, const struct mipshop_msg *m, struct finfo *fi,
           uint32_t num)
{
    if (fi->copy_of != 0)
        return;
    char *key = wmem_strdup_printf(wmem_packet_scope(), "brr|%s|%s", a6(&m->hoa), a6(&m->dst));
    struct trans *t = wmem_map_lookup(trans_by_key, key);
    if (t == NULL || t->rsp_frame != 0)
        return;
    t->rsp_frame = num;
    t->rsp_ts = pkt->ts_ns;
    t->rsp_hash = m->hash;
    obs_add(t, pkt, num, TRUE);
    fi->brr = t;
}

/* ---- handover milestones from IPv6 frames ---- */

static gboolean
is_data(const struct mipshop_pkt *pkt, const struct mipshop_msg *m)
{
    const struct mipshop_ip6 *ip = mipshop_pkt_inner(pkt);
    if (ip == NULL)
        return FALSE;
    if (m->family == MIPSHOP_F_DATA)
        return ip->proto == MS_IPPROTO_UDP || ip->proto == MS_IPPROTO_TCP;
    /* mipsim delivers Echo Requests to the node like UDP (mipsim/stack/ip6_input.c). */
    return m->family == MIPSHOP_F_ICMP && m->type == MS_ICMP6_ECHO_REQUEST;
}

static void
milestones(const struct mipshop_pkt *pkt, const struct mipshop_msg *m, struct finfo *fi,
           uint32_t num, struct mn *n)
{
    struct ho *h = n->cur;
    if (h == NULL || pkt->ts_ns < h->t_start)
        return;
    gboolean to_mn_link = n->has_mac && pkt->eth && memcmp(pkt->eth_dst, n->mac, 6) == 0;
    if (m->family == MIPSHOP_F_MH && m->type == MS_MH_BU && m->home_reg && fi->copy_of == 0 &&
        h->bu_wanted) {
        h->bu_wanted = FALSE;
        h->t_bu = pkt->ts_ns;
        h->f_bu = num;
        h->has_new_coa = m->has_coa;
        h->new_coa = m->coa;
        h->dereg = (m->has_lifetime && m->lifetime_s == 0) || in6_eq(&m->coa, &m->hoa);
        fi->milestones |= MS_BU;
        return;
    }
    if (m->family == MIPSHOP_F_MH && m->type == MS_MH_BA && fi->trans != NULL &&
        fi->trans->home_reg && fi->trans->req_ts >= h->t_start && !fi->rsp_extra) {
        gboolean first = h->t_ba < 0;
        gboolean better = !first && !h->ba_final && fi->copy_of == h->f_ba && to_mn_link;
        if (first || better) {
            h->t_ba = pkt->ts_ns;
            h->f_ba = num;
            h->ba_status = m->status;
            h->ba_final = to_mn_link;
            fi->milestones |= MS_BA;
        }
        return;
    }
    /* FMIPv6: the new CoA is known before the home registration (the FBU's
     * NCoA, the UNA's source), and the PAR may tunnel data to it at once. */
    if (!h->has_new_coa && fi->copy_of == 0 &&
        ((m->family == MIPSHOP_F_MH && m->type == MS_MH_FBU && m->has_ncoa) ||
         (m->family == MIPSHOP_F_ICMP && m->type == MS_ICMP6_NA && m->relevant))) {
        h->has_new_coa = TRUE;
        h->new_coa = m->type == MS_ICMP6_NA ? m->src : m->ncoa;
    }
    if (h->t_up < 0 || h->data_final || !is_data(pkt, m))
        return;
    if (n->has_mac && !to_mn_link)
        return; /* delivered means: on the MN's own link */
    const struct mipshop_ip6 *in = mipshop_pkt_inner(pkt);
    gboolean new_path;
    if (h->dereg)
        new_path = h->t_ba >= 0 && pkt->nip == 1 && n->has_hoa && in6_eq(&in->dst, &n->hoa);
    else if (!h->has_new_coa)
        new_path = FALSE;
    else if (pkt->nip > 1)
        new_path = in6_eq(&pkt->ip[0].dst, &h->new_coa);
    else
        new_path = (in->has_rh2 && in6_eq(&in->dst, &h->new_coa)) || in6_eq(&in->dst, &h->new_coa);
    if (!new_path)
        return;
    h->t_data = pkt->ts_ns;
    h->f_data = num;
    h->data_final = TRUE;
    fi->milestones |= MS_DATA;
}

/* Messages that count as a handover's signalling. */
static gboolean
signalling(const struct mipshop_msg *m)
{
    if (m->family == MIPSHOP_F_MH)
        return TRUE;
    if (m->family != MIPSHOP_F_ICMP || !m->relevant)
        return FALSE;
    if (m->type == MS_ICMP6_RA)
        return FALSE; /* RAs are periodic: not a handover's own signalling */
    if (m->type == MS_ICMP6_NA)
        return m->abbrev != NULL && strcmp(m->abbrev, "UNA") == 0;
    return TRUE;
}

void
mipshop_analysis_update(const struct mipshop_ctx *c, const struct mipshop_msg *m)
{
    if (mn_list == NULL)
        return;
    packet_info *pinfo = c->pinfo;
    const struct mipshop_pkt *pkt = c->pkt;
    uint32_t num = pinfo->num;
    struct finfo *fi = wmem_new0(wmem_file_scope(), struct finfo);
    struct mn *n = NULL;

    if ((m->family == MIPSHOP_F_ICMP && m->type == MS_ICMP6_EXP_MOBILITY) ||
        (m->family == MIPSHOP_F_MH && m->type == MS_MH_FNA)) {
        if (first_4068_frame == 0)
            first_4068_frame = num;
    }
    if (m->family == MIPSHOP_F_L2EV) {
        if (!m->has_mn_mac)
            return;
        n = mn_by_mac_get(m->mn_mac);
        if (n == NULL) {
            n = mn_new();
            mn_set_mac(n, m->mn_mac);
        }
        l2_event(n, m, pkt, fi, num);
    } else {
        learn(pkt);
        if (m->nd_ns || m->nd_na)
            nd_sample(pkt, m);
        if (!m->relevant && m->family != MIPSHOP_F_DATA &&
            !(m->family == MIPSHOP_F_ICMP && m->type == MS_ICMP6_ECHO_REQUEST))
            return;
        n = find_mn(pkt, m);
        if (m->is_request)
            request(pkt, m, fi, num, n);
        else if (m->is_response)
            response(pkt, m, fi, num);
        /* A response names its MN through its request (a HAck need not
         * carry any of the MN's addresses). */
        if (n == NULL && fi->trans != NULL)
            n = mn_resolve(fi->trans->mn);
        else if (n != NULL && fi->trans != NULL && fi->trans->mn == NULL)
            fi->trans->mn = n;
        if (m->family == MIPSHOP_F_MH && m->type == MS_MH_BU)
            brr_answer(pkt, m, fi, num);
        if (n != NULL)
            milestones(pkt, m, fi, num, n);
        if (n != NULL && n->cur != NULL && pkt->ts_ns >= n->cur->t_start && fi->copy_of == 0 &&
            signalling(m))
            ho_signal(n->cur, m->abbrev != NULL ? m->abbrev : "?");
        if (!m->relevant && fi->milestones == 0)
            return; /* plain data that is not a milestone: no tree */
    }
    fi->mn = n;
    if (m->has_coa) {
        fi->has_coa = TRUE;
        fi->coa = m->coa;
    }
    if (n != NULL && n->cur != NULL && pkt->ts_ns >= n->cur->t_start) {
        fi->ho = n->cur;
        fi->phase = ho_phase(n->cur);
    }
    p_add_proto_data(wmem_file_scope(), pinfo, proto_mipshop, 0, fi);
}

gboolean
mipshop_analysis_has(packet_info *pinfo)
{
    return p_get_proto_data(wmem_file_scope(), pinfo, proto_mipshop, 0) != NULL;
}

/* ---- the tree ---- */

void
mipshop_msg_item(const struct mipshop_ctx *c, proto_tree *tree, const struct mipshop_msg *m)
{
    if (m->name == NULL)
        return;
    proto_item *ti = proto_tree_add_string(tree, hf_mipshop_msg, c->tvb, 0, 0, m->name);
    proto_item_set_generated(ti);
    if (m->ref != NULL) {
        ti = proto_tree_add_string(tree, hf_mipshop_msg_ref, c->tvb, 0, 0, m->ref);
        proto_item_set_generated(ti);
    }
}

static void
gen(proto_item *ti)
{
    proto_item_set_generated(ti);
}

static void
tree_mn(const struct mipshop_ctx *c, proto_tree *tree, const struct finfo *fi,
        const struct mipshop_msg *m)
{
    struct mn *n = mn_resolve(fi->mn);
    if (n == NULL)
        return;
    proto_item *ti;
    proto_tree *t = proto_tree_add_subtree_format(tree, c->tvb, 0, 0, ett_mipshop_mn, &ti,
                                                  "Mobile node %u", n->index);
    gen(ti);
    if (n->has_mac) {
        gen(proto_tree_add_ether(t, hf_mipshop_mn_mac, c->tvb, 0, 0, n->mac));
        proto_item_append_text(ti, ": %s", mac_str(c->pinfo->pool, n->mac));
    }
    if (n->has_hoa) {
        gen(proto_tree_add_ipv6(t, hf_mipshop_mn_hoa, c->tvb, 0, 0, &n->hoa));
        proto_item_append_text(ti, "%s home address %s", n->has_mac ? "," : ":", a6(&n->hoa));
    }
    if (fi->has_coa)
        gen(proto_tree_add_ipv6(t, hf_mipshop_mn_coa, c->tvb, 0, 0, &fi->coa));
    if (m->has_hoa && (m->map_reg || (fi->trans != NULL && fi->trans->map_reg)))
        gen(proto_tree_add_ipv6(t, hf_mipshop_mn_rcoa, c->tvb, 0, 0, &m->hoa));
    if (m->has_pcoa)
        gen(proto_tree_add_ipv6(t, hf_mipshop_mn_pcoa, c->tvb, 0, 0, &m->pcoa));
    if (m->has_ncoa)
        gen(proto_tree_add_ipv6(t, hf_mipshop_mn_ncoa, c->tvb, 0, 0, &m->ncoa));
}

/* The copy of the other side of a transaction that pairs with this frame:
 * the one on the same hop (Ethernet addresses swapped: the request from A to
 * B, the response from B to A), else on the same pcapng interface, else the
 * first one.  mergecap keeps one interface per input only with "-I none";
 * the Ethernet pairing works either way.  `before` >= 0 limits the search
 * to copies sent before it. */
static const struct obs *
peer_obs(const struct trans *t, const struct mipshop_pkt *pkt, gboolean want_rsp, int64_t before)
{
    const struct obs *first = NULL, *hop = NULL, *iface = NULL;
    for (int i = 0; i < t->nobs; i++) {
        const struct obs *o = &t->obs[i];
        if (o->rsp != want_rsp || (before >= 0 && o->ts > before))
            continue;
        if (first == NULL)
            first = o;
        if (hop == NULL && o->eth && pkt->eth && memcmp(o->src, pkt->eth_dst, 6) == 0 &&
            memcmp(o->dst, pkt->eth_src, 6) == 0)
            hop = o;
        if (iface == NULL && o->iface == pkt->iface)
            iface = o;
    }
    /* With several interfaces a same-interface copy is on the same link;
     * with one (a single capture, or IDBs merged) only the first counts. */
    if (hop != NULL)
        return hop;
    gboolean ifaces = FALSE;
    for (int i = 1; i < t->nobs; i++)
        if (t->obs[i].iface != t->obs[0].iface)
            ifaces = TRUE;
    return ifaces && iface != NULL ? iface : first;
}

static void
tree_trans(const struct mipshop_ctx *c, proto_tree *tree, const struct finfo *fi,
           const struct mipshop_msg *m)
{
    const struct trans *t = fi->trans;
    tvbuff_t *tvb = c->tvb;
    packet_info *pinfo = c->pinfo;
    if (t == NULL && !fi->is_rsp && fi->brr == NULL)
        return;
    proto_item *ti;
    proto_tree *tt =
        proto_tree_add_subtree_format(tree, tvb, 0, 0, ett_mipshop_trans, &ti, "Transaction: %s",
                                      val_to_str_const((uint32_t)m->tk, tk_vals, "?"));
    gen(ti);
    gen(proto_tree_add_uint(tt, hf_mipshop_trans_kind, tvb, 0, 0, (uint32_t)m->tk));
    if (m->tk != MIPSHOP_TK_HOTI && m->tk != MIPSHOP_TK_COTI && m->tk != MIPSHOP_TK_BRR) {
        gen(proto_tree_add_uint(tt, hf_mipshop_trans_id, tvb, 0, 0, m->id));
        proto_item_append_text(ti, " %u", m->id);
    }
    if (fi->copy_of != 0) {
        proto_item *ci = proto_tree_add_uint(tt, hf_mipshop_trans_copy_of, tvb, 0, 0, fi->copy_of);
        gen(ci);
        proto_item_append_text(ti, " (copy of frame %u)", fi->copy_of);
    }
    if (fi->brr != NULL) {
        gen(proto_tree_add_uint(tt, hf_mipshop_trans_brr_in, tvb, 0, 0, fi->brr->req_frame));
        proto_item_append_text(ti, ", answers the BRR in frame %u", fi->brr->req_frame);
    }
    if (t == NULL) {
        if (fi->is_rsp)
            mipshop_expert(c, ti, &ei_mipshop_no_request,
                           "%s without a matching request in this capture", m->abbrev);
        return;
    }
    if (fi->is_req) {
        const struct obs *r = peer_obs(t, c->pkt, TRUE, -1);
        if (r != NULL) {
            gen(proto_tree_add_uint(tt, hf_mipshop_trans_response_in, tvb, 0, 0, r->frame));
            proto_item_append_text(ti, ", response in frame %u", r->frame);
        } else if (t->expects && PINFO_FD_VISITED(pinfo) && fi->copy_of == 0) {
            mipshop_expert(c, ti, &ei_mipshop_no_response, "%s %u never answered in this capture",
                           m->abbrev, m->id);
        }
    }
    if (fi->is_rsp) {
        const struct obs *q = peer_obs(t, c->pkt, FALSE, c->pkt->ts_ns);
        if (q != NULL) {
            gen(proto_tree_add_uint(tt, hf_mipshop_trans_request_in, tvb, 0, 0, q->frame));
            nstime_t d;
            int64_t ns = c->pkt->ts_ns - q->ts;
            d.secs = (time_t)(ns / 1000000000);
            d.nsecs = (int)(ns % 1000000000);
            gen(proto_tree_add_time(tt, hf_mipshop_trans_time, tvb, 0, 0, &d));
            proto_item_append_text(ti, ", request in frame %u, %" PRId64 ".%06" PRId64 " ms",
                                   q->frame, ns / 1000000, ns % 1000000);
        }
        if (fi->rsp_extra)
            mipshop_expert(c, ti, &ei_mipshop_extra_response,
                           "Another %s for the same request (the first was frame %u)", m->abbrev,
                           t->rsp_frame);
    }
    if (fi->seq_problem == SEQ_REGRESSION)
        mipshop_expert(
            c, ti, &ei_mipshop_seq_regression,
            "Sequence number %u does not follow %u of frame %u (RFC 6275 s9.5.1: greater, "
            "modulo 2^16)",
            m->id, fi->seq_prev, fi->seq_prev_frame);
    else if (fi->seq_problem == SEQ_REUSE)
        mipshop_expert(c, ti, &ei_mipshop_seq_reuse,
                       "Sequence number %u reused: frame %u carried a different %s with it", m->id,
                       fi->seq_prev_frame, m->abbrev);
}

static void
add_rel(proto_tree *t, int hf, tvbuff_t *tvb, int64_t ns)
{
    nstime_t d;
    gboolean neg = ns < 0;
    int64_t a = neg ? -ns : ns;
    d.secs = (time_t)(a / 1000000000);
    d.nsecs = (int)(a % 1000000000);
    if (neg) {
        d.secs = -d.secs;
        d.nsecs = -d.nsecs;
    }
    gen(proto_tree_add_time(t, hf, tvb, 0, 0, &d));
}

static void
tree_ho(const struct mipshop_ctx *c, proto_tree *tree, const struct finfo *fi)
{
    const struct ho *h = fi->ho;
    if (h == NULL)
        return;
    tvbuff_t *tvb = c->tvb;
    struct mn *n = mn_resolve(h->mn);
    proto_item *ti;
    proto_tree *t = proto_tree_add_subtree_format(
        tree, tvb, 0, 0, ett_mipshop_ho, &ti, "Handover %u of mobile node %u: %s -> %s, %s",
        h->number, n->index, h->from[0] ? h->from : "?", h->to[0] ? h->to : "?",
        val_to_str_const((uint32_t)fi->phase, phase_vals, "?"));
    gen(ti);
    gen(proto_tree_add_uint(t, hf_mipshop_ho_number, tvb, 0, 0, h->number));
    if (h->from[0])
        gen(proto_tree_add_string(t, hf_mipshop_ho_from, tvb, 0, 0, h->from));
    if (h->to[0])
        gen(proto_tree_add_string(t, hf_mipshop_ho_to, tvb, 0, 0, h->to));
    gen(proto_tree_add_uint(t, hf_mipshop_ho_phase, tvb, 0, 0, (uint32_t)fi->phase));
    static const struct {
        uint32_t bit;
        const char *text;
    } marks[] = {{MS_TRIGGER, "link going down"},
                 {MS_DOWN, "L2 down"},
                 {MS_UP, "L2 up"},
                 {MS_BU, "BU sent"},
                 {MS_BA, "BA received"},
                 {MS_DATA, "first data on the new path"}};
    /* A BA or a data packet seen on several links: the milestone is the
     * copy the record kept (the one on the MN's own link). */
    uint32_t num = c->pinfo->num;
    uint32_t shown = fi->milestones;
    if (h->f_ba != num)
        shown &= ~(uint32_t)MS_BA;
    if (h->f_data != num)
        shown &= ~(uint32_t)MS_DATA;
    for (size_t i = 0; i < G_N_ELEMENTS(marks); i++)
        if (shown & marks[i].bit) {
            gen(proto_tree_add_string(t, hf_mipshop_ho_milestone, tvb, 0, 0, marks[i].text));
            proto_item_append_text(ti, " [%s]", marks[i].text);
        }
    if (h->t_down >= 0)
        add_rel(t, hf_mipshop_ho_since_down, tvb, c->pkt->ts_ns - h->t_down);
    if (h->f_down)
        gen(proto_tree_add_uint(t, hf_mipshop_ho_down_in, tvb, 0, 0, h->f_down));
    if (h->f_up)
        gen(proto_tree_add_uint(t, hf_mipshop_ho_up_in, tvb, 0, 0, h->f_up));
    if (h->f_bu)
        gen(proto_tree_add_uint(t, hf_mipshop_ho_bu_in, tvb, 0, 0, h->f_bu));
    if (h->f_ba)
        gen(proto_tree_add_uint(t, hf_mipshop_ho_ba_in, tvb, 0, 0, h->f_ba));
    if (h->f_data)
        gen(proto_tree_add_uint(t, hf_mipshop_ho_data_in, tvb, 0, 0, h->f_data));
    if (h->t_down >= 0 && h->t_up >= 0)
        add_rel(t, hf_mipshop_ho_gap, tvb, h->t_up - h->t_down);
    gboolean fixed;
    int64_t d = mn_delay(n, &fixed);
    if (d >= 0 && (h->t_ba >= 0 || h->t_data >= 0))
        add_rel(t, hf_mipshop_ho_delay, tvb, d);
    int64_t dd = d > 0 ? d : 0;
    if (h->t_down >= 0 && h->t_ba >= 0)
        add_rel(t, hf_mipshop_ho_latency, tvb, h->t_ba + (h->ba_final ? dd : 0) - h->t_down);
    if (h->t_down >= 0 && h->t_data >= 0)
        add_rel(t, hf_mipshop_ho_disruption, tvb, h->t_data + (h->data_final ? dd : 0) - h->t_down);
}

static void
tap_ho(packet_info *pinfo, const struct ho *h)
{
    struct mn *n = mn_resolve(h->mn);
    struct mipshop_ho_tap *s = wmem_new0(pinfo->pool, struct mipshop_ho_tap);
    s->uid = h->uid;
    s->mn_index = n->index;
    if (n->has_mac && n->has_hoa)
        g_snprintf(s->mn_label, sizeof s->mn_label, "%s, home address %s",
                   mac_str(pinfo->pool, n->mac), a6(&n->hoa));
    else if (n->has_mac)
        g_snprintf(s->mn_label, sizeof s->mn_label, "%s", mac_str(pinfo->pool, n->mac));
    else if (n->has_hoa)
        g_snprintf(s->mn_label, sizeof s->mn_label, "home address %s", a6(&n->hoa));
    s->number = h->number;
    g_strlcpy(s->from, h->from, sizeof s->from);
    g_strlcpy(s->to, h->to, sizeof s->to);
    s->t_start = h->t_start;
    s->t_trigger = h->t_trigger;
    s->t_down = h->t_down;
    s->t_up = h->t_up;
    s->t_bu = h->t_bu;
    s->t_ba = h->t_ba;
    s->t_data = h->t_data;
    s->f_down = h->f_down;
    s->f_up = h->f_up;
    s->f_bu = h->f_bu;
    s->f_ba = h->f_ba;
    s->f_data = h->f_data;
    gboolean fixed;
    s->access_delay_ns = mn_delay(n, &fixed);
    s->delay_fixed = fixed;
    s->delay_samples = n->delay_n;
    int64_t d = s->access_delay_ns > 0 ? s->access_delay_ns : 0;
    if (h->t_ba >= 0 && h->ba_final)
        s->t_ba += d;
    if (h->t_data >= 0 && h->data_final)
        s->t_data += d;
    s->ba_status = h->ba_status;
    s->nsignal = h->nsignal;
    g_strlcpy(s->signals, h->signals, sizeof s->signals);
    tap_queue_packet(mipshop_tap, pinfo, s);
}

void
mipshop_analysis_tree(const struct mipshop_ctx *c, proto_tree *tree, proto_item *top,
                      const struct mipshop_msg *m)
{
    struct finfo *fi = p_get_proto_data(wmem_file_scope(), c->pinfo, proto_mipshop, 0);
    if (fi == NULL)
        return;
    if (fi->ho != NULL)
        proto_item_append_text(top, ", MN %u handover %u", mn_resolve(fi->ho->mn)->index,
                               fi->ho->number);
    tree_mn(c, tree, fi, m);
    tree_trans(c, tree, fi, m);
    tree_ho(c, tree, fi);
    if (fi->ho != NULL && fi->milestones != 0)
        tap_ho(c->pinfo, fi->ho);
}

void
mipshop_analysis_fields(struct mipshop_fields *f)
{
    static hf_register_info hf[] = {
        {&hf_mipshop_msg, {"Message", "mipshop.msg", FT_STRING, BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_mipshop_msg_ref,
         {"Defined in", "mipshop.msg.ref", FT_STRING, BASE_NONE, NULL, 0x0,
          "The RFC section that defines the message", HFILL}},
        {&hf_mipshop_mn_mac,
         {"MAC address", "mipshop.mn.mac", FT_ETHER, BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_mipshop_mn_hoa,
         {"Home address", "mipshop.mn.hoa", FT_IPv6, BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_mipshop_mn_coa,
         {"Care-of address", "mipshop.mn.coa", FT_IPv6, BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_mipshop_mn_pcoa,
         {"Previous care-of address", "mipshop.mn.pcoa", FT_IPv6, BASE_NONE, NULL, 0x0, NULL,
          HFILL}},
        {&hf_mipshop_mn_ncoa,
         {"New care-of address", "mipshop.mn.ncoa", FT_IPv6, BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_mipshop_mn_rcoa,
         {"Regional care-of address", "mipshop.mn.rcoa", FT_IPv6, BASE_NONE, NULL, 0x0,
          "HMIPv6 (RFC 5380 s6.1): the address a MAP registration binds", HFILL}},
        {&hf_mipshop_trans_kind,
         {"Kind", "mipshop.trans.kind", FT_UINT8, BASE_DEC, VALS(tk_vals), 0x0, NULL, HFILL}},
        {&hf_mipshop_trans_id,
         {"Sequence number / Identifier", "mipshop.trans.id", FT_UINT16, BASE_DEC, NULL, 0x0, NULL,
          HFILL}},
        {&hf_mipshop_trans_request_in,
         {"Request in", "mipshop.trans.request_in", FT_FRAMENUM, BASE_NONE,
          FRAMENUM_TYPE(FT_FRAMENUM_REQUEST), 0x0, NULL, HFILL}},
        {&hf_mipshop_trans_response_in,
         {"Response in", "mipshop.trans.response_in", FT_FRAMENUM, BASE_NONE,
          FRAMENUM_TYPE(FT_FRAMENUM_RESPONSE), 0x0, NULL, HFILL}},
        {&hf_mipshop_trans_time,
         {"Response time", "mipshop.trans.time", FT_RELATIVE_TIME, BASE_NONE, NULL, 0x0,
          "From the request seen on the same link (or the first copy)", HFILL}},
        {&hf_mipshop_trans_copy_of,
         {"Copy of", "mipshop.trans.copy_of", FT_FRAMENUM, BASE_NONE,
          FRAMENUM_TYPE(FT_FRAMENUM_DUP_ACK), 0x0,
          "The same message, seen first in this frame (another link of a merged capture)", HFILL}},
        {&hf_mipshop_trans_brr_in,
         {"Answers the Binding Refresh Request in", "mipshop.trans.brr_in", FT_FRAMENUM, BASE_NONE,
          FRAMENUM_TYPE(FT_FRAMENUM_REQUEST), 0x0, NULL, HFILL}},
        {&hf_mipshop_ho_number,
         {"Handover", "mipshop.ho.number", FT_UINT32, BASE_DEC, NULL, 0x0,
          "Number of the handover, per mobile node", HFILL}},
        {&hf_mipshop_ho_from,
         {"From", "mipshop.ho.from", FT_STRING, BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_mipshop_ho_to, {"To", "mipshop.ho.to", FT_STRING, BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_mipshop_ho_phase,
         {"Phase", "mipshop.ho.phase", FT_UINT8, BASE_DEC, VALS(phase_vals), 0x0,
          "Where the handover stood when this frame was sent", HFILL}},
        {&hf_mipshop_ho_since_down,
         {"Time since L2 down", "mipshop.ho.since_down", FT_RELATIVE_TIME, BASE_NONE, NULL, 0x0,
          NULL, HFILL}},
        {&hf_mipshop_ho_milestone,
         {"Milestone", "mipshop.ho.milestone", FT_STRING, BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_mipshop_ho_down_in,
         {"L2 down in", "mipshop.ho.down_in", FT_FRAMENUM, BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_mipshop_ho_up_in,
         {"L2 up in", "mipshop.ho.up_in", FT_FRAMENUM, BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_mipshop_ho_bu_in,
         {"BU in", "mipshop.ho.bu_in", FT_FRAMENUM, BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_mipshop_ho_ba_in,
         {"BA in", "mipshop.ho.ba_in", FT_FRAMENUM, BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_mipshop_ho_data_in,
         {"First data on the new path in", "mipshop.ho.data_in", FT_FRAMENUM, BASE_NONE, NULL, 0x0,
          NULL, HFILL}},
        {&hf_mipshop_ho_gap,
         {"L2 gap", "mipshop.ho.gap", FT_RELATIVE_TIME, BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_mipshop_ho_latency,
         {"Latency", "mipshop.ho.latency", FT_RELATIVE_TIME, BASE_NONE, NULL, 0x0,
          "BA received - L2 down (as mipsim reports it)", HFILL}},
        {&hf_mipshop_ho_disruption,
         {"Disruption", "mipshop.ho.disruption", FT_RELATIVE_TIME, BASE_NONE, NULL, 0x0,
          "First data on the new path - L2 down (as mipsim reports it)", HFILL}},
        {&hf_mipshop_ho_delay,
         {"Access-link delay", "mipshop.ho.access_delay", FT_RELATIVE_TIME, BASE_NONE, NULL, 0x0,
          "Added to the BA and first data sent on the MN's link, which it receives that much "
          "later",
          HFILL}},
    };
    static gint *ett[] = {&ett_mipshop_mn, &ett_mipshop_trans, &ett_mipshop_ho};
    static ei_register_info ei[] = {
        {&ei_mipshop_no_response,
         {"mipshop.no_response", PI_SEQUENCE, PI_WARN, "Request never answered", EXPFILL}},
        {&ei_mipshop_seq_regression,
         {"mipshop.seq_regression", PI_SEQUENCE, PI_WARN, "Sequence number regression", EXPFILL}},
        {&ei_mipshop_seq_reuse,
         {"mipshop.seq_reuse", PI_SEQUENCE, PI_WARN, "Sequence number reused", EXPFILL}},
        {&ei_mipshop_extra_response,
         {"mipshop.extra_response", PI_SEQUENCE, PI_NOTE, "A second, different response", EXPFILL}},
        {&ei_mipshop_no_request,
         {"mipshop.no_request", PI_SEQUENCE, PI_NOTE, "Response without a request in the capture",
          EXPFILL}},
    };
    f->hf = hf;
    f->nhf = G_N_ELEMENTS(hf);
    f->ett = ett;
    f->nett = G_N_ELEMENTS(ett);
    f->ei = ei;
    f->nei = G_N_ELEMENTS(ei);
}
