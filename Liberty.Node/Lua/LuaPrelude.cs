namespace Liberty.Node.Lua;

/// <summary>
/// The Lua half of the runtime, run in order on every new state with <c>(N, RT, API)</c>: N the C# natives,
/// RT a table that collects the primitives captured before the sandbox closes (the kill sentinel, the raw
/// coroutine functions, the checked-wrapper maker), API the lazy binder's data. The last chunk closes the
/// sandbox. Source lives here as constants because the project embeds no resources.
/// </summary>
internal static class LuaPrelude
{
    /// <summary>The chunks, in execution order: (name, source).</summary>
    public static IReadOnlyList<(string Name, string Source)> Chunks { get; } =
    [
        ("core", Core),
        ("compat", Compat),
        ("sandbox", Sandbox),
    ];

    // Kill switch, error-safe wrappers, lazy API binding. Everything user code could replace is captured
    // in locals first, so replacing a global never weakens the runtime.
    private const string Core = """
        local N, RT, API = ...
        local debug_sethook = debug.sethook
        local co_create, co_resume, co_yield, co_close = coroutine.create, coroutine.resume, coroutine.yield, coroutine.close
        local raw_pcall, raw_xpcall, raw_error, raw_load = pcall, xpcall, error, load
        local raw_setmetatable, raw_collectgarbage = setmetatable, collectgarbage
        local rawequal, rawget, rawset, type, select, tostring = rawequal, rawget, rawset, type, select, tostring
        local table_concat, string_sub = table.concat, string.sub
        local should_stop, hook_count = N.should_stop, N.hook_count

        -- The kill sentinel: unique, unforgeable, only ever raised by the hook and re-raised by the wrappers.
        local KILL = raw_setmetatable({}, { __tostring = function() return "task killed" end, __metatable = false })

        local function hook()
          if should_stop() then raw_error(KILL, 0) end
        end

        local function create(f)
          local co = co_create(f)
          debug_sethook(co, hook, "", hook_count)
          return co
        end

        -- The main thread runs the runtime's helpers; it is hooked too.
        debug_sethook(hook, "", hook_count)

        local function rethrow(ok, ...)
          if not ok then
            local e = ...
            if rawequal(e, KILL) or should_stop() then raw_error(KILL, 0) end
          end
          return ok, ...
        end

        pcall = function(f, ...) return rethrow(raw_pcall(f, ...)) end
        xpcall = function(f, handler, ...)
          return rethrow(raw_xpcall(f, function(e)
            if rawequal(e, KILL) then return e end
            return handler(e)
          end, ...))
        end

        local function unwrap(co, ok, ...)
          if ok then return ... end
          local e = ...
          if rawequal(e, KILL) or should_stop() then raw_error(KILL, 0) end
          co_close(co)
          if type(e) == "string" then raw_error(e, 2) end
          raw_error(e, 0)
        end

        coroutine.create = create
        coroutine.resume = function(co, ...) return rethrow(co_resume(co, ...)) end
        coroutine.close = function(co) return rethrow(co_close(co)) end
        coroutine.wrap = function(f)
          local co = create(f)
          return function(...) return unwrap(co, co_resume(co, ...)) end
        end

        -- __gc finalizers run with hooks off (an endless one could not be killed) and did nothing on
        -- tables in Lua 5.1/LuaJIT: a __gc field is ignored, as there.
        setmetatable = function(t, mt)
          if type(mt) == "table" then
            local gc = rawget(mt, "__gc")
            if gc ~= nil then
              rawset(mt, "__gc", nil)
              local ok, r = raw_pcall(raw_setmetatable, t, mt)
              rawset(mt, "__gc", gc)
              if not ok then raw_error(r, 2) end
              return r
            end
          end
          return raw_setmetatable(t, mt)
        end

        local gc_allowed = { collect = true, count = true, step = true, isrunning = true }
        collectgarbage = function(option, ...)
          if option == nil then option = "collect" end
          if not gc_allowed[option] then
            raw_error("collectgarbage: option '" .. tostring(option) .. "' is not allowed in Liberty apps", 2)
          end
          return raw_collectgarbage(option, ...)
        end

        -- Text chunks only; binary chunks (and so string.dump output) are refused by Lua itself.
        load = function(chunk, name, mode, ...)
          if select("#", ...) > 0 then return raw_load(chunk, name, "t", (...)) end
          return raw_load(chunk, name, "t")
        end

        local native_print = N.print
        print = function(...)
          local n = select("#", ...)
          local parts = {}
          for i = 1, n do parts[i] = tostring((select(i, ...))) end
          native_print(table_concat(parts, "\t", 1, n))
        end

        -- The status protocol of C# functions: (true, results...) or (false, message). finish is tail-called,
        -- so level 2 is the caller of the wrapper: the error points at the app's line.
        local function finish(ok, ...)
          if ok then return ... end
          raw_error((...), 2)
        end
        local function checked(raw)
          return function(...) return finish(raw(...)) end
        end

        RT.kill = KILL
        RT.spawn = create
        RT.create = create
        RT.yield = co_yield
        RT.error = raw_error
        RT.check = finish
        RT.checked = checked
        RT.describe = function(e)
          local ok, s = raw_pcall(tostring, e)
          if ok and type(s) == "string" then return s end
          return "(error object is a " .. type(e) .. " value)"
        end

        -- Lazy API binding: a Libre_* global is created the first time it is read. Unknown names read as nil.
        -- The API's names, adapters and aliases stay in C# (one copy per process): the natives look them up.
        local api_index, api_adapter, api_names, closure = N.api_index, N.api_adapter, N.api_names, N.closure
        local globals = _G
        local function make(name, index)
          local raw = closure(index)
          local source = api_adapter(index)
          if source ~= nil then
            local factory, err = raw_load(source, "=" .. name, "t")
            if factory == nil then raw_error(name .. ": invalid adapter: " .. err, 0) end
            return factory()(raw, RT)
          end
          return checked(raw)
        end
        -- The "liberty" table: API functions named liberty_<k> are bound as liberty.<k> on first use.
        local function liberty_table()
          local t = {}
          raw_setmetatable(t, { __index = function(_, k)
            if type(k) ~= "string" then return nil end
            local name = "liberty_" .. k
            local index = api_index(name)
            if index == nil then return nil end
            local fn = make(name, index)
            rawset(t, k, fn)
            return fn
          end, __metatable = false })
          return t
        end
        local lazy_source = N.lazy_source
        local function bind(name)
          if name == "json" then
            -- json is compiled on first use: an idle task does not pay for it.
            local chunk = raw_load(lazy_source("json"), "=liberty/json", "t")
            chunk(N, RT, API)
            return rawget(globals, "json")
          end
          if name == "liberty" then
            local t = liberty_table()
            rawset(globals, "liberty", t)
            return t
          end
          local index = api_index(name)
          if index == nil or (type(name) == "string" and string_sub(name, 1, 8) == "liberty_") then return nil end
          local fn = make(name, index)
          local names = api_names(index)
          for i = 1, #names do rawset(globals, names[i], fn) end
          return fn
        end
        raw_setmetatable(globals, { __index = function(_, name) return bind(name) end, __metatable = false })
        """;

