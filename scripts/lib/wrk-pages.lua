-- wrk script of the page benchmark (scripts/lib/wrk.ts runs `wrk -t C -c C`): one connection per thread, each
-- with its own session cookie (line <thread number> of the file given after `--`), GET of wrk's URL as a
-- browser asks for a page. Any answer but 200 is counted (a redirect to /login means the session did not
-- hold). `done` prints one line, "WRK_RESULT {json}" (wrk-result.lua): bytes and non-200 answers besides
-- wrk's totals, latency and CPU time.
-- wrk-result.lua beside this file, wherever wrk is started from (the script's path as wrk was given it).
local result = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "wrk-result.lua")
setup = result.setup

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

function done(summary, latency, requests)
  result.write(summary, latency, {
    { "bytes", summary.bytes },
    { "non200", result.sum("non200") },
  })
end
