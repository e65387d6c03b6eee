-- line-device.lua: drives a device that speaks a line protocol over TCP (commands and status lines
-- ending in "\r", as A/V receivers do: "PWON\r", "PWSTANDBY\r", "PW?\r").
--
-- LineDevice(lanDevice, port, powerOn, power)
--   lanDevice  the LAN device to talk to (host configured on the node)
--   port       TCP port; 0 uses the LAN device's port
--   powerOn    true: switch the device on at every connect; false: only ask for its state
--   power      optional virtual on/off device mirroring the power state (else the log does)
--
-- The connection is kept up: when it drops or cannot be made, the driver waits and reconnects,
-- doubling the wait from 1 s up to 60 s; a good connection resets it. Every 30 s without news it
-- asks for the power state again.

local RECONNECT_MIN_MS = 1000
local RECONNECT_MAX_MS = 60000
local CONNECT_WAIT_MS = 15000
local STATUS_EVERY_MS = 30000
local EV_IO = 10

local function waitIo(fd, mask, ms)
  if not Libre_SetWaitIo(fd, mask) then return -1 end
  local deadline = os.msticks() + ms
  while true do
    local left = deadline - os.msticks()
    if left <= 0 then return 0 end
    Libre_Wait(left)
    local e = Libre_GetEvent()
    while e do
      if e.t == EV_IO and e.id == fd then return e.v end
      e = Libre_GetEvent()
    end
  end
end

local function send(fd, text)
  local pos = 1
  while pos <= #text do
    local n, err = Libre_IoWrite(fd, text, pos)
    if n < 0 then return false, err end
    if n == 0 then
      local v = waitIo(fd, 2, CONNECT_WAIT_MS)
      if v <= 0 then return false, "send stalled" end
    end
    pos = pos + n
  end
  return true
end

function LineDevice(lanDevice, port, powerOn, power)
  local fd = Libre_IoNewTcp()
  local buf = lbuffer(256)
  local backoff = RECONNECT_MIN_MS
  local state = nil

  local function setPower(on)
    if state == on then return end
    state = on
    Libre_Log(2, "power " .. (on and "on" or "standby"))
    if power and Libre_VirtualDeviceOnOffReport then
      Libre_VirtualDeviceOnOffReport(power, on)
    end
  end

  local function onLine(line)
    if line == "PWON" then setPower(true)
    elseif line == "PWSTANDBY" then setPower(false)
    elseif line ~= "" then Libre_Log(1, "status " .. line)
    end
  end

  -- One connection's life; returns why it ended.
  local function session()
    local ok, err = send(fd, powerOn and "PWON\r" or "PW?\r")
    if not ok then return err end
    local pending = ""
    while true do
      local v = waitIo(fd, 1, STATUS_EVERY_MS)
      if v < 0 then
        local _, why = Libre_IoRead(fd, buf, 1, 256)
        return why or "closed"
      elseif v == 0 then
        ok, err = send(fd, "PW?\r")
        if not ok then return err end
      else
        while true do
          local n, why = Libre_IoRead(fd, buf, 1, 256)
          if n < 0 then return why or "closed" end
          if n == 0 then break end
          pending = pending .. buf:tostring(1, n)
          local cr = pending:find("\r", 1, true)
          while cr do
            onLine(pending:sub(1, cr - 1))
            pending = pending:sub(cr + 1)
            cr = pending:find("\r", 1, true)
          end
        end
      end
    end
  end

  while true do
    -- The same fd is reused: connecting again drops whatever the last connection left behind.
    Libre_IoConnectDevice(fd, lanDevice, port or 0)
    local v = waitIo(fd, 2, CONNECT_WAIT_MS)
    local why
    if v > 0 then
      Libre_Log(2, "connected")
      backoff = RECONNECT_MIN_MS
      why = session()
    elseif v == 0 then
      why = "connect timed out"
    else
      local _, err = Libre_IoRead(fd, buf, 1, 1)
      why = err or "connect failed"
    end
    Libre_Log(3, string.format("disconnected (%s); reconnecting in %d ms", tostring(why), backoff))
    Libre_Sleep(backoff)
    backoff = math.min(backoff * 2, RECONNECT_MAX_MS)
  end
end

return { LineDevice = LineDevice }
