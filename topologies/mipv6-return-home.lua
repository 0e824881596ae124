-- Leaving home and coming back (RFC 6275 s11.5.5).
--
--        cn --10ms-- ha ---- home (cell: the home link, 2 ms)
--                     | 5ms
--                    ar1 --- ap1 (cell, 2 ms)
--
-- The mobile node starts on its home link, registers a care-of address on
-- ap1 at 2 s, and comes home at 3 s: it sends a Binding Update with lifetime
-- 0 (a deregistration, s11.5.5), the home agent accepts it, deletes the
-- binding and stops intercepting (s10.3.2); the mobile node then announces
-- its home address on the link again with unsolicited Neighbor
-- Advertisements, and the correspondent's traffic flows straight to it.
local sim = require "mipsim"

local ha  = sim.node { name = "ha",  role = "ha", prefix = "2001:db8:aa::/64", dad = false,
                       ra = { max_delay = "10ms" } }
local ar1 = sim.node { name = "ar1", role = "ar", prefix = "2001:db8:1::/64", ra = { max_delay = "10ms" } }
local cn  = sim.node { name = "cn" }
local mn  = sim.node { name = "mn",  role = "mn", home_agent = ha, hoa = "2001:db8:aa::10",
                       nd = { retrans_timer = "100ms" } }
sim.link { cn, ha, delay = "10ms" }
sim.link { ha, ar1, delay = "5ms" }
sim.cell { ar = ha,  ap = "home", delay = "2ms" }
sim.cell { ar = ar1, ap = "ap1",  delay = "2ms" }

local flow = sim.flow { from = cn, to = mn, every = "10ms", size = 200, start = "1500ms",
                        timeout = "100ms" }
local bus = 0
sim.on("mh", function(m) if m.type == "BU" then bus = bus + m.new end end)

-- Snapshots while away, and once back home and settled.
local away, home = {}, {}
sim.at(0, function() mn:attach("home") end)
sim.at("2s", function() mn:handover { to = "ap1", gap = "50ms" } end)
sim.at("2900ms", function()
  away.bindings, away.coa, away.at_home = ha:bindings(), mn:coa(), mn:at_home()
end)
sim.at("3s", function() mn:handover { to = "home", gap = "50ms" } end)
sim.at("3500ms", function()
  home.lost, home.tunnelled = flow:lost(), ha:counters().ha.tunnelled
end)
sim.run { stop = "4s" }

-- Away: one binding, home address -> care-of address on ap1.
sim.expect_eq(away.at_home, false, "away from home at 2.9 s")
sim.expect(away.coa ~= nil and away.coa:find("^2001:db8:1:") ~= nil, "care-of address on ap1")
sim.expect_eq(#away.bindings, 1, "registered while away")
sim.expect_eq(away.bindings[1].hoa, mn:address(), "binding for the home address")
sim.expect_eq(away.bindings[1].coa, away.coa, "binding points at the care-of address")

-- Back home: deregistration, accepted, binding gone.
local hos = sim.handovers(mn)
sim.expect_eq(#hos, 2, "two handovers")
sim.expect_eq(hos[1].ba_status_name, "ACCEPTED", "registration accepted")
sim.expect_eq(hos[2].to, "home", "second handover towards home")
sim.expect_eq(hos[2].ba_status_name, "ACCEPTED", "deregistration accepted")
sim.expect_eq(bus, 2, "two Binding Updates: registration and deregistration")
local m = mn:counters().mn
sim.expect_eq(m.dereg_sent, 1, "one deregistration (lifetime 0)")
sim.expect_eq(m.ba_rx.ACCEPTED, 2, "two BAs, both accepted")
sim.expect_ge(m.home_na_sent, 1, "home address announced on the home link again")
sim.expect_eq(#ha:bindings(), 0, "binding removed")
sim.expect_eq(ha:counters().ha.deregistered, 1, "home agent counted the deregistration")
sim.expect(mn:at_home(), "mobile node knows it is home")
sim.expect_eq(mn:coa(), nil, "no care-of address at home")
sim.expect_eq(#mn:bul(), 0, "binding update list empty")

-- Traffic: once home and settled, nothing lost and nothing tunnelled.
sim.expect_eq(flow:lost(), home.lost, "no loss after returning home")
sim.expect_eq(ha:counters().ha.tunnelled, home.tunnelled, "no tunnelling after returning home")
sim.expect(flow:received() > 0, "traffic delivered")
