-- POST /addresses: every request creates a new entry.
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

function request()
  return wrk.format("POST", "/addresses", json_headers, entry_body)
end
