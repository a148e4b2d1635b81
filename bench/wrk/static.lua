-- The nginx baseline: GET of one static file holding the bytes of a GET /addresses/{id} answer.
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

function request()
  return wrk.format("GET", "/entry.json")
end
