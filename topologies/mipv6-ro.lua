-- Return routability and route optimisation (RFC 6275 s5.2, s11.7.2) with a
-- Mobile IPv6 correspondent, across a handover.
--
--        cn --10ms-- r --20ms-- ha          (the home link is the implicit ha-home)
--                  5ms / \ 5ms
--                  ar1     ar2
--                   |       |
--                  ap1     ap2             (cells, 2 ms)
--
-- After its home registration the mobile node runs return routability
-- (HoTI/HoT through the home agent, CoTI/CoT directly) and sends the
-- correspondent a Binding Update; from then on the correspondent sends with
-- a Type 2 Routing Header and the mobile node with a Home Address option,
-- both on the direct path.  After the move to ap2 both run again.
local sim = require "mipsim"

local CN_R, R_HA, R_AR, CELL = "10ms", "20ms", "5ms", "2ms"

local ha  = sim.node { name = "ha",  role = "ha", prefix = "2001:db8:aa::/64", dad = false }
local ar1 = sim.node { name = "ar1", role = "ar", prefix = "2001:db8:1::/64", ra = { max_delay = "10ms" } }
local ar2 = sim.node { name = "ar2", role = "ar", prefix = "2001:db8:2::/64", ra = { max_delay = "10ms" } }
local r   = sim.node { name = "r",   role = "router" }
local cn  = sim.node { name = "cn",  role = "cn" }
local mn  = sim.node { name = "mn",  role = "mn", home_agent = ha, route_optimization = { cn },
                       nd = { retrans_timer = "100ms" } }
sim.link { cn, r, delay = CN_R }
sim.link { r, ha, delay = R_HA }
sim.link { r, ar1, delay = R_AR }
sim.link { r, ar2, delay = R_AR }
sim.cell { ar = ar1, ap = "ap1", delay = CELL }
sim.cell { ar = ar2, ap = "ap2", delay = CELL }

-- Traffic both ways in two measurement windows, one per care-of address,
-- once both bindings are in place.
local function flow(from, to, name, start, stop)
  return sim.flow { from = from, to = to, name = name, start = start, stop = stop, every = "10ms" }
end
-- Packets the home agent tunnelled or decapsulated so far.
local function ha_tunnel()
  local c = ha:counters().ha
  return c.tunnelled + c.decapsulated
end
local win = { { ap = "ap1", from = "2s", to = "2500ms" }, { ap = "ap2", from = "4s", to = "4500ms" } }
for _, w in ipairs(win) do
  w.down = flow(cn, mn, "down-" .. w.ap, w.from, w.to)
  w.up = flow(mn, cn, "up-" .. w.ap, w.from, w.to)
  -- The tunnel counters at both ends of the window (plus the last flight).
  sim.at(w.from, function() w.ha0 = ha_tunnel() end)
  sim.at(sim.time(w.to) + sim.time("50ms"), function() w.ha1 = ha_tunnel() end)
end
local seen = {}
sim.on("mh", function(m) seen[m.type] = (seen[m.type] or 0) + m.new end)

sim.at(0, function() mn:attach("ap1") end)
sim.at("3s", function() mn:handover { to = "ap2", gap = "50ms" } end)
sim.run { stop = "5s" }

-- Bindings: the correspondent's and the home agent's follow the handover.
local coa = mn:coa()
sim.expect(coa ~= nil and coa:find("^2001:db8:2:") ~= nil, "care-of address on ap2's link")
local bc = cn:bindings()
sim.expect_eq(#bc, 1, "correspondent binding cache holds one entry")
sim.expect_eq(bc[1].hoa, mn:address(), "correspondent binding for the home address")
sim.expect_eq(bc[1].coa, coa, "correspondent binding follows the handover")
sim.expect_eq(bc[1].home_registration, false, "not a home registration")
sim.expect_eq(ha:bindings()[1].coa, coa, "home binding follows the handover")
local bul = mn:bul()
sim.expect_eq(#bul, 2, "binding update list: home agent and correspondent")
for _, e in ipairs(bul) do
  sim.expect_eq(e.state, "bound", "BUL entry for " .. e.peer .. " bound")
  sim.expect_eq(e.last_status_name, "ACCEPTED", "BA from " .. e.peer .. " accepted")
end
-- Return routability ran once per care-of address.
for _, t in ipairs { "HOTI", "COTI", "HOT", "COT" } do
  sim.expect_eq(seen[t], 2, t .. " once per care-of address")
end
sim.expect_eq(mn:counters().mn.rr_done, 2, "two completed return routability procedures")

-- Route-optimised data path: in each window every packet arrives, after the
-- direct path's delay (not the 40 ms longer detour through the home agent),
-- and the home agent tunnels nothing.
local direct = sim.time(CN_R) + sim.time(R_AR) + sim.time(CELL)
for i, w in ipairs(win) do
  for _, f in ipairs { w.down, w.up } do
    local st = f:stats()
    sim.expect_eq(st.sent, 50, f:name() .. ": 50 packets sent")
    sim.expect_eq(st.received, st.sent, f:name() .. ": every packet received")
    sim.expect_eq(st.delay_max, direct, f:name() .. ": direct path delay")
  end
  sim.expect_eq(w.ha1, w.ha0, "window " .. i .. ": nothing through the home agent tunnel")
end
local c = cn:counters().cn
sim.expect(c.rh2_out > 0, "correspondent sent with Type 2 Routing Headers")
sim.expect(c.hao_in > 0, "correspondent accepted Home Address options")
sim.expect_eq(c.hao_rejected, 0, "no Home Address option without a binding")
sim.expect(mn:counters().mn.ro_out > 0, "mobile node sent route-optimised packets")
