-- scheduler.lua: runs a daily schedule of "on" and "off" times and logs each switch.
-- Imperative style: Libre_WaitUntil to the next switching time; events (none expected) end the wait early
-- and are drained.
--
-- Arguments (scheduler.sig): times = list of {at = seconds since local midnight, on = boolean}.

local DAY = 24 * 3600

local function midnight(now)
  local t = os.date("*t", now)
  t.hour, t.min, t.sec = 0, 0, 0
  return os.time(t)
end

local function next_switch(times, now)
  local base = midnight(now)
  local best, best_on
  for day = 0, 1 do
    for _, entry in ipairs(times) do
      local at = base + day * DAY + entry.at
      if at > now and (best == nil or at < best) then
        best, best_on = at, entry.on
      end
    end
  end
  return best, best_on
end

function Schedule(times)
  if type(times) ~= "table" or #times == 0 then
    error("Schedule: 'times' must list at least one switching time")
  end
  Libre_Log(2, string.format("schedule with %d switching time(s)", #times))
  while true do
    local at, on = next_switch(times, os.time())
    Libre_Log(1, os.date("next switch at %H:%M:%S", at))
    repeat
      Libre_WaitUntil(at)
      while Libre_GetEvent() do end
    until os.time() >= at
    Libre_Log(2, string.format("switch %s at %s", on and "on" or "off", os.date("%H:%M:%S", at)))
  end
end
