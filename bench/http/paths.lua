-- wrk script: every request asks for the next path of the list in $BENCH_PATHS (one
-- path a line), so a run cycles through all MAC-specific config files. Each wrk thread
-- starts at its own offset.
local paths = {}
local file = os.getenv("BENCH_PATHS") or "paths.txt"
for line in io.lines(file) do
  if #line > 0 then paths[#paths + 1] = line end
end
if #paths == 0 then error("no paths in " .. file) end

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local i = 0
function init(args)
  i = ((tid or 1) - 1) * math.floor(#paths / 7) % #paths
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
