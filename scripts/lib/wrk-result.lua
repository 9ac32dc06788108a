-- The "WRK_RESULT {json}" line that the benchmarks' wrk scripts (wrk-pages.lua, wrk-quiz.lua) print from
-- `done`, read by scripts/lib/wrk.ts: the script's own fields, then wrk's totals, socket errors, latency
-- percentiles (µs), wrk's own CPU time from /proc/self/stat (every thread's, in clock ticks) and up to three
-- of the threads' `sample` messages; and the `setup` both scripts use. They load it with dofile from their own
-- directory.
local M = { threads = {} }

-- wrk's `setup` of both scripts (`setup = result.setup`): keeps the threads and numbers them (global `id`).
function M.setup(thread)
  table.insert(M.threads, thread)
  thread:set("id", #M.threads)
end

function M.quote(s)
  return '"' .. s:gsub('[%c"\\]', function(c) return string.format("\\u%04x", c:byte()) end) .. '"'
end

-- The sum over the threads of their global `name` (0 where a thread has none).
function M.sum(name)
  local n = 0
  for _, t in ipairs(M.threads) do n = n + (t:get(name) or 0) end
  return n
end

local function cpuTicks()
  local f = io.open("/proc/self/stat")
  local stat = f:read("*a")
  f:close()
  -- After the command (which may hold spaces and ")"): state, ppid, … utime is the 12th field, stime the 13th.
  local fields = {}
  for x in stat:sub(stat:match(".*()%)") + 2):gmatch("%S+") do fields[#fields + 1] = x end
  return tonumber(fields[12]) + tonumber(fields[13])
end

-- `fields`: the script's own, in order, as {name, value} pairs; a value is a number, a boolean, or a string
-- that is already JSON text (an array, say).
function M.write(summary, latency, fields)
  local own, samples = {}, {}
  for _, f in ipairs(fields) do
    local v = f[2]
    if type(v) == "number" then v = string.format("%d", v) else v = tostring(v) end
    own[#own + 1] = string.format('"%s":%s,', f[1], v)
  end
  for _, t in ipairs(M.threads) do
    local s = t:get("sample")
    if s and #samples < 3 then samples[#samples + 1] = M.quote(s) end
  end
  local e = summary.errors
  io.write(string.format(
    'WRK_RESULT {%s"requests":%d,"durationUs":%d,"connect":%d,"read":%d,"write":%d,"timeout":%d,' ..
      '"p50Us":%d,"p99Us":%d,"cpuTicks":%d,"samples":[%s]}\n',
    table.concat(own), summary.requests, summary.duration, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(99), cpuTicks(), table.concat(samples, ",")))
end

return M
