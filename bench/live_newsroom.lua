-- wrk script of bench/live_newsroom.sh: the connections walk the reading set round robin, each
-- thread from its own place in it, and count what warta's page cache said (X-Warta-Cache).
--   wrk -t2 -c32 -d10s -s bench/live_newsroom.lua http://127.0.0.1:PORT -- PATHS_FILE THREADS
-- PATHS_FILE: one path a line (with its query, if any). done() prints one line:
--   warta-cache hit=N miss=N stale=N none=N non200=N

local threads = {}
local made = 0

function setup(thread)
    thread:set("id", made)
    made = made + 1
    table.insert(threads, thread)
end

function init(args)
    paths = {}
    for line in io.lines(args[1]) do
        if line ~= "" then
            paths[#paths + 1] = line
        end
    end
    if #paths == 0 then
        error("no paths in " .. tostring(args[1]))
    end
    local count = tonumber(args[2]) or 1
    -- Thread k starts k/count of the way into the list: together they cover it evenly.
    index = math.floor(#paths * id / count)
    hit, miss, stale, none, non200 = 0, 0, 0, 0, 0
end

function request()
    index = index % #paths + 1
    return wrk.format("GET", paths[index])
end

function response(status, headers, body)
    if status ~= 200 then
        non200 = non200 + 1
    end
    local state = headers["X-Warta-Cache"] or headers["x-warta-cache"]
    if state == "hit" then
        hit = hit + 1
    elseif state == "miss" then
        miss = miss + 1
    elseif state == "stale" then
        stale = stale + 1
    else
        none = none + 1
    end
end

function done(summary, latency, requests)
    local total = { hit = 0, miss = 0, stale = 0, none = 0, non200 = 0 }
    for _, thread in ipairs(threads) do
        for name, _ in pairs(total) do
            total[name] = total[name] + (thread:get(name) or 0)
        end
    end
    io.write(string.format("warta-cache hit=%d miss=%d stale=%d none=%d non200=%d\n",
        total.hit, total.miss, total.stale, total.none, total.non200))
end
