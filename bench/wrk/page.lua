-- GET /addresses?limit=100 at random positions: BENCH_PAGES holds one path a line, the first page
-- and pages after cursors the service issued (cursors are opaque, so they are collected, not made).
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

function init(args)
  seed_random()
  pages = read_lines(os.getenv("BENCH_PAGES"))
end

function request()
  return wrk.format("GET", pages[math.random(#pages)])
end
