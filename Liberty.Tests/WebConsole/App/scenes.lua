-- A Gen-2 style app for the console's specs: a list of named Group tables (each with a device list), a named
-- enumeration, a PhysicalQuantity number, an optional time of day and an optional virtual device.
function Scenes(groups, mood, setpoint, wake, indicator)
  print(string.format("scenes: %d groups, mood %d, setpoint %s", #groups, mood, tostring(setpoint)))
  for _, g in ipairs(groups) do
    print(string.format("group %s: %d lights at %d%%", g.name, #g.lights, g.brightness))
  end
  while true do
    Libre_Wait(60000)
  end
end