    // Lua 5.1 / LuaJIT pieces of docs/app-api.md section 9.
    private const string Compat = """
        local N, RT = ...
        local type, select, tostring, tonumber, rawget, rawset, next, error, load = type, select, tostring, tonumber, rawget, rawset, next, error, load
        local math_type, floor, ceil, fmod, tointeger, huge = math.type, math.floor, math.ceil, math.fmod, math.tointeger, math.huge
        local sub, find, match, raw_format = string.sub, string.find, string.match, string.format
        local pack, unpack, difftime = table.pack, table.unpack, os.difftime
        local checked = RT.checked

        _G.unpack = unpack
        table.getn = function(t) return #t end
        table.maxn = function(t)
          local m = 0
          for k in next, t do if type(k) == "number" and k > m then m = k end end
          return m
        end
        table.clear = function(t)
          for k in next, t do rawset(t, k, nil) end
        end
        math.pow = function(x, y) return x ^ y end
        math.log10 = function(x) return math.log(x, 10) end
        math.ldexp = function(m, e) return m * 2.0 ^ e end
        math.mod = fmod
        loadstring = function(s, name) return load(s, name) end

        -- bit: LuaJIT BitOp. Arguments are numbers (or numeric strings) reduced modulo 2^32 after rounding
        -- to nearest, ties to even (LuaJIT adds 2^52+2^51); results are signed 32-bit integers.
        local function tobit(x, name, n)
          local t = math_type(x)
          if t == nil then
            local v = tonumber(x)
            if v == nil then
              error("bad argument #" .. n .. " to '" .. name .. "' (number expected, got " .. type(x) .. ")", 3)
            end
            x, t = v, math_type(v)
          end
          if t == "float" then
            if x ~= x or x == huge or x == -huge then return 0 end
            if x > -4503599627370496.0 and x < 4503599627370496.0 then
              local f = floor(x)
              local d = x - f
              if d > 0.5 or (d == 0.5 and f % 2 ~= 0) then f = f + 1 end
              x = f
            end
            if math_type(x) == "float" then x = tointeger(fmod(x, 4294967296.0)) end
          end
          x = x & 0xFFFFFFFF
          if x >= 0x80000000 then return x - 0x100000000 end
          return x
        end
        local function norm(x)
          x = x & 0xFFFFFFFF
          if x >= 0x80000000 then return x - 0x100000000 end
          return x
        end
        local bit = {}
        bit.tobit = function(x) local r = tobit(x, "tobit", 1) return r end
        bit.bnot = function(x) local r = ~tobit(x, "bnot", 1) return r end
        bit.band = function(x, ...)
          local r = tobit(x, "band", 1)
          for i = 1, select("#", ...) do r = r & tobit((select(i, ...)), "band", i + 1) end
          return r
        end
        bit.bor = function(x, ...)
          local r = tobit(x, "bor", 1)
          for i = 1, select("#", ...) do r = r | tobit((select(i, ...)), "bor", i + 1) end
          return r
        end
        bit.bxor = function(x, ...)
          local r = tobit(x, "bxor", 1)
          for i = 1, select("#", ...) do r = r ~ tobit((select(i, ...)), "bxor", i + 1) end
          return r
        end
        bit.lshift = function(x, n)
          local v, s = tobit(x, "lshift", 1), tobit(n, "lshift", 2) & 31
          return norm(v << s)
        end
        bit.rshift = function(x, n)
          local v, s = tobit(x, "rshift", 1), tobit(n, "rshift", 2) & 31
          return norm((v & 0xFFFFFFFF) >> s)
        end
        bit.arshift = function(x, n)
          local v, s = tobit(x, "arshift", 1), tobit(n, "arshift", 2) & 31
          return norm(v >> s)
        end
        bit.rol = function(x, n)
          local v, s = tobit(x, "rol", 1) & 0xFFFFFFFF, tobit(n, "rol", 2) & 31
          return norm((v << s) | (v >> (32 - s)))
        end
        bit.ror = function(x, n)
          local v, s = tobit(x, "ror", 1) & 0xFFFFFFFF, tobit(n, "ror", 2) & 31
          return norm((v >> s) | (v << (32 - s)))
        end
        bit.bswap = function(x)
          local v = tobit(x, "bswap", 1) & 0xFFFFFFFF
          return norm(((v & 0xFF) << 24) | ((v & 0xFF00) << 8) | ((v >> 8) & 0xFF00) | (v >> 24))
        end
        bit.tohex = function(x, n)
          local v = tobit(x, "tohex", 1) & 0xFFFFFFFF
          local digits, upper = 8, false
          if n ~= nil then
            digits = tobit(n, "tohex", 2)
            if digits < 0 then digits, upper = -digits, true end
            if digits > 8 then digits = 8 end
          end
          local s = raw_format(upper and "%08X" or "%08x", v)
          return sub(s, 9 - digits)
        end
        _G.bit = bit

        -- string.format: %d %i %x %X %o %c take any number and truncate it toward zero, as LuaJIT does.
        local function trunc(v)
          local t = math_type(v)
          if t == "float" then
            if v ~= v or v == huge or v == -huge then return v end
            local i = tointeger(v >= 0 and floor(v) or ceil(v))
            if i ~= nil then return i end
          elseif t == nil and type(v) == "string" then
            local n = tonumber(v)
            if n ~= nil then return trunc(n) end
          end
          return v
        end
        local integer_conversions = { d = true, i = true, x = true, X = true, o = true, c = true }
        string.format = function(fmt, ...)
          local n = select("#", ...)
          local needs = false
          for i = 1, n do
            local v = select(i, ...)
            local t = math_type(v)
            if t == "float" or (t == nil and type(v) == "string") then needs = true break end
          end
          if not needs or type(fmt) ~= "string" then return raw_format(fmt, ...) end
          local args = pack(...)
          local arg, pos = 0, 1
          while true do
            local s = find(fmt, "%", pos, true)
            if s == nil then break end
            if sub(fmt, s + 1, s + 1) == "%" then
              pos = s + 2
            else
              local spec, conversion = match(fmt, "^([-+ #0]*%d*%.?%d*)(%a)", s + 1)
              if conversion == nil then break end
              arg = arg + 1
              if integer_conversions[conversion] and arg <= n then args[arg] = trunc(args[arg]) end
              pos = s + #spec + 2
            end
          end
          return raw_format(fmt, unpack(args, 1, n))
        end

        -- list: a deque over a table with first/last indexes.
        local list = {}
        local list_mt = { __index = list }
        list.new = function() return setmetatable({ first = 1, last = 0 }, list_mt) end
        list.empty = function(l) return l.first > l.last end
        list.pushright = function(l, v)
          local last = l.last + 1
          l.last = last
          l[last] = v
        end
        list.pushleft = function(l, v)
          local first = l.first - 1
          l.first = first
          l[first] = v
        end
        list.popleft = function(l)
          local first = l.first
          if first > l.last then return nil end
          local v = l[first]
          l[first] = nil
          l.first = first + 1
          return v
        end
        list.popright = function(l)
          local last = l.last
          if l.first > last then return nil end
          local v = l[last]
          l[last] = nil
          l.last = last - 1
          return v
        end
        list.peekleft = function(l)
          if l.first > l.last then return nil end
          return l[l.first]
        end
        list.peekright = function(l)
          if l.first > l.last then return nil end
          return l[l.last]
        end
        list.size = function(l) return l.last - l.first + 1 end
        _G.list = list

        -- lbuffer: C# over Lua userdata (LuaBuffer.cs).
        local get = N.lbuffer_get
        local length = checked(N["lbuffer:len"])
        local methods = {
          len = length,
          setlen = checked(N["lbuffer:setlen"]),
          tostring = checked(N["lbuffer:tostring"]),
          set = checked(N["lbuffer:set"]),
          clear = checked(N["lbuffer:clear"]),
          remove = checked(N["lbuffer:remove"]),
        }
        local buffer_mt = {
          __index = function(b, k)
            if type(k) == "number" then return get(b, k) end
            return methods[k]
          end,
          __newindex = checked(N["lbuffer[]="]),
          __len = function(b) return length(b) end,
          __tostring = function(b) return methods.tostring(b) end,
          __name = "lbuffer",
          __metatable = "lbuffer",
        }
        N.lbuffer_meta(buffer_mt)
        _G.lbuffer = checked(N.lbuffer)

        -- os: only the clock, on the task's TimeProvider; dates in its local zone (C# formats them: the C
        -- library's gmtime/localtime are process-global and not thread-safe).
        local now, utcnow, msticks, clock, date_native, local_to_utc = N.now, N.utcnow, N.msticks, N.clock, N.date, N.local_to_utc
        local function seconds(t, name, n)
          if t == nil then return now() end
          local v = tonumber(t)
          local i = v and tointeger(floor(v))
          if i == nil then
            error("bad argument #" .. n .. " to '" .. name .. "' (number expected, got " .. type(t) .. ")", 3)
          end
          return i
        end
        local date_fields = { "year", "month", "day", "hour", "min", "sec", "wday", "yday", "isdst" }
        local function date(fmt, t)
          if fmt == nil then fmt = "%c" end
          if type(fmt) ~= "string" then
            error("bad argument #1 to 'date' (string expected, got " .. type(fmt) .. ")", 2)
          end
          local r = pack(date_native(fmt, seconds(t, "date", 2)))
          if r[1] == false then error("bad argument #1 to 'date' (" .. r[2] .. ")", 2) end
          if r.n == 1 then return r[1] end
          local result = {}
          for i = 1, #date_fields do result[date_fields[i]] = r[i] end
          return result
        end
        local function time(t)
          if t == nil then return now() end
          if type(t) ~= "table" then
            error("bad argument #1 to 'time' (table expected, got " .. type(t) .. ")", 2)
          end
          local function field(key, default)
            local v = t[key]
            if v == nil then
              if default == nil then error("field '" .. key .. "' missing in date table", 3) end
              return default
            end
            local i = tonumber(v)
            i = i and tointeger(floor(i))
            if i == nil then error("field '" .. key .. "' is not an integer", 3) end
            return i
          end
          local r = local_to_utc(field("year"), field("month"), field("day"), field("hour", 12), field("min", 0), field("sec", 0))
          if r == nil then error("time result cannot be represented in this installation", 2) end
          return r
        end
        local function setlocale(locale)
          if locale == nil or locale == "" or locale == "C" or locale == "POSIX" then return "C" end
          return nil
        end
        _G.os = {
          time = time,
          date = date,
          clock = clock,
          difftime = difftime,
          setlocale = setlocale,
          msticks = msticks,
          utcnow = utcnow,
        }
        """;

