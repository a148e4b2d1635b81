-- Shared by the wrk scripts of bench/run.sh: the entry sent by writes, file reading, and a done()
-- that prints one machine-readable line (wrk's own --latency output stops at p99).

entry_body = '{"full_name": "Ada Lovelace",'
  .. ' "addresses": [{"kind": "home", "street_name": "St James Square", "pincode": "SW1Y 4JH",'
  .. ' "country": "United Kingdom"}],'
  .. ' "phone_numbers": [{"kind": "work", "country_code": 44, "area_code": 20, "local_number": 79460000}],'
  .. ' "emails": [{"kind": "home", "email": "ada@example.org"}]}'

json_headers = { ["Content-Type"] = "application/json" }

function read_lines(path)
  local lines = {}
  for line in io.lines(path) do
    if line ~= "" then lines[#lines + 1] = line end
  end
  assert(#lines > 0, "no lines in " .. path)
  return lines
end

-- Each thread gets its own seed, or every thread would ask for the same ids in the same order.
local next_seed = 1
function setup(thread)
  thread:set("seed", next_seed)
  next_seed = next_seed + 1
end

function seed_random()
  math.randomseed(os.time() * 1000 + (seed or 0))
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "RESULT rps=%.1f p50_ms=%.3f p99_ms=%.3f p999_ms=%.3f non2xx=%d socket_errors=%d requests=%d\n",
    summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000,
    e.status, e.connect + e.read + e.write + e.timeout, summary.requests))
end
