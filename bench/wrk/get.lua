-- GET /addresses/{id} for random ids known to exist (BENCH_IDS: one id a line).
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

function init(args)
  seed_random()
  ids = read_lines(os.getenv("BENCH_IDS"))
end

function request()
  return wrk.format("GET", "/addresses/" .. ids[math.random(#ids)])
end
