-- wrk script of the drill-tracking benchmark (bench:phishing): like wrk-pages.lua, but each request GETs the
-- next path of a list (the file given after `--`, one path a line; thread i starts at line i and steps by the
-- thread count, so no two threads ask for the same path until the list wraps), with an optional cookie file.
-- 200, 204 and 303 are answers; anything else is counted in non200.
local result = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "wrk-result.lua")
setup = result.setup

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if line ~= "" then table.insert(paths, line) end
  end
  step = tonumber(args[2]) or 1
  at = (id - 1) % #paths
  wrk.headers["Accept"] = "text/html,image/*"
  wrk.headers["Accept-Encoding"] = "gzip, deflate, br"
  non200 = 0
  sample = nil
end

function request()
  local p = paths[at + 1]
  at = (at + step) % #paths
  return wrk.format("GET", p)
end

function response(status, headers, body)
  if status ~= 200 and status ~= 204 and status ~= 303 then
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
