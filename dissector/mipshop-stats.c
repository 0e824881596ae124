/* mipshop-stats.c - the handover table.
 *
 *   tshark -q -z mipshop,handovers[,filter]   a text table per mobile node
 *   Statistics > MIPSHOP Handovers             the same as a GUI table
 *                                              (tshark: -z mipshop,handovers,table)
 *
 * The analysis (mipshop-analysis.c) queues a snapshot of a handover on the
 * "mipshop" tap at each of its milestones; the listeners keep the latest
 * snapshot of each (mobile node, handover number).  Figures follow mipsim's
 * summary (mipsim/report/summary.c): offsets from L2 down in milliseconds
 * with microsecond precision, truncated; latency = BA received - L2 down;
 * disruption = first data on the new path - L2 down.
 */
#include "mipshop.h"

#include <epan/stat_tap_ui.h>
#include <epan/tap.h>

#include <stdio.h>

/* mipsim's virtual clock starts its captures at 2000-01-01 00:00:00 UTC
 * (MS_PCAP_EPOCH_S in mipsim/core/pcapw.h); a capture that starts within a
 * year of it is read on that clock, so its times are mipsim's. */
#define MIPSIM_EPOCH_NS (G_GINT64_CONSTANT(946684800) * 1000000000)
#define YEAR_NS (G_GINT64_CONSTANT(365) * 86400 * 1000000000)

int64_t
mipshop_stats_time_ref(int64_t first_frame_ns)
{
    if (first_frame_ns >= MIPSIM_EPOCH_NS && first_frame_ns < MIPSIM_EPOCH_NS + YEAR_NS)
        return MIPSIM_EPOCH_NS;
    return first_frame_ns;
}

/* "182.000ms", "+50.000ms", "-30.000ms": mipsim's fmt_ms. */
static char *
fmt_ms(int64_t ns, gboolean sign, char *buf, size_t cap)
{
    const char *s = ns < 0 ? "-" : (sign ? "+" : "");
    uint64_t a = ns < 0 ? (uint64_t)(-(ns + 1)) + 1 : (uint64_t)ns;
    uint64_t us = a / 1000u;
    g_snprintf(buf, (gulong)cap, "%s%" PRIu64 ".%03" PRIu64 "ms", s, us / 1000u, us % 1000u);
    return buf;
}

/* "3.000s", "3.054700893s": mipsim's ms_time_format. */
static char *
fmt_s(int64_t ns, char *buf, size_t cap)
{
    const char *s = ns < 0 ? "-" : "";
    uint64_t a = ns < 0 ? (uint64_t)(-(ns + 1)) + 1 : (uint64_t)ns;
    uint64_t sec = a / 1000000000u, rem = a % 1000000000u;
    if (rem % 1000000u == 0)
        g_snprintf(buf, (gulong)cap, "%s%" PRIu64 ".%03" PRIu64 "s", s, sec, rem / 1000000u);
    else if (rem % 1000u == 0)
        g_snprintf(buf, (gulong)cap, "%s%" PRIu64 ".%06" PRIu64 "s", s, sec, rem / 1000u);
    else
        g_snprintf(buf, (gulong)cap, "%s%" PRIu64 ".%09" PRIu64 "s", s, sec, rem);
    return buf;
}

/* Offset of a milestone from L2 down, or "-". */
static char *
fmt_off(int64_t t, int64_t down, char *buf, size_t cap)
{
    if (t < 0 || down < 0)
        return strcpy(buf, "-");
    return fmt_ms(t - down, TRUE, buf, cap);
}

static char *
fmt_status(int st, char *buf, size_t cap)
{
    if (st < 0)
        return strcpy(buf, "-");
    g_snprintf(buf, (gulong)cap, "%d (%s)", st,
               val_to_str_const((uint32_t)st, mipshop_sym_ba_status, "unknown"));
    return buf;
}

/* ---- the snapshots a listener keeps ---- */

struct hostats {
    GArray *hos; /* struct mipshop_ho_tap, latest per (mn_index, number) */
    int64_t first_ns;
    gboolean have_first;
    char *filter;
};

static void
keep(struct hostats *st, packet_info *pinfo, const struct mipshop_ho_tap *s)
{
    if (!st->have_first) {
        st->first_ns = ((int64_t)pinfo->abs_ts.secs - pinfo->rel_ts.secs) * 1000000000 +
                       (pinfo->abs_ts.nsecs - pinfo->rel_ts.nsecs);
        st->have_first = TRUE;
    }
    /* The latest snapshot of each handover record: a record the analysis
     * moved to another mobile node (two views of one MN merged) replaces
     * its earlier snapshot. */
    for (guint i = 0; i < st->hos->len; i++) {
        struct mipshop_ho_tap *h = &g_array_index(st->hos, struct mipshop_ho_tap, i);
        if (h->uid == s->uid) {
            *h = *s;
            return;
        }
    }
    g_array_append_val(st->hos, *s);
}

