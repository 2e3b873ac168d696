-- wrk script of bench/events-bench.sh: every request POSTs one event to the URL's path
-- (/v1/events or /v1/events/validate), for a random user among the first N (user_1 .. user_N,
-- N is the script argument: wrk ... <url> -- <N>), with the rule set of bench/events-rules.json:
--
--   50%  {"metric":"steps","user_id":"user_4711","value":3127}             200 .. 6000 steps
--   30%  {"metric":"distance","user_id":"user_815","value":7.42}           0.50 .. 12.49 km
--   20%  {"metric":"workouts","user_id":"user_42",                         value 1 (the default)
--         "attributes":{"kind":"run","intensity":"high"}}                  3 kinds, high 1 in 3
--
-- The bearer token comes from wrk's -H option; occurred_at is left to the server (now). The
-- script that sources this one appends a done() that prints the summary as JSON.

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

local users = 10000
local kinds = { "run", "ride", "swim" }

-- setup() runs in wrk's main Lua state; thread:set() makes a global in the thread's own state
local threads_set_up = 0
function setup(thread)
  threads_set_up = threads_set_up + 1
  thread:set("thread_number", threads_set_up)
end

function init(args)
  if args[1] ~= nil then
    users = tonumber(args[1]) or error("the argument must be a number of users, was " .. args[1])
  end
  -- each thread its own sequence; the same sequences in every run
  math.randomseed(1000003 * (thread_number or 1))
end

function request()
  local user = math.random(users)
  local pick = math.random(100)
  local body
  if pick <= 50 then
    body = string.format('{"metric":"steps","user_id":"user_%d","value":%d}', user, math.random(200, 6000))
  elseif pick <= 80 then
    local hundredths = math.random(50, 1249)
    body = string.format('{"metric":"distance","user_id":"user_%d","value":%d.%02d}', user,
      math.floor(hundredths / 100), hundredths % 100)
  else
    body = string.format('{"metric":"workouts","user_id":"user_%d","attributes":{"kind":"%s","intensity":"%s"}}',
      user, kinds[math.random(3)], math.random(3) == 1 and "high" or "low")
  end
  return wrk.format(nil, nil, nil, body)
end
