-- wrk script of bench/leaderboard-bench.sh: every request is GET /v1/leaderboards/<board>/users/<id>
-- for a random user among user_1 .. user_N (wrk ... <base URL> -- <N> <board>), all of whom hold a
-- score on the board. The bearer token comes from wrk's -H option. The script that sources this one
-- appends a done() that prints the summary as JSON.

local users = 1000000
local board = "steps"

-- setup() runs in wrk's main Lua state; thread:set() makes a global in the thread's own state
local threads_set_up = 0
function setup(thread)
  threads_set_up = threads_set_up + 1
  thread:set("thread_number", threads_set_up)
end

function init(args)
  users = tonumber(args[1] or "") or error("the first argument must be a number of users, was " .. tostring(args[1]))
  board = args[2] or error("the second argument must be the board's key")
  -- each thread its own sequence; the same sequences in every run
  math.randomseed(1000003 * (thread_number or 1))
end

function request()
  return wrk.format("GET", "/v1/leaderboards/" .. board .. "/users/user_" .. math.random(users))
end
