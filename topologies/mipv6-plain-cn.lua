-- A correspondent without Mobile IPv6 (a plain IPv6 host).
--
--        cn --10ms-- r --20ms-- ha          (the home link is the implicit ha-home)
--                    | 5ms
--                   ar1 -- ap1 (cell, 2 ms)
--
-- Traffic between the correspondent and the mobile node's home address goes
-- through the home agent: intercepted and tunnelled to the care-of address
-- one way (RFC 6275 s10.4.1, s10.4.2), reverse-tunnelled the other (s11.3.1,
-- s10.4.5).  The mobile node is configured to try route optimisation with
-- every correspondent: its Home Test Init (through the home agent) and
-- Care-of Test Init (direct) reach a node that does not know the Mobility
-- Header, which answers each with ICMPv6 Parameter Problem, Code 1, pointing
-- at the Next Header field (RFC 8200 s4, RFC 4443 s3.4); the mobile node
-- records that no Binding Update is to be sent there (RFC 6275 s11.3.5) and
-- traffic stays on the tunnel, undisturbed.
local sim = require "mipsim"

local CN_R, R_HA, R_AR, CELL = "10ms", "20ms", "5ms", "2ms"

local ha  = sim.node { name = "ha",  role = "ha", prefix = "2001:db8:aa::/64", dad = false }
local ar1 = sim.node { name = "ar1", role = "ar", prefix = "2001:db8:1::/64", ra = { max_delay = "10ms" } }
local r   = sim.node { name = "r",   role = "router" }
local cn  = sim.node { name = "cn" }  -- plain IPv6 host
-- route_optimization = true: with every correspondent it exchanges traffic
-- with (RFC 6275 s11.7.2; a list may only name "cn" nodes).
local mn  = sim.node { name = "mn",  role = "mn", home_agent = ha, route_optimization = true,
                       nd = { retrans_timer = "100ms" } }
sim.link { cn, r, delay = CN_R }
sim.link { r, ha, delay = R_HA }
sim.link { r, ar1, delay = R_AR }
sim.cell { ar = ar1, ap = "ap1", delay = CELL }

local down = sim.flow { from = cn, to = mn, name = "down", start = "1500ms", stop = "2500ms" }
local up   = sim.flow { from = mn, to = cn, name = "up", start = "1500ms", stop = "2500ms" }
local mh, icmp = {}, {}
sim.on("mh", function(m) mh[m.type] = (mh[m.type] or 0) + m.new end)
sim.on("icmp6", function(m) icmp[m.type] = (icmp[m.type] or 0) + m.new end)

sim.at(0, function() mn:attach("ap1") end)
sim.run { stop = "3s" }

-- The home registration works; the correspondent registration does not.
local bul = mn:bul()
sim.expect_eq(#bul, 2, "binding update list: home agent and correspondent")
sim.expect_eq(bul[1].home_registration, true, "first entry: the home registration")
sim.expect_eq(bul[1].state, "bound", "home registration bound")
sim.expect_eq(bul[1].last_status_name, "ACCEPTED", "home registration accepted")
sim.expect_eq(bul[2].peer, cn:address(), "second entry: the correspondent")
sim.expect_eq(bul[2].state, "failed", "no binding at the correspondent")
sim.expect_eq(bul[2].bu_sent, 0, "no Binding Update sent to the correspondent")
local m = mn:counters().mn
sim.expect_eq(m.rr_runs, 1, "one return routability attempt")
sim.expect_eq(m.rr_done, 0, "return routability never completed")
sim.expect_eq(m.ro_stopped, 1, "route optimisation stopped once")
sim.expect_eq(m.ro_out, 0, "no route-optimised packet")
sim.expect_eq(mh.BU, 1, "one Binding Update: the home registration")
-- The correspondent answered each test init (HoTI, CoTI) with a Parameter
-- Problem; that was the end of it.
sim.expect_eq(mh.HOTI, 1, "one Home Test Init")
sim.expect_eq(mh.COTI, 1, "one Care-of Test Init")
sim.expect_eq(icmp.PARAM_PROB, 2, "two Parameter Problems from the correspondent")
sim.expect_eq(cn:counters().drops.UNKNOWN_NH, 2, "the correspondent dropped both Mobility Headers")

-- Data through the home agent: every packet arrives, over the tunnel, with
-- the detour's delay.  The first downstream packet also waits for the
-- correspondent's neighbour resolution of r (NS/NA on cn-r, RFC 4861 s7.2).
local via_ha = sim.time(CN_R) + 2 * sim.time(R_HA) + sim.time(R_AR) + sim.time(CELL)
for _, f in ipairs { down, up } do
  sim.expect_eq(f:lost(), 0, f:name() .. ": no loss")
  sim.expect_eq(f:received(), f:sent(), f:name() .. ": every packet received")
end
sim.expect_eq(up:stats().delay_max, via_ha, "up: delay of the path through the home agent")
sim.expect_eq(down:stats().delay_max, via_ha + 2 * sim.time(CN_R),
              "down: the same, plus neighbour resolution for the first packet")
local h = ha:counters().ha
-- Besides the data: the HoTI went up the reverse tunnel (RFC 6275 s5.2.5)
-- and the Parameter Problem answering it came back down the tunnel.
sim.expect_eq(h.tunnelled, down:sent() + 1, "home agent tunnelled every downstream packet")
sim.expect_eq(h.decapsulated, up:sent() + 1, "home agent decapsulated every upstream packet")