static gint
ho_order(gconstpointer a, gconstpointer b)
{
    const struct mipshop_ho_tap *x = a, *y = b;
    if (x->mn_index != y->mn_index)
        return x->mn_index < y->mn_index ? -1 : 1;
    return x->number < y->number ? -1 : x->number > y->number;
}

/* ---- tshark -z mipshop,handovers ---- */

#define CLI_PREFIX "mipshop,handovers"

static void
cli_reset(void *data)
{
    struct hostats *st = data;
    g_array_set_size(st->hos, 0);
    st->have_first = FALSE;
}

static tap_packet_status
cli_packet(void *data, packet_info *pinfo, epan_dissect_t *edt _U_, const void *p,
           tap_flags_t flags _U_)
{
    keep(data, pinfo, p);
    return TAP_PACKET_REDRAW;
}

static void
print_mn_header(const struct mipshop_ho_tap *h)
{
    char b[40];
    printf("\nMN %u: %s\n", h->mn_index, h->mn_label[0] ? h->mn_label : "(unknown)");
    if (h->delay_fixed)
        printf("  access-link delay %s (preference)\n",
               fmt_ms(h->access_delay_ns, FALSE, b, sizeof b));
    else if (h->access_delay_ns >= 0)
        printf("  access-link delay %s (estimated from %u NS/NA exchange%s)\n",
               fmt_ms(h->access_delay_ns, FALSE, b, sizeof b), h->delay_samples,
               h->delay_samples == 1 ? "" : "s");
    else
        printf("  access-link delay unknown (no NS/NA exchange of the MN seen): times as sent\n");
    printf("  %3s  %-23s %13s %10s %11s %11s %11s %11s %11s  %-16s %s\n", "#", "from -> to",
           "start", "L2 gap", "BU sent", "BA rcvd", "latency", "1st data", "disruption",
           "BA status", "signalling");
}

static void
cli_draw(void *data)
{
    struct hostats *st = data;
    char b[9][48];
    g_array_sort(st->hos, ho_order);
    int64_t ref = mipshop_stats_time_ref(st->first_ns);
    printf("\n==========================================================================="
           "=========================================================\n");
    printf("MIPSHOP handovers%s%s\n", st->filter ? ", filter: " : "", st->filter ? st->filter : "");
    if (st->hos->len == 0)
        ;
    else if (ref == MIPSIM_EPOCH_NS)
        printf("start: mipsim virtual time (seconds since 2000-01-01 00:00:00 UTC)\n");
    else
        printf("start: seconds since the first frame\n");
    printf("offsets from L2 down; latency = BA received - L2 down, disruption = first data on "
           "the new path - L2 down (as mipsim reports them)\n");
    printf("frames to the MN are timestamped when sent: BA and first data include the "
           "access-link delay\n");
    uint32_t cur = 0;
    for (guint i = 0; i < st->hos->len; i++) {
        const struct mipshop_ho_tap *h = &g_array_index(st->hos, struct mipshop_ho_tap, i);
        if (h->mn_index != cur) {
            print_mn_header(h);
            cur = h->mn_index;
        }
        char route[80];
        g_snprintf(route, sizeof route, "%s -> %s", h->from[0] ? h->from : "(none)",
                   h->to[0] ? h->to : "(none)");
        int64_t start = h->t_start;
        printf(
            "  %3u  %-23s %13s %10s %11s %11s %11s %11s %11s  %-16s %u%s%s\n", h->number, route,
            fmt_s(start - ref, b[0], sizeof b[0]),
            h->t_down >= 0 && h->t_up >= 0 ? fmt_ms(h->t_up - h->t_down, FALSE, b[1], sizeof b[1])
                                           : strcpy(b[1], "-"),
            fmt_off(h->t_bu, h->t_down, b[2], sizeof b[2]),
            fmt_off(h->t_ba, h->t_down, b[3], sizeof b[3]),
            h->t_ba >= 0 && h->t_down >= 0 ? fmt_ms(h->t_ba - h->t_down, FALSE, b[4], sizeof b[4])
                                           : strcpy(b[4], "n/a"),
            fmt_off(h->t_data, h->t_down, b[5], sizeof b[5]),
            h->t_data >= 0 && h->t_down >= 0
                ? fmt_ms(h->t_data - h->t_down, FALSE, b[6], sizeof b[6])
                : strcpy(b[6], "n/a"),
            fmt_status(h->ba_status, b[7], sizeof b[7]), h->nsignal, h->nsignal ? ": " : "",
            h->signals);
    }
    if (st->hos->len == 0)
        printf("\nno handover seen\n");
    printf("==========================================================================="
           "=========================================================\n");
}

