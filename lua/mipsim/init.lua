-- The "mipsim" module: the C core (mipsim.core) plus Lua-side helpers.
-- Functions of the core are re-exported as they are, so that errors they
-- raise point at the script line that called them.
local core = require "mipsim.core"

local M = {}
for k, v in pairs(core) do
  M[k] = v
end

-- Time helpers: integer nanoseconds.
function M.ns(n) return math.tointeger(n) or error("sim.ns: integer expected", 2) end
function M.us(n) return M.time(tostring(n) .. "us") end
function M.ms(n) return M.time(tostring(n) .. "ms") end
function M.s(n) return M.time(tostring(n) .. "s") end

-- Expectation helpers: each records one expectation (sim.expect) at the
-- line of the script that called it, with the values compared in the
-- message.
local E = {}
local function show(v)
  if type(v) == "string" then return string.format("%q", v) end
  return tostring(v)
end

-- expect_eq(actual, expected, message)
function E.eq(actual, expected, message)
  local ok = actual == expected
  local text = string.format("%s (got %s, expected %s)", message or "values equal",
                             show(actual), show(expected))
  return core.expect(ok, text, 2)
end

-- expect_le(actual, limit, message): actual <= limit
function E.le(actual, limit, message)
  local ok = actual ~= nil and actual <= limit
  local text = string.format("%s (got %s, at most %s)", message or "value bounded",
                             show(actual), show(limit))
  return core.expect(ok, text, 2)
end

-- expect_ge(actual, floor, message): actual >= floor
function E.ge(actual, floor, message)
  local ok = actual ~= nil and actual >= floor
  local text = string.format("%s (got %s, at least %s)", message or "value bounded",
                             show(actual), show(floor))
  return core.expect(ok, text, 2)
end

-- expect_between(actual, lo, hi, message): lo <= actual <= hi
function E.between(actual, lo, hi, message)
  local ok = actual ~= nil and actual >= lo and actual <= hi
  local text = string.format("%s (got %s, expected %s..%s)", message or "value in range",
                             show(actual), show(lo), show(hi))
  return core.expect(ok, text, 2)
end

M.expect_eq = E.eq
M.expect_le = E.le
M.expect_ge = E.ge
M.expect_between = E.between

-- Formats a time in ns as "1.234s" (for messages).
function M.fmt(t)
  if t == nil then return "-" end
  local neg = t < 0
  if neg then t = -t end
  return string.format("%s%d.%09ds", neg and "-" or "", t // 1000000000, t % 1000000000)
end

return M
