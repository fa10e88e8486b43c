-- wrk script for test_soak.py: the benchmark's rotating queries (bench/searchd/queries.lua),
-- paced by DRAGOMAN_DELAY_MS per request so that the load is bounded and the indexer runs too.
dofile(os.getenv("DRAGOMAN_QUERIES_LUA"))

local pause = tonumber(os.getenv("DRAGOMAN_DELAY_MS") or "0")

function delay()
  return pause
end
