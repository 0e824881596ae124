-- Route optimisation (RFC 6275 s5.2, s11.7.2): after its home registration
-- the mobile node runs return routability with a MIPv6 correspondent and
-- registers its care-of address there; the correspondent then sends with a
-- Type 2 Routing Header and accepts the Home Address option.  After a
-- handover (predicted by a link-going-down trigger) both bindings follow.
local sim = require "mipsim"

local ha  = sim.node { name = "ha",  role = "ha", prefix = "2001:db8:aa::/64", dad = false }
local ar1 = sim.node { name = "ar1", role = "ar", prefix = "2001:db8:1::/64",
                       ra = { max_delay = "10ms" } }
local ar2 = sim.node { name = "ar2", role = "ar", prefix = "2001:db8:2::/64",
                       ra = { max_delay = "10ms" } }
local r   = sim.node { name = "r",   role = "router" }
local cn  = sim.node { name = "cn",  role = "cn" }
local mn  = sim.node { name = "mn",  role = "mn", route_optimization = { cn },
                       nd = { dup_addr_detect_transmits = 0 } }
sim.link { cn, r, delay = "10ms" }
sim.link { r, ha, delay = "20ms" }
sim.link { r, ar1, delay = "5ms" }
sim.link { r, ar2, delay = "5ms" }
sim.cell { ar = ar1, ap = "ap1", profile = "802.11" }
sim.cell { ar = ar2, ap = "ap2", profile = "802.11" }

local down = sim.flow { from = cn, to = mn, every = "10ms", start = "1s", timeout = "100ms" }
local up = sim.flow { from = mn, to = cn, every = "10ms", start = "1s", timeout = "100ms" }
local seen = {}
sim.on("mh", function(m) seen[m.type] = (seen[m.type] or 0) + m.new end)

sim.at(0, function() mn:attach("ap1") end)
sim.at("3s", function() mn:handover { to = "ap2", gap = "20ms", trigger_lead = "30ms" } end)
sim.run { stop = "5s" }

-- Both bindings point at the care-of address on ar2.
local coa = mn:coa()
sim.expect(coa ~= nil and coa:find("^2001:db8:2:") ~= nil, "care-of address on ar2's link")
local bc = cn:bindings()
sim.expect_eq(#bc, 1, "correspondent binding cache holds one entry")
sim.expect_eq(bc[1].hoa, mn:address(), "binding for the home address")
sim.expect_eq(bc[1].coa, coa, "correspondent binding follows the handover")
sim.expect_eq(bc[1].home_registration, false, "not a home registration")
sim.expect_eq(ha:bindings()[1].coa, coa, "home binding follows the handover")

local bul = mn:bul()
sim.expect_eq(#bul, 2, "binding update list: home agent and correspondent")
for _, e in ipairs(bul) do
  sim.expect_eq(e.state, "bound", "BUL entry for " .. e.peer .. " bound")
  sim.expect_eq(e.last_status_name, "ACCEPTED", "BA from " .. e.peer .. " accepted")
end

-- Return routability ran once per care-of address, through the protocol's
-- four messages.
for _, t in ipairs { "HOTI", "COTI", "HOT", "COT" } do
  sim.expect_eq(seen[t], 2, t .. " once per care-of address")
end
local c = cn:counters().cn
sim.expect(c.rh2_out > 0, "correspondent used Type 2 Routing Headers")
sim.expect(c.hao_in > 0, "correspondent accepted Home Address options")
sim.expect_eq(c.hao_rejected, 0, "no Home Address option without a binding")
sim.expect(mn:counters().mn.ro_out > 0, "mobile node sent route-optimised packets")

-- The trigger opened the handover 30 ms before the link went down.
local h = sim.handovers(mn)[1]
sim.expect_eq(h.offset.l2_trigger, -sim.time("30ms"), "link going down 30 ms ahead")
sim.expect(h.at.ba_received ~= nil, "home registration completed after the move")

sim.expect(down:received() > 0 and up:received() > 0, "traffic both ways")
