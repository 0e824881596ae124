-- Leaving home and returning (RFC 6275 s11.5.5): the home agent's first
-- cell is the home link; away from it the mobile node registers, back on it
-- it deregisters and the binding disappears.  Home prefix and home address
-- are automatic (2001:db8:aa00::/64, ::10).
local sim = require "mipsim"

local ha  = sim.node { name = "ha",  role = "ha", dad = false, ra = { max_delay = "10ms" } }
local ar1 = sim.node { name = "ar1", role = "ar", ra = { max_delay = "10ms" } }
local cn  = sim.node { name = "cn" }
local mn  = sim.node { name = "mn",  role = "mn", nd = { dup_addr_detect_transmits = 0 } }
sim.link { cn, ha, delay = "10ms" }
sim.link { ha, ar1, delay = "5ms" }
local home = sim.cell { ar = ha, ap = "home" }
local away = sim.cell { ar = ar1, ap = "ap1" }

local snap = {}
sim.at(0, function() mn:attach("home") end)
sim.at("1s", function() mn:handover { to = "ap1", gap = "10ms" } end)
sim.at("2s", function()
  snap.bindings, snap.coa, snap.ap = #ha:bindings(), mn:coa(), mn:ap()
  mn:handover { to = home, gap = "10ms" }
end)
sim.run { stop = "3s" }

sim.expect_eq(mn:address(), "2001:db8:aa00::10", "automatic home address")
sim.expect_eq(home:prefix(), "2001:db8:aa00::/64", "home link carries the home prefix")
sim.expect_eq(away:prefix(), "2001:db8:ce01::/64", "automatic cell prefix")
sim.expect_eq(snap.bindings, 1, "registered while away")
sim.expect(snap.coa ~= nil and snap.coa:find("^2001:db8:ce01:") ~= nil, "care-of address away")
sim.expect_eq(snap.ap, "ap1", "attached to ap1 while away")
sim.expect_eq(#ha:bindings(), 0, "binding removed after returning home")
sim.expect(mn:at_home(), "mobile node knows it is home")
sim.expect_eq(mn:coa(), nil, "no care-of address at home")
local hos = sim.handovers()
sim.expect_eq(#hos, 2, "two handovers")
sim.expect_eq(hos[2].to, "home", "second handover towards home")
sim.expect_eq(hos[2].ba_status_name, "ACCEPTED", "deregistration accepted")
sim.expect(ha:counters().ha.deregistered >= 1, "home agent counted the deregistration")