    // json: encode/decode/null. Objects' keys are sorted (deterministic output); a table whose keys are
    // exactly 1..n is an array; the empty table encodes as {} (as cjson does by default).
    /// <summary>The source of a runtime module compiled on first use (<c>json</c>), or null.</summary>
    public static string? LazySource(string name) => name == "json" ? Json : null;

    private const string Json = """
        local N, RT = ...
        local null, raw_pcall, raw_error = N.null, pcall, RT.error
        local type, next, tostring, tonumber, rawget, rawequal, getmetatable = type, next, tostring, tonumber, rawget, rawequal, getmetatable
        local math_type, floor, huge = math.type, math.floor, math.huge
        local concat, sort = table.concat, table.sort
        local byte, char, sub, find, match, gsub, format = string.byte, string.char, string.sub, string.find, string.match, string.gsub, string.format
        local utf8_char = utf8.char

        local escapes = { ['"'] = '\\"', ['\\'] = '\\\\', ['\b'] = '\\b', ['\f'] = '\\f', ['\n'] = '\\n', ['\r'] = '\\r', ['\t'] = '\\t' }
        local function escape(c) return escapes[c] or format("\\u%04x", byte(c)) end
        local function encode_string(s) return '"' .. (gsub(s, '[%c"\\]', escape)) .. '"' end

        local function encode_number(x)
          if math_type(x) == "integer" then return format("%d", x) end
          if x ~= x or x == huge or x == -huge then raw_error("json.encode: cannot encode " .. tostring(x), 0) end
          if x == floor(x) and x > -1e15 and x < 1e15 then return format("%d", floor(x)) end
          local s = format("%.14g", x)
          if tonumber(s) ~= x then s = format("%.17g", x) end
          return s
        end

        local encode_value
        local function encode_table(t, stack, out, n)
          if stack[t] then raw_error("json.encode: circular reference", 0) end
          stack[t] = true
          local count, array = 0, true
          for k in next, t do
            count = count + 1
            if math_type(k) ~= "integer" or k < 1 then array = false end
          end
          if array then
            for i = 1, count do if rawget(t, i) == nil then array = false break end end
          end
          if count == 0 then
            n = n + 1 out[n] = "{}"
          elseif array then
            n = n + 1 out[n] = "["
            for i = 1, count do
              if i > 1 then n = n + 1 out[n] = "," end
              n = encode_value(rawget(t, i), stack, out, n)
            end
            n = n + 1 out[n] = "]"
          else
            local keys, names = {}, {}
            for k in next, t do
              local kt = type(k)
              local name
              if kt == "string" then name = k
              elseif kt == "number" then name = encode_number(k)
              else raw_error("json.encode: cannot encode a " .. kt .. " key", 0) end
              keys[#keys + 1] = name
              names[name] = k
            end
            sort(keys)
            n = n + 1 out[n] = "{"
            for i = 1, #keys do
              if i > 1 then n = n + 1 out[n] = "," end
              n = n + 1 out[n] = encode_string(keys[i])
              n = n + 1 out[n] = ":"
              n = encode_value(rawget(t, names[keys[i]]), stack, out, n)
            end
            n = n + 1 out[n] = "}"
          end
          stack[t] = nil
          return n
        end

        function encode_value(v, stack, out, n)
          local t = type(v)
          local s
          if v == nil or rawequal(v, null) then s = "null"
          elseif t == "boolean" then s = v and "true" or "false"
          elseif t == "number" then s = encode_number(v)
          elseif t == "string" then s = encode_string(v)
          elseif t == "table" then return encode_table(v, stack, out, n)
          elseif t == "userdata" and getmetatable(v) == "lbuffer" then s = encode_string(v:tostring())
          else raw_error("json.encode: cannot encode a " .. t .. " value", 0) end
          n = n + 1
          out[n] = s
          return n
        end

        local function fail(pos, message) raw_error(format("json.decode: %s at position %d", message, pos), 0) end
        local function skip(str, pos)
          local _, e = find(str, "^[ \n\r\t]*", pos)
          return e + 1
        end
        local unescapes = { ['"'] = '"', ['\\'] = '\\', ['/'] = '/', b = '\b', f = '\f', n = '\n', r = '\r', t = '\t' }

        local function parse_string(str, pos)
          local buf, n, i = {}, 0, pos + 1
          while true do
            local s = find(str, '["\\%c]', i)
            if s == nil then fail(pos, "unterminated string") end
            if s > i then n = n + 1 buf[n] = sub(str, i, s - 1) end
            local c = byte(str, s)
            if c == 34 then return concat(buf, "", 1, n), s + 1 end
            if c ~= 92 then fail(s, "control character in string") end
            local e = sub(str, s + 1, s + 1)
            if e == "u" then
              local hex = match(str, "^%x%x%x%x", s + 2)
              if hex == nil then fail(s, "invalid unicode escape") end
              local cp, after = tonumber(hex, 16), s + 6
              if cp >= 0xD800 and cp <= 0xDBFF then
                local low = match(str, "^\\u(%x%x%x%x)", after)
                low = low and tonumber(low, 16)
                if low and low >= 0xDC00 and low <= 0xDFFF then
                  cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00)
                  after = after + 6
                end
              end
              n = n + 1 buf[n] = utf8_char(cp)
              i = after
            else
              local u = unescapes[e]
              if u == nil then fail(s, "invalid escape '\\" .. e .. "'") end
              n = n + 1 buf[n] = u
              i = s + 2
            end
          end
        end

        local function parse_number(str, pos)
          local _, e = find(str, "^-?%d+", pos)
          if e == nil then fail(pos, "invalid number") end
          local integer = true
          local _, f = find(str, "^%.%d+", e + 1)
          if f then e, integer = f, false end
          local _, x = find(str, "^[eE][-+]?%d+", e + 1)
          if x then e, integer = x, false end
          local v = tonumber(sub(str, pos, e))
          if not integer and math_type(v) == "integer" then v = v + 0.0 end
          return v, e + 1
        end

        local parse_value
        function parse_value(str, pos)
          pos = skip(str, pos)
          local c = byte(str, pos)
          if c == 123 then
            local object = {}
            pos = skip(str, pos + 1)
            if byte(str, pos) == 125 then return object, pos + 1 end
            while true do
              if byte(str, pos) ~= 34 then fail(pos, "expected a string key") end
              local key, value
              key, pos = parse_string(str, pos)
              pos = skip(str, pos)
              if byte(str, pos) ~= 58 then fail(pos, "expected ':'") end
              value, pos = parse_value(str, pos + 1)
              object[key] = value
              pos = skip(str, pos)
              local d = byte(str, pos)
              if d == 125 then return object, pos + 1 end
              if d ~= 44 then fail(pos, "expected ',' or '}'") end
              pos = skip(str, pos + 1)
            end
          elseif c == 91 then
            local array, n = {}, 0
            pos = skip(str, pos + 1)
            if byte(str, pos) == 93 then return array, pos + 1 end
            while true do
              local value
              value, pos = parse_value(str, pos)
              n = n + 1
              array[n] = value
              pos = skip(str, pos)
              local d = byte(str, pos)
              if d == 93 then return array, pos + 1 end
              if d ~= 44 then fail(pos, "expected ',' or ']'") end
              pos = pos + 1
            end
          elseif c == 34 then return parse_string(str, pos)
          elseif c == 45 or (c ~= nil and c >= 48 and c <= 57) then return parse_number(str, pos)
          elseif sub(str, pos, pos + 3) == "true" then return true, pos + 4
          elseif sub(str, pos, pos + 4) == "false" then return false, pos + 5
          elseif sub(str, pos, pos + 3) == "null" then return null, pos + 4
          elseif c == nil then fail(pos, "unexpected end of input")
          end
          fail(pos, "unexpected character '" .. char(c) .. "'")
        end

        -- Errors are raised at the caller's line; the kill sentinel passes through untouched.
        local function rethrow(ok, ...)
          if ok then return ... end
          local e = ...
          if type(e) == "string" then raw_error(e, 3) end
          raw_error(e, 0)
        end

        local function encode(value)
          local out = {}
          local n = encode_value(value, {}, out, 0)
          return concat(out, "", 1, n)
        end
        local function decode(str)
          if type(str) ~= "string" then raw_error("json.decode: expected a string, got " .. type(str), 0) end
          local value, pos = parse_value(str, 1)
          pos = skip(str, pos)
          if pos <= #str then fail(pos, "unexpected trailing character '" .. sub(str, pos, pos) .. "'") end
          return value
        end

        _G.json = {
          null = null,
          encode = function(value) local r = rethrow(raw_pcall(encode, value)) return r end,
          decode = function(str) local r = rethrow(raw_pcall(decode, str)) return r end,
        }
        """;

    // Closes the sandbox: what remains reachable is what docs/app-api.md section 9 promises.
    private const string Sandbox = """
        io = nil
        debug = nil
        package = nil
        require = nil
        dofile = nil
        loadfile = nil
        string.dump = nil
        -- Free what installing the runtime left behind (the removed libraries, the chunks' compile garbage):
        -- an idle task keeps only what it can reach.
        collectgarbage("collect")
        """;
}
