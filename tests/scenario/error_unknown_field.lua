-- expect: error_unknown_field\.lua:5: sim\.node: unknown field 'hoa_addr'
local sim = require "mipsim"
local ha = sim.node { name = "ha", role = "ha" }
-- A misspelt field is rejected by name, at the line that used it.
local mn = sim.node { name = "mn", role = "mn", hoa_addr = "2001:db8:aa::10" }
sim.run { stop = "1s" }
