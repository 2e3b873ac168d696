-- One leaderboard period in Redis (see RedisRanking): every operation that must read and write as one.
--   KEYS[1]  <prefix>:order  sorted set: score = -(score), member = 8-byte reachedAt key .. UTF-8 user id
--   KEYS[2]  <prefix>:users  hash: user id -> "<version high 32 bits>,<version low 32 bits>,<member>"
--   ARGV[1]  the operation: put, remove, place or range; ARGV[2..] its arguments
-- Versions travel as two halves because Lua numbers are doubles, exact only up to 2^53.

local order, users = KEYS[1], KEYS[2]
local operation = ARGV[1]

-- The held version's halves and member of a users hash value.
local function parse(held)
  local first = string.find(held, ',', 1, true)
  local second = string.find(held, ',', first + 1, true)
  return tonumber(string.sub(held, 1, first - 1)), tonumber(string.sub(held, first + 1, second - 1)),
    string.sub(held, second + 1)
end

-- put <user id> <version high> <version low> <order score> <member>: 1 when applied, 0 when the held
-- version is the same or newer.
if operation == 'put' then
  local held = redis.call('HGET', users, ARGV[2])
  if held then
    local high, low, member = parse(held)
    local newHigh, newLow = tonumber(ARGV[3]), tonumber(ARGV[4])
    if high > newHigh or (high == newHigh and low >= newLow) then
      return 0
    end
    redis.call('ZREM', order, member)
  end
  redis.call('ZADD', order, ARGV[5], ARGV[6])
  redis.call('HSET', users, ARGV[2], ARGV[3] .. ',' .. ARGV[4] .. ',' .. ARGV[6])
  return 1
end

-- remove <user id>: 1 when the user was ranked.
if operation == 'remove' then
  local held = redis.call('HGET', users, ARGV[2])
  if not held then
    return 0
  end
  local _, _, member = parse(held)
  redis.call('ZREM', order, member)
  redis.call('HDEL', users, ARGV[2])
  return 1
end

-- place <user id>: nil, or {held, order score, position, count of strictly higher scores}.
if operation == 'place' then
  local held = redis.call('HGET', users, ARGV[2])
  if not held then
    return false
  end
  local _, _, member = parse(held)
  local score = redis.call('ZSCORE', order, member)
  return {held, score, redis.call('ZRANK', order, member), redis.call('ZCOUNT', order, '-inf', '(' .. score)}
end

-- range <start> <stop>: {count of scores strictly higher than the first's, then member, order score,
-- held for each}; {} past the end.
if operation == 'range' then
  local page = redis.call('ZRANGE', order, ARGV[2], ARGV[3], 'WITHSCORES')
  if #page == 0 then
    return {}
  end
  local reply = {redis.call('ZCOUNT', order, '-inf', '(' .. page[2])}
  for i = 1, #page, 2 do
    reply[#reply + 1] = page[i]
    reply[#reply + 1] = page[i + 1]
    reply[#reply + 1] = redis.call('HGET', users, string.sub(page[i], 9))
  end
  return reply
end

return redis.error_reply('unknown ranking operation ' .. tostring(operation))
