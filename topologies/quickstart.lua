-- Quickstart: Mobile IPv6 (RFC 6275) in its simplest form.
--
--                cn
--                 | 10 ms
--                ha ---- home (cell, the home link)
--          5 ms /  \ 5 ms
--            ar1    ar2
--             |      |
--            ap1    ap2     (cells, 2 ms, no jitter)
--
-- The mobile node starts on its home link, moves to ap1 at 2 s and to ap2
-- at 3 s.  A correspondent without Mobile IPv6 streams UDP to the home
-- address: the home agent tunnels it to the current care-of address.
-- (Routers advertise once Duplicate Address Detection of their link-local
-- address is over, after RetransTimer = 1 s: the mobile node learns that it
-- is at home from the home agent's first RA, RFC 6275 s11.5.2.)
--
--   build/mipsim run topologies/quickstart.lua --pcap-dir out --json out/run.json
local sim = require "mipsim"

-- Parameters the latency model below is computed from.
local CELL   = "2ms"    -- one-way delay on each cell (generic profile: no jitter, no bandwidth limit)
local AR_HA  = "5ms"    -- one-way delay between each access router and the home agent
local GAP    = "50ms"   -- layer-2 gap of each handover (detach .. attach)
-- Access routers: MAX_RA_DELAY_TIME (see the model) and rare unsolicited RAs
-- (every 3-4 s), so that none falls in the MinDelayBetweenRAs (30 ms) before
-- the mobile node's solicitation, which would postpone the answer (RFC 4861
-- s6.2.6): movement detection is then exactly one RS/RA exchange.
local RA_MAX = "0ms"
local AR_RA = { max_delay = RA_MAX, min_interval = "3s", max_interval = "4s" }
local DAD_N  = 1        -- DupAddrDetectTransmits of the mobile node
local RETRANS = "100ms" -- RetransTimer of the mobile node

local ha  = sim.node { name = "ha",  role = "ha", prefix = "2001:db8:aa::/64", dad = false }
local ar1 = sim.node { name = "ar1", role = "ar", prefix = "2001:db8:1::/64", ra = AR_RA }
local ar2 = sim.node { name = "ar2", role = "ar", prefix = "2001:db8:2::/64", ra = AR_RA }
local cn  = sim.node { name = "cn" }
local mn  = sim.node { name = "mn",  role = "mn", home_agent = ha, hoa = "2001:db8:aa::10",
                       nd = { dup_addr_detect_transmits = DAD_N, retrans_timer = RETRANS } }
sim.link { cn, ha, delay = "10ms" }
sim.link { ha, ar1, delay = AR_HA }
sim.link { ha, ar2, delay = AR_HA }
sim.cell { ar = ha,  ap = "home", delay = CELL }
sim.cell { ar = ar1, ap = "ap1",  delay = CELL }
sim.cell { ar = ar2, ap = "ap2",  delay = CELL }

local flow = sim.flow { from = cn, to = mn, every = "10ms", size = 200, start = "1500ms",
                        timeout = "100ms" }

-- Loss bookkeeping: flow:lost() when each handover starts (L2 down) and once
-- it has settled (first packet on the new path + the flow's timeout, when
-- every packet sent before it has arrived or counts as lost).
local lost_down, lost_settled = {}, {}
sim.on("l2_down", function(h) lost_down[h.number] = flow:lost() end)
sim.on("first_data", function(h)
  sim.at(sim.now() + sim.time("100ms"), function() lost_settled[h.number] = flow:lost() end)
end)

sim.at("0s", function() mn:attach("home") end)
sim.at("2s", function() mn:handover { to = "ap1", gap = GAP } end)
sim.at("3s", function() mn:handover { to = "ap2", gap = GAP } end)
sim.run { stop = "4s" }

