-- wrk script for bench/searchd/run.sh: rotates real queries over /api/search and prints
-- one RESULT line (requests/s, latency percentiles, errors) when the run is done.
-- Environment: DRAGOMAN_QUERIES (query file, one per line, # comments), DRAGOMAN_PARAMS
-- (extra query-string parameters, e.g. "&facets=0").
local queries = {}
local counter = 0
local params = os.getenv("DRAGOMAN_PARAMS") or ""
local thread_count = 0

local function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local function load()
  local path = assert(os.getenv("DRAGOMAN_QUERIES"), "DRAGOMAN_QUERIES is not set")
  for line in io.lines(path) do
    if line:match("%S") and not line:match("^%s*#") then queries[#queries + 1] = line end
  end
  assert(#queries > 0, "no queries in " .. path)
end

function setup(thread)
  thread:set("id", thread_count)
  thread_count = thread_count + 1
end

function init(args)
  load()
  -- Threads start at different places in the list so that they do not run in lockstep.
  counter = (id or 0) * 37 % #queries
end

function request()
  counter = counter % #queries + 1
  return wrk.format("GET", "/api/search?q=" .. urlencode(queries[counter]) .. params)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f " ..
    "errors_connect=%d errors_read=%d errors_write=%d errors_status=%d errors_timeout=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect, e.read, e.write, e.status, e.timeout))
end
