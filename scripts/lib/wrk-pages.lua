-- wrk script of the page benchmark (scripts/lib/wrk.ts runs `wrk -t C -c C`): one connection per thread, each
-- with its own session cookie (line <thread number> of the file given after `--`), GET of wrk's URL as a
-- browser asks for a page. Any answer but 200 is counted (a redirect to /login means the session did not
-- hold). `done` prints one line, "WRK_RESULT {json}": totals, latency percentiles (µs), socket errors, and
-- wrk's own CPU time from /proc/self/stat (every thread's, in clock ticks).
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  local cookies = {}
  for line in io.lines(args[1]) do
    if line ~= "" then table.insert(cookies, line) end
  end
  wrk.headers["Cookie"] = cookies[(id - 1) % #cookies + 1]
  wrk.headers["Accept"] = "text/html"
  wrk.headers["Accept-Encoding"] = "gzip, deflate, br"
  non200 = 0
  sample = nil
end

function response(status, headers, body)
  if status ~= 200 then
    non200 = non200 + 1
    if not sample then sample = status .. " " .. (headers["Location"] or headers["location"] or "") end
  end
end

local function quote(s)
  return '"' .. s:gsub('[%c"\\]', function(c) return string.format("\\u%04x", c:byte()) end) .. '"'
end

function done(summary, latency, requests)
  local non200, samples = 0, {}
  for _, t in ipairs(threads) do
    non200 = non200 + (t:get("non200") or 0)
    local s = t:get("sample")
    if s and #samples < 3 then table.insert(samples, quote(s)) end
  end
  local f = io.open("/proc/self/stat")
  local stat = f:read("*a")
  f:close()
  -- After the command (which may hold spaces and ")"): state, ppid, … utime is the 12th field, stime the 13th.
  local fields = {}
  for x in stat:sub(stat:match(".*()%)") + 2):gmatch("%S+") do table.insert(fields, x) end
  local e = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests":%d,"durationUs":%d,"bytes":%d,"non200":%d,"connect":%d,"read":%d,' ..
      '"write":%d,"timeout":%d,"p50Us":%d,"p99Us":%d,"cpuTicks":%d,"samples":[%s]}\n',
    summary.requests, summary.duration, summary.bytes, non200, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(99), tonumber(fields[12]) + tonumber(fields[13]),
    table.concat(samples, ",")))
end
