-- Fills the book through the API: each thread POSTs BENCH_LOAD_PER_THREAD entries, then stops and
-- leaves a file BENCH_LOAD_DONE.<n> (wrk itself runs to its duration, so run.sh then stops it).
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

function init(args)
  remaining = tonumber(os.getenv("BENCH_LOAD_PER_THREAD"))
  answered = 0
end

function request()
  return wrk.format("POST", "/addresses", json_headers, entry_body)
end

function response(status, headers, body)
  answered = answered + 1
  if answered == remaining then
    io.open(os.getenv("BENCH_LOAD_DONE") .. "." .. seed, "w"):close()
    wrk.thread:stop()
  end
end
