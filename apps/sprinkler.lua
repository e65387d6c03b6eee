-- sprinkler.lua: a Gen-2 ("Libertas") app as TypeScriptToLua compiles one: the chunk returns a module table of
-- entry functions, classes are built with __TS__Class / __TS__New, collections are Map and Set, and the Libertas
-- constant tables name clusters and levels. Written by hand in the compiler's style.
--
-- Sprinkler(valves, plan)
--   valves  a List of on/off devices (the zone valves)
--   plan    a Zone table (named type): which days to water, when, for how long, and an optional next zone
--
-- Every day of the plan, at its start time, it opens the zone's valves for its minutes, then closes them and goes
-- on with the next zone. It logs what it does at level INFO.

local ____exports = {}

local Valves = __TS__Class()
Valves.name = "Valves"
function Valves.prototype.____constructor(self, devices)
    self.devices = __TS__New(Set, devices)
end
function Valves.prototype.set(self, on)
    for ____, device in __TS__Iterator(self.devices) do
        if Libre_DeviceSupportsCluster(device, LibertasClusterId.GEN_ON_OFF) then
            Libre_DeviceOnOffSet(device, on)
        end
    end
end

local WEEKDAYS = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}

local function flatten(plan)
    local zones = {}
    local zone = plan
    while zone ~= nil do
        __TS__ArrayPush(zones, zone)
        zone = zone.next
    end
    return zones
end

-- The next time (UTC seconds) at `start` seconds after local midnight on day `weekday` (0 = Sunday), after `now`.
local function nextStart(now, weekday, start)
    for ahead = 0, 7 do
        local t = os.date("*t", now + ahead * 86400)
        t.hour, t.min, t.sec = 0, 0, 0
        local at = os.time(t) + start
        if t.wday - 1 == weekday and at > now then
            return at
        end
    end
end

function ____exports.Sprinkler(valves, plan)
    local zones = flatten(plan)
    local open = __TS__New(Map)
    local all = __TS__New(Valves, valves)
    all:set(false)
    Libre_Log(LibertasLogLevel.INFO, string.format("%d zone(s), first on %s", #zones, WEEKDAYS[zones[1].day + 1]))
    while true do
        for ____, zone in ipairs(zones) do
            local at = nextStart(os.time(), zone.day, zone.start)
            Libre_WaitUntil(at)
            while Libre_GetEvent() do end
            open:set(zone.day, zone.minutes)
            all:set(true)
            Libre_Log(LibertasLogLevel.INFO, string.format("watering on %s for %d min", WEEKDAYS[zone.day + 1], zone.minutes))
            Libre_Sleep(zone.minutes * 60000)
            all:set(false)
            open:delete(zone.day)
            Libre_Log(LibertasLogLevel.INFO, "closed")
        end
    end
end

return ____exports
