-- wrk script of the quiz benchmark (scripts/bench-quiz.ts runs `wrk -t C -c C`): one connection per thread,
-- each a signed-in learner looping as the quiz page does: start (POST the course page) → open the paper (the
-- route's single-fetch data) → autosave half the sheet → submit it all. A learner who passed (or who got an
-- answer the loop did not expect) is done; the thread takes the next of its own learners (file
-- <args[1]>.<thread number>, one cookie a line) and stops when it has none left. The paper's turbo-stream is
-- read without decoding its strings: an option's JSON text is compared with the key's (args[2]: lines
-- "<questionId>\t<JSON of a right option>\t…", written by JSON.stringify as the server writes them).
-- `done` prints "WRK_RESULT {json}" (wrk-result.lua): loops, passes, errors and the learners each thread used
-- besides wrk's totals, latency of every step and CPU time.
-- wrk-result.lua beside this file, wherever wrk is started from (the script's path as wrk was given it).
local result = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "wrk-result.lua")
setup = result.setup

local course, keys, learners, cookie, state, attempt, sheet

local function nextLearner()
  used = used + 1
  cookie = learners[used]
  state = "start"
  if not cookie then
    used = #learners
    ranOut = true
    wrk.thread:stop()
  end
end

function init(args)
  math.randomseed(os.time() + id * 7919)
  course = args[3]
  learners = {}
  for line in io.lines(args[1] .. "." .. id) do
    if line ~= "" then table.insert(learners, line) end
  end
  keys = {}
  for line in io.lines(args[2]) do
    local qid, rest = line:match("^([^\t]+)\t?(.*)$")
    local right = {}
    for text in rest:gmatch("[^\t]+") do right[text] = true end
    keys[qid] = right
  end
  loops, passes, errors, used, ranOut = 0, 0, 0, 0, false
  nextLearner()
end

local function fail(what)
  errors = errors + 1
  if not sample then sample = what end
  nextLearner()
end

-- The entries of turbo-stream's flat array (its first line), as raw JSON texts; entry i is at [i + 1].
local function entries(line)
  local out, depth, start, inString, escaped = {}, 0, 2, false, false
  for i = 2, #line do
    local c = line:byte(i)
    if inString then
      if escaped then escaped = false
      elseif c == 92 then escaped = true
      elseif c == 34 then inString = false end
    elseif c == 34 then inString = true
    elseif c == 91 or c == 123 then depth = depth + 1
    elseif c == 93 or c == 125 then
      if depth == 0 then
        out[#out + 1] = line:sub(start, i - 1)
        break
      end
      depth = depth - 1
    elseif c == 44 and depth == 0 then
      out[#out + 1] = line:sub(start, i - 1)
      start = i + 1
    end
  end
  return out
end

-- The index of field `name` of the object at index `at` ({"_<key index>":<value index>,…}), or nil.
local function field(e, at, name)
  local obj = at and e[at + 1]
  if not obj then return nil end
  local want = '"' .. name .. '"'
  for k, v in obj:gmatch('"_(%d+)":(%-?%d+)') do
    if e[tonumber(k) + 1] == want then return tonumber(v) end
  end
  return nil
end

local function list(e, at)
  local out = {}
  for v in (e[at + 1] or ""):gmatch("%-?%d+") do out[#out + 1] = tonumber(v) end
  return out
end

-- The answer sheet for the paper in `body`: `right` items answered right, the others wrong; nil if unreadable.
local function paper(body, right)
  local e = entries(body:match("^[^\n]*"))
  local data = field(e, field(e, 0, "routes/attempts.$attemptId"), "data")
  local items = field(e, field(e, data, "attempt"), "items")
  if not items then return nil end
  local out = {}
  for i, item in ipairs(list(e, items)) do
    local qid = (e[(field(e, item, "questionId") or -1) + 1] or ""):match('^"(.*)"$')
    local key = qid and keys[qid]
    if not key then return nil end
    local correct, wrong = {}, nil
    for d, text in ipairs(list(e, field(e, item, "options") or -1)) do
      if key[e[text + 1]] then correct[#correct + 1] = d - 1
      elseif not wrong then wrong = d - 1 end
    end
    out[i] = { qid = qid, chosen = (i <= right or not wrong) and correct or { wrong } }
  end
  return out
end

local function form(intent, upTo)
  local parts = { "intent=" .. intent }
  for i = 1, math.min(upTo, #sheet) do
    for _, d in ipairs(sheet[i].chosen) do parts[#parts + 1] = "q." .. sheet[i].qid .. "=" .. d end
  end
  return table.concat(parts, "&")
end

local function post(path, body)
  return wrk.format("POST", path, {
    ["Cookie"] = cookie or "",
    ["Accept"] = "*/*",
    ["Origin"] = "http://" .. wrk.host .. ":" .. wrk.port,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, body)
end

function request()
  if state == "start" then return post("/courses/" .. course .. "?index", "intent=start") end
  if state == "open" then
    return wrk.format("GET", attempt .. ".data", { ["Cookie"] = cookie or "", ["Accept"] = "*/*" })
  end
  if state == "save" then return post(attempt .. "/answers", form("save", 5)) end
  return post(attempt .. "/answers", form("submit", #sheet))
end

function response(status, headers, body)
  if state == "start" then
    local to = headers["Location"] or headers["location"] or ""
    if status ~= 302 or not to:match("^/attempts/") then return fail("start: " .. status .. " " .. to) end
    attempt, state = to, "open"
  elseif state == "open" then
    if status ~= 200 then return fail("open: " .. status) end
    sheet = paper(body, math.random(0, 10)) -- 0–10 right answers
    if not sheet then return fail("open: no paper in " .. body:sub(1, 80)) end
    state = "save"
  elseif state == "save" then
    if status ~= 200 or not body:find('"saved"', 1, true) then
      return fail("save: " .. status .. " " .. body:sub(1, 120))
    end
    state = "submit"
  else
    if status ~= 200 or not body:find('"state":"graded"', 1, true) then
      return fail("submit: " .. status .. " " .. body:sub(1, 120))
    end
    loops = loops + 1
    if body:find('"passed":true', 1, true) then
      passes = passes + 1
      nextLearner()
    else
      state = "start"
    end
  end
end

function done(summary, latency, requests)
  local used, ranOut = {}, false
  for _, t in ipairs(result.threads) do
    ranOut = ranOut or t:get("ranOut")
    used[#used + 1] = t:get("used")
  end
  result.write(summary, latency, {
    { "loops", result.sum("loops") },
    { "passes", result.sum("passes") },
    { "errors", result.sum("errors") },
    { "ranOut", ranOut },
    { "used", "[" .. table.concat(used, ",") .. "]" },
  })
end
