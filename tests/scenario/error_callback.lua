-- expect: error_callback\.lua:6: attempt to perform arithmetic on a nil value.*stack traceback
local sim = require "mipsim"
local a = sim.node { name = "a" }
local b = sim.node { name = "b" }
sim.link { a, b }
sim.at("1s", function() return nil + 1 end)
sim.run { stop = "2s" }
