-- Expectation helpers; loaded by the mipsim module.
local M = {}
return M