static void
cli_finish(void *data)
{
    struct hostats *st = data;
    g_array_free(st->hos, TRUE);
    g_free(st->filter);
    g_free(st);
}

static void
cli_init(const char *opt_arg, void *userdata _U_)
{
    struct hostats *st = g_new0(struct hostats, 1);
    st->hos = g_array_new(FALSE, TRUE, sizeof(struct mipshop_ho_tap));
    const char *filter = NULL;
    if (strncmp(opt_arg, CLI_PREFIX ",", strlen(CLI_PREFIX) + 1) == 0)
        filter = opt_arg + strlen(CLI_PREFIX) + 1;
    st->filter = g_strdup(filter);
    GString *err = register_tap_listener("mipshop", st, filter, 0, cli_reset, cli_packet, cli_draw,
                                         cli_finish);
    if (err != NULL) {
        fprintf(stderr, "tshark: couldn't register mipshop,handovers tap: %s\n", err->str);
        g_string_free(err, TRUE);
        cli_finish(st);
    }
}

static stat_tap_ui cli_ui = {
    REGISTER_STAT_GROUP_GENERIC, "MIPSHOP Handovers", CLI_PREFIX, cli_init, 0, NULL,
};

void
mipshop_stats_register_cli(void)
{
    register_stat_tap_ui(&cli_ui, NULL);
}

/* ---- the GUI table (Statistics menu) ---- */

enum {
    HCOL_NUMBER,
    HCOL_FROM,
    HCOL_TO,
    HCOL_START,
    HCOL_GAP,
    HCOL_BU,
    HCOL_BA,
    HCOL_LATENCY,
    HCOL_DATA,
    HCOL_DISRUPTION,
    HCOL_STATUS,
    HCOL_SIGNALS,
    HCOL__COUNT
};

