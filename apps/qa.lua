-- qa.lua: the node's quality checks, in the spirit of Liberty's QA app. Each entry is one test task.
--   Freeze      never yields: the watchdog must kill the task (Error, "killed by watchdog ...").
--   LogFlood    logs as fast as it can: the log is rate-limited, the task keeps running.
--   MemoryBomb  allocates without bound: the task ends in Error "memory limit ...".
--   ThreadExit  starts threads that exit in several ways: the task ends Stopped.

function Freeze()
  Libre_Log(2, "freezing")
  while true do end
end

function LogFlood(lines)
  lines = lines or 100000
  for i = 1, lines do
    Libre_Log(2, "flood line " .. i)
  end
  Libre_Log(2, "flood done")
  while true do
    Libre_Wait(1000)
    Libre_Log(1, "still running")
  end
end

function MemoryBomb()
  local hoard = {}
  Libre_Log(2, "hoarding")
  while true do
    hoard[#hoard + 1] = string.rep("x", 4096) .. #hoard
  end
end

function ThreadExit()
  local finished = 0
  local function note(name)
    finished = finished + 1
    Libre_Log(2, name .. " ends (" .. finished .. ")")
  end
  Libre_NewThread(function() note("returner") end)
  Libre_NewThread(function() Libre_Wait(10); note("exiter"); Libre_ExitThread(); Libre_Log(4, "not reached") end)
  local victim = Libre_NewThread(function()
    local guard <close> = setmetatable({}, { __close = function() note("victim") end })
    Libre_Wait()
  end)
  Libre_Wait(0)
  Libre_ExitThread(victim)
  Libre_Wait(50)
  note("main")
end