-- Registrations: every BA accepted, the binding cache holds HoA -> CoA.
local hos = sim.handovers(mn)
sim.expect_eq(#hos, 2, "two handovers")
for _, h in ipairs(hos) do
  sim.expect_eq(h.ba_status_name, "ACCEPTED", "BA accepted after handover " .. h.number)
end
local bc = ha:bindings()
sim.expect_eq(#bc, 1, "one binding cache entry")
sim.expect_eq(bc[1].hoa, mn:address(), "binding for the home address")
sim.expect_eq(bc[1].coa, mn:coa(), "binding points at the current care-of address")
sim.expect(mn:coa():find("^2001:db8:2:") ~= nil, "care-of address on ap2's prefix")

-- Handover latency model (BA received - L2 down), from the parameters:
--   L2 gap
-- + movement detection: the MN solicits as soon as the link is up (RFC 6275
--   s11.5.1 lets it skip the RFC 4861 s6.3.7 random delay); RS and RA each
--   cross the cell; the AR answers after a random [0, MAX_RA_DELAY_TIME]
--   (RFC 4861 s6.2.6), which is 0 here so that the model is exact.  (With a
--   non-zero RA_MAX, allow [0, RA_MAX] of slack.)
-- + DAD of the new care-of address: DupAddrDetectTransmits x RetransTimer
--   (RFC 4862 s5.4; no random delay before the probe, nd.max_delay_dad off)
-- + MN-HA round trip: BU and BA each cross the cell and the AR-HA link
-- and two neighbour resolutions (RFC 4861 s7.2) that are real parts of it:
-- + the new AR has never forwarded anything to the HA: the BU waits for its
--   NS/NA exchange on the AR-HA link;
-- + the AR has no neighbour cache entry for the new care-of address (the DAD
--   probe comes from the unspecified address and carries no link-layer
--   address, RFC 4862 s5.4.2): the BA waits for an NS/NA exchange on the cell.
-- The home agent skips its own DAD of the home address (dad = false);
-- otherwise the first registration would also wait for it (RFC 6275 s10.3.1).
local cell, ar_ha = sim.time(CELL), sim.time(AR_HA)
local model = {
  gap = sim.time(GAP),
  movement = cell + sim.time(RA_MAX) + cell,
  dad = DAD_N * sim.time(RETRANS),
  rtt = 2 * (cell + ar_ha),
  nr_ha = 2 * ar_ha,
  nr_coa = 2 * cell,
}
local total = model.gap + model.movement + model.dad + model.rtt + model.nr_ha + model.nr_coa
local function ms(t) return string.format("%.3fms", t / 1e6) end
print(string.format("latency model: gap %s + movement detection %s + DAD %s + MN-HA round trip %s"
                    .. " + AR resolves HA %s + AR resolves CoA %s = %s", ms(model.gap),
                    ms(model.movement), ms(model.dad), ms(model.rtt), ms(model.nr_ha),
                    ms(model.nr_coa), ms(total)))
local tol = sim.time("1ms")
for _, h in ipairs(hos) do
  local o = h.offset
  print(string.format("handover %d %s -> %s: latency %s", h.number, h.from, h.to, ms(h.latency)))
  sim.expect_between(o.movement_detected, model.gap + model.movement - tol,
                     model.gap + model.movement + tol, "movement detected: gap + RS/RA")
  sim.expect_between(o.coa_ready - o.movement_detected, model.dad - tol, model.dad + tol,
                     "care-of address ready after DAD")
  sim.expect_between(o.ba_received - o.bu_sent, model.rtt + model.nr_ha + model.nr_coa - tol,
                     model.rtt + model.nr_ha + model.nr_coa + tol, "BU -> BA round trip")
  sim.expect_between(h.latency, total - tol, total + tol,
                     "handover " .. h.number .. " latency equals the model")
end

-- No loss outside the handover windows: nothing before the first one, nothing
-- between them, nothing after the last one has settled.
sim.expect_eq(lost_down[1], 0, "no loss before the first handover")
sim.expect_eq(lost_down[2], lost_settled[1], "no loss between the handovers")
sim.expect_eq(flow:lost(), lost_settled[2], "no loss after the last handover")
sim.expect_eq(flow:duplicated(), 0, "no duplicates")
sim.expect(flow:received() > 0, "traffic delivered")
