-- Light combiner: several lights behind one virtual on/off light.
--
-- Switching the virtual light switches every light; the command is acknowledged from the virtual
-- device with the source it came with. The lights' own reports are mirrored: the virtual light is on
-- while at least one light is on. A light that does not take a command is logged.

local ON_OFF = 0x0006
local CMD_OFF, CMD_ON, CMD_TOGGLE, CMD_ON_TIMED = 0x00, 0x01, 0x02, 0x42

function ComboOnOff(input, output)
  local states = {}

  local function anyOn()
    for _, dev in ipairs(input) do
      if states[dev] then return true end
    end
    return false
  end

  for _, dev in ipairs(input) do
    local on, ok = Libre_DeviceOnOffGet(dev)
    states[dev] = ok and on or false
    Libre_SetWaitDevice(dev)
  end
  Libre_SetWaitVirtualDevice(output)

  local shown = anyOn()
  Libre_VirtualDeviceOnOffReport(output, shown)
  Libre_Log(2, string.format("combining %d lights into %d (%s)", #input, output, shown and "on" or "off"))

  local function mirror()
    local now = anyOn()
    if now ~= shown then
      shown = now
      Libre_VirtualDeviceOnOffReport(output, shown)
    end
  end

  while true do
    Libre_Wait()
    local ev = Libre_GetEvent()
    while ev do
      if ev.id == output then
        if ev.t == 0 and ev.c == ON_OFF then
          local on
          if ev.d == CMD_ON or ev.d == CMD_ON_TIMED then on = true
          elseif ev.d == CMD_OFF then on = false
          elseif ev.d == CMD_TOGGLE then on = not shown end
          if on ~= nil then
            for _, dev in ipairs(input) do Libre_DeviceOnOffSet(dev, on) end
            Libre_VirtualDeviceOnOffSet(output, on, ev.s)
          end
        end
      elseif not ev.ok then
        if ev.t == 0 then
          Libre_Log(3, string.format("light %d did not take the command", ev.id))
        else
          states[ev.id] = false
          mirror()
        end
      elseif ev.t == 1 and ev.c == ON_OFF and ev.v[0] ~= nil then
        states[ev.id] = ev.v[0]
        mirror()
      end
      ev = Libre_GetEvent()
    end
  end
end
