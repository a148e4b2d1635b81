-- PUT /addresses/{id}: replaces random existing entries (BENCH_IDS: one id a line).
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

function init(args)
  seed_random()
  ids = read_lines(os.getenv("BENCH_IDS"))
end

function request()
  return wrk.format("PUT", "/addresses/" .. ids[math.random(#ids)], json_headers, entry_body)
end
