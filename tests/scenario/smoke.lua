-- Smoke test: the stack and links only (no mobility).  Two hosts behind a
-- router exchange a UDP flow and a ping; every packet arrives.
local sim = require "mipsim"

local a = sim.node { name = "a" }
local r = sim.node { name = "r", role = "router" }
local b = sim.node { name = "b" }
local l1 = sim.link { a, r, delay = "5ms" }
local l2 = sim.link { r, b, delay = "5ms", bandwidth = "10Mbps" }

local udp = sim.flow { from = a, to = b, every = "10ms", size = 200, start = "1s", stop = "2s" }
local ping = a:ping { to = b, every = "100ms", count = 5, start = "1505ms" }

sim.run { stop = "3s" }

sim.expect_eq(a:address(), "2001:db8:ff01::1", "first segment, first member")
sim.expect_eq(b:address(), "2001:db8:ff02::2", "second segment, second member")
sim.expect_eq(l1:name(), "a-r", "derived link name")
sim.expect_eq(l2:prefix(), "2001:db8:ff02::/64", "automatic prefix")
sim.expect_eq(udp:sent(), 100, "100 datagrams sent")
sim.expect_eq(udp:received(), 100, "all received")
sim.expect_eq(udp:lost(), 0, "no loss")
sim.expect_eq(ping:sent(), 5, "5 echo requests")
sim.expect_eq(ping:received(), 5, "5 echo replies")
local st = udp:stats()
-- 5 ms + 5 ms propagation, 248-octet frames at 10 Mbit/s on the second hop.
sim.expect(st.delay_avg >= sim.time("10ms") and st.delay_avg < sim.time("11ms"),
           "one-way delay is propagation plus serialisation")
sim.expect_eq(r:counters().ip_fwd >= 110, true, "router forwarded the traffic")
sim.expect_eq(sim.now(), sim.time("3s"), "clock stops at the stop time")
