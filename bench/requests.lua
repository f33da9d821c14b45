-- wrk script: replays the requests listed in a file written by bench/driver.py.
--
--   wrk ... -s bench/requests.lua URL -- REQUEST_FILE THREADS
--
-- The file holds tab-separated lines. "T<TAB>token" lines define bearer tokens, numbered
-- from 1 in the order they appear. "R<TAB>method<TAB>path<TAB>token number or 0<TAB>body"
-- lines are requests. Thread k of n sends the requests whose line number is k modulo n
-- (every request, when there are fewer than n), in order, and starts over at the end: a list meant to be used once (deletes)
-- is made long enough by the driver. When the run ends, one line starting with
-- BENCH-RESULT carries the counts and latency percentiles as JSON.

local counter = 0

function setup(thread)
  thread:set("thread_index", counter)
  counter = counter + 1
end

local requests = {}
local position = 0
-- The rotating refresh scenario: refresh tokens waiting to be spent ("F" lines).
local refresh_pool = {}
local rotating = false

local function split(line)
  local fields = {}
  for field in (line .. "\t"):gmatch("([^\t]*)\t") do
    fields[#fields + 1] = field
  end
  return fields
end

function init(args)
  local path, threads = args[1], tonumber(args[2])
  local tokens = {}
  local count = 0
  for line in io.lines(path) do
    if line:sub(1, 1) == "R" then
      count = count + 1
    end
  end
  -- Refresh tokens are never shared between threads, whatever the request count.
  local token_threads, token_index = threads, thread_index
  if count < threads then
    threads = 1
    thread_index = 0
  end
  local number = 0
  local spare = 0
  for line in io.lines(path) do
    local fields = split(line)
    if fields[1] == "T" then
      tokens[#tokens + 1] = fields[2]
    elseif fields[1] == "F" then
      if spare % token_threads == token_index then
        refresh_pool[#refresh_pool + 1] = fields[2]
      end
      spare = spare + 1
      rotating = true
    elseif fields[1] == "R" then
      if number % threads == thread_index then
        local headers = {}
        local token = tonumber(fields[4])
        if token > 0 then
          headers["Authorization"] = "Bearer " .. tokens[token]
        end
        local body = nil
        if fields[5] ~= "" then
          body = fields[5]
          headers["Content-Type"] = "application/json"
        end
        requests[#requests + 1] = wrk.format(fields[2], fields[3], headers, body)
      end
      number = number + 1
    end
  end
  if #requests == 0 then
    error("no requests for thread " .. thread_index .. " in " .. path)
  end
end

function request()
  if rotating then
    local token = table.remove(refresh_pool, 1)
    if token == nil then
      error("the refresh pool ran dry: more connections than sessions")
    end
    return wrk.format("POST", "/api/token/refresh/", {["Content-Type"] = "application/json"},
      '{"refresh": "' .. token .. '"}')
  end
  position = position % #requests + 1
  return requests[position]
end

function response(status, _, body)
  if rotating and status == 200 then
    local next_token = body:match('"refresh":"([^"]+)"')
    if next_token then
      refresh_pool[#refresh_pool + 1] = next_token
    end
  end
end

function done(summary, latency, _)
  local errors = summary.errors
  io.write(string.format(
    'BENCH-RESULT {"requests": %d, "duration_us": %d, "connect_errors": %d, '
      .. '"read_errors": %d, "write_errors": %d, "status_errors": %d, "timeouts": %d, '
      .. '"p50_us": %d, "p99_us": %d, "mean_us": %.1f, "max_us": %d}\n',
    summary.requests, summary.duration, errors.connect, errors.read, errors.write,
    errors.status, errors.timeout, latency:percentile(50), latency:percentile(99),
    latency.mean, latency.max))
end
