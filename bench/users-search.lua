-- wrk script of bench/users-search-bench.sh (wrk ... <base URL> -- <N> <query>): every request is
-- one of
--   user       GET /v1/users/user_<r>                  (the baseline: one profile by primary key)
--   id_prefix  GET /v1/users?id_prefix=user_<r>&limit=50
--   q          GET /v1/users?q=user<r>%40&limit=50      (an email prefix: exactly one user)
--   q_short    GET /v1/users?q=user<k>&limit=50         (k of three digits: 1,111 matches, sorted for the page)
-- for a random r in 1 .. N and k in 100 .. 999. The bearer token comes from wrk's -H option. The script that sources
-- this one appends a done() that prints the summary as JSON.

local users = 1000000
local query = "user"

local threads_set_up = 0
function setup(thread)
  threads_set_up = threads_set_up + 1
  thread:set("thread_number", threads_set_up)
end

function init(args)
  users = tonumber(args[1] or "") or error("the first argument must be a number of users, was " .. tostring(args[1]))
  query = args[2] or error("the second argument must be the query")
  math.randomseed(1000003 * (thread_number or 1))
end

function request()
  local r = math.random(users)
  if query == "user" then
    return wrk.format("GET", "/v1/users/user_" .. r)
  elseif query == "id_prefix" then
    return wrk.format("GET", "/v1/users?id_prefix=user_" .. r .. "&limit=50")
  elseif query == "q" then
    return wrk.format("GET", "/v1/users?q=user" .. r .. "%40&limit=50")
  elseif query == "q_short" then
    return wrk.format("GET", "/v1/users?q=user" .. (100 + r % 900) .. "&limit=50")
  end
  error("unknown query " .. query)
end
