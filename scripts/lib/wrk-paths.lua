-- wrk script of the tracking bench (scripts/bench-tracking.ts): each connection GETs the paths of the file
-- given after `--`, its own share in turn (thread i takes lines i, i+n, i+2n …), so every request is a
-- different recipient's first click. Any answer but 200 is counted. `done` prints the result line.
local result = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "wrk-result.lua")
setup = result.setup

function init(args)
  paths = {}
  local threads = tonumber(args[2])
  local n = 0
  for line in io.lines(args[1]) do
    if line ~= "" then
      if n % threads == id - 1 then table.insert(paths, line) end
      n = n + 1
    end
  end
  at = 0
  non200 = 0
  sample = nil
end

function request()
  at = at % #paths + 1
  return wrk.format("GET", paths[at])
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
