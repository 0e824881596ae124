-- Mobile IPv6 handover between two access routers (RFC 6275): the mobile
-- node registers with its home agent, moves, and re-registers; a UDP flow
-- from a correspondent reaches it through the home agent's tunnel.
-- Asserts the BA status, the binding cache, the handover timeline and that
-- no packet is lost outside the handover window.
local sim = require "mipsim"

local ha  = sim.node { name = "ha",  role = "ha", prefix = "2001:db8:aa::/64", dad = false }
local ar1 = sim.node { name = "ar1", role = "ar", prefix = "2001:db8:1::/64",
                       ra = { max_delay = "10ms" } }
local ar2 = sim.node { name = "ar2", role = "ar", prefix = "2001:db8:2::/64",
                       ra = { max_delay = "10ms" } }
local cn  = sim.node { name = "cn" }
local mn  = sim.node { name = "mn",  role = "mn", home_agent = ha, hoa = "2001:db8:aa::10",
                       nd = { dup_addr_detect_transmits = 0 } }
sim.link { cn, ha, delay = "10ms" }
sim.link { ha, ar1, delay = "5ms" }
sim.link { ha, ar2, delay = "5ms" }
sim.cell { ar = ar1, ap = "ap1", profile = "802.11" }
sim.cell { ar = ar2, ap = "ap2", profile = "802.11" }

local flow = sim.flow { from = cn, to = mn, every = "10ms", size = 200, start = "1s",
                        timeout = "100ms" }

-- Flow counters at the handover milestones.
local at_down, at_data
sim.on("l2_down", function(h) at_down = { sent = flow:sent(), lost = flow:lost() } end)
sim.on("first_data", function(h) at_data = { sent = flow:sent() } end)
local bas = 0
sim.on("ba_received", function(h) bas = bas + 1 end)

sim.at("0s", function() mn:attach("ap1") end)
sim.at("3s", function() mn:handover { to = "ap2", gap = "50ms" } end)
sim.run { stop = "6s" }

-- Registration.
local bul = mn:bul()
sim.expect_eq(#bul, 1, "one binding update list entry")
sim.expect_eq(bul[1].state, "bound", "home registration bound")
sim.expect_eq(bul[1].last_status, 0, "BA status 0 (accepted)")
sim.expect_eq(bul[1].peer, "2001:db8:aa::1", "registered with the home agent")

local bc = ha:bindings()
sim.expect_eq(#bc, 1, "one binding cache entry")
sim.expect_eq(bc[1].hoa, "2001:db8:aa::10", "binding for the home address")
sim.expect_eq(bc[1].coa, mn:coa(), "binding points at the current care-of address")
sim.expect(bc[1].coa:find("^2001:db8:2:") ~= nil, "care-of address from ar2's prefix")
sim.expect(bc[1].home_registration, "home registration flag")

-- Timeline.
local hos = sim.handovers()
sim.expect_eq(#hos, 1, "one handover")
local h = hos[1]
sim.expect_eq(h.from, "ap1", "left ap1")
sim.expect_eq(h.to, "ap2", "joined ap2")
sim.expect_eq(h.offset.l2_up, sim.time("50ms"), "L2 gap of 50 ms")
sim.expect(h.at.movement_detected >= h.at.l2_up, "movement detected after L2 up")
sim.expect(h.at.bu_sent >= h.at.coa_ready, "BU sent once the CoA is ready")
sim.expect(h.at.ba_received > h.at.bu_sent, "BA after BU")
sim.expect_eq(h.ba_status_name, "ACCEPTED", "handover BA accepted")
sim.expect_le(h.latency, sim.time("200ms"), "registration within 200 ms of L2 down")
sim.expect_eq(bas, 1, "ba_received hook fired once")

-- Loss: none before the handover, none after; inside the window at most
-- what was sent between L2 down and the first packet on the new path.
sim.expect(at_down ~= nil and at_data ~= nil, "hooks saw L2 down and first data")
sim.expect_eq(at_down.lost, 0, "no loss before the handover")
local window = at_data.sent - at_down.sent
sim.expect_le(flow:lost(), window, "loss only inside the handover window")
sim.expect_eq(flow:duplicated(), 0, "no duplicates")
sim.expect_le(flow:reordered(), window, "reordering only inside the handover window")
sim.expect(flow:received() > 0, "traffic delivered")