static stat_tap_table_item table_fields[] = {
    {TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "#", "%u"},
    {TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "From", "%s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "To", "%s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_RIGHT, "Start", "%s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_RIGHT, "L2 gap", "%s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_RIGHT, "BU sent", "%s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_RIGHT, "BA received", "%s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_RIGHT, "Latency", "%s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_RIGHT, "First data", "%s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_RIGHT, "Disruption", "%s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "BA status", "%s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Signalling", "%s"},
};

static int64_t table_first_ns;
static gboolean table_have_first;
/* Where each handover record's row is (uid -> "table name\nrow"), so that a
 * record moved to another mobile node leaves no stale row behind. */
static GHashTable *table_rows;

static void
table_init(stat_tap_table_ui *ui _U_)
{
    table_have_first = FALSE;
    if (table_rows != NULL)
        g_hash_table_remove_all(table_rows);
}

/* The table's strings are g_strdup()ed: free them through a non-const copy
 * of the pointer. */
static void
free_str(const char *s)
{
    char *p;
    memcpy(&p, &s, sizeof p);
    g_free(p);
}

static void
set_str(stat_tap_table *t, guint row, guint col, const char *s)
{
    stat_tap_table_item_type *f = stat_tap_get_field_data(t, row, col);
    free_str(f->value.string_value);
    f->type = TABLE_ITEM_STRING;
    f->value.string_value = g_strdup(s);
    stat_tap_set_field_data(t, row, col, f);
}

static tap_packet_status
table_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_, const void *data,
             tap_flags_t flags _U_)
{
    stat_data_t *sd = tapdata;
    const struct mipshop_ho_tap *h = data;
    if (!table_have_first) {
        table_first_ns = ((int64_t)pinfo->abs_ts.secs - pinfo->rel_ts.secs) * 1000000000 +
                         (pinfo->abs_ts.nsecs - pinfo->rel_ts.nsecs);
        table_have_first = TRUE;
    }
    char name[200];
    g_snprintf(name, sizeof name, "MN %u: %s", h->mn_index, h->mn_label);
    stat_tap_table *t = stat_tap_find_table(sd->stat_tap_data, name);
    if (t == NULL) {
        /* The table keeps the title pointer: it must outlive this call. */
        t = stat_tap_init_table(g_strdup(name), HCOL__COUNT, 0, NULL);
        stat_tap_add_table(sd->stat_tap_data, t);
    }
    while (t->num_elements < h->number) {
        stat_tap_table_item_type items[HCOL__COUNT];
        memset(items, 0, sizeof items);
        for (int i = 0; i < HCOL__COUNT; i++)
            items[i].type = table_fields[i].type;
        items[HCOL_NUMBER].value.uint_value = t->num_elements + 1;
        for (int i = HCOL_FROM; i < HCOL__COUNT; i++)
            items[i].value.string_value = g_strdup("");
        stat_tap_init_table_row(t, t->num_elements, HCOL__COUNT, items);
    }
    guint row = h->number - 1;
    char b[48];
    if (table_rows == NULL)
        table_rows = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    char *where = g_strdup_printf("%s\n%u", name, row);
    const char *was = g_hash_table_lookup(table_rows, GUINT_TO_POINTER(h->uid));
    if (was != NULL && strcmp(was, where) != 0) {
        const char *nl = strrchr(was, '\n');
        char *old_name = g_strndup(was, (gsize)(nl - was));
        stat_tap_table *ot = stat_tap_find_table(sd->stat_tap_data, old_name);
        guint orow = (guint)strtoul(nl + 1, NULL, 10);
        if (ot != NULL && orow < ot->num_elements) {
            for (guint c = HCOL_TO; c < HCOL__COUNT; c++)
                set_str(ot, orow, c, "");
            set_str(ot, orow, HCOL_FROM, "(merged into another MN)");
        }
        g_free(old_name);
    }
    g_hash_table_replace(table_rows, GUINT_TO_POINTER(h->uid), where);
    int64_t ref = mipshop_stats_time_ref(table_first_ns);
    set_str(t, row, HCOL_FROM, h->from);
    set_str(t, row, HCOL_TO, h->to);
    set_str(t, row, HCOL_START, fmt_s(h->t_start - ref, b, sizeof b));
    set_str(t, row, HCOL_GAP,
            h->t_down >= 0 && h->t_up >= 0 ? fmt_ms(h->t_up - h->t_down, FALSE, b, sizeof b) : "-");
    set_str(t, row, HCOL_BU, fmt_off(h->t_bu, h->t_down, b, sizeof b));
    set_str(t, row, HCOL_BA, fmt_off(h->t_ba, h->t_down, b, sizeof b));
    set_str(t, row, HCOL_LATENCY,
            h->t_ba >= 0 && h->t_down >= 0 ? fmt_ms(h->t_ba - h->t_down, FALSE, b, sizeof b)
                                           : "n/a");
    set_str(t, row, HCOL_DATA, fmt_off(h->t_data, h->t_down, b, sizeof b));
    set_str(t, row, HCOL_DISRUPTION,
            h->t_data >= 0 && h->t_down >= 0 ? fmt_ms(h->t_data - h->t_down, FALSE, b, sizeof b)
                                             : "n/a");
    set_str(t, row, HCOL_STATUS, fmt_status(h->ba_status, b, sizeof b));
    char sig[300];
    g_snprintf(sig, sizeof sig, "%u%s%s", h->nsignal, h->nsignal ? ": " : "", h->signals);
    set_str(t, row, HCOL_SIGNALS, sig);
    return TAP_PACKET_REDRAW;
}

static void
table_reset(stat_tap_table *t)
{
    for (guint r = 0; r < t->num_elements; r++)
        for (guint c = HCOL_FROM; c < HCOL__COUNT; c++)
            set_str(t, r, c, "");
    table_have_first = FALSE;
    if (table_rows != NULL)
        g_hash_table_remove_all(table_rows);
}

static void
table_free_item(stat_tap_table *t _U_, guint row _U_, guint col, stat_tap_table_item_type *field)
{
    if (col >= HCOL_FROM && field->type == TABLE_ITEM_STRING) {
        free_str(field->value.string_value);
        field->value.string_value = NULL;
    }
}

static stat_tap_table_ui table_ui = {
    REGISTER_STAT_GROUP_GENERIC,
    "MIPSHOP Handovers",
    "mipshop",
    CLI_PREFIX ",table",
    table_init,
    table_packet,
    table_reset,
    table_free_item,
    NULL,
    G_N_ELEMENTS(table_fields),
    table_fields,
    0,
    NULL,
    NULL,
    0,
};

void
mipshop_stats_register(void)
{
    register_stat_tap_table_ui(&table_ui);
}
