-- reactive.lua: a blinker and a watchdog-style heartbeat in the reactive style (Libre_WaitReactive).
-- Timers are one-shot: a periodic timer re-arms itself in its callback with Libre_TimerUpdate.
--
-- Arguments (reactive.sig): period (ms), count (blinks before the task ends; 0 = forever).

local function Blink(period, count)
  period = period or 1000
  count = count or 0
  local blinks, state = 0, false
  local heartbeat = Libre_TimerNew(10 * period, function(tag, timer)
    Libre_Log(1, tag .. string.format(" after %d blinks", blinks))
    Libre_TimerUpdate(timer, 10 * period)
  end, "heartbeat")
  local blink
  blink = Libre_TimerNew(period, function(tag)
    state = not state
    blinks = blinks + 1
    Libre_Log(2, string.format("%s %d: %s", tag, blinks, state and "on" or "off"))
    if count > 0 and blinks >= count then
      Libre_TimerCancel(heartbeat)
      Libre_Log(2, "done")
      Libre_ExitThread()
    end
    Libre_TimerUpdate(blink, period)
  end, "blink")
  Libre_WaitReactive()
end

return { Blink = Blink }
