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
        local lazy_source, lazy_module = N.lazy_source, N.lazy_module
        -- Runtime modules compiled on first use of one of their globals: an idle task does not pay for them (the
        -- names live in C#, not in a table of every state).
        local loaded = {}
        local function bind(name)
          local module = type(name) == "string" and lazy_module(name) or nil
          if module ~= nil then
            if not loaded[module] then
              loaded[module] = true
              local chunk = raw_load(lazy_source(module), "=liberty/" .. module, "t")
              chunk(N, RT, API)
            end
            return rawget(globals, name)
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
    /// <summary>The source of a runtime module compiled on first use (<c>json</c>, <c>libertas</c>, <c>tstl</c>), or null.</summary>
    public static string? LazySource(string name) => name switch
    {
        "json" => Json,
        "libertas" => Libertas,
        "tstl" => TypeScriptRuntime,
        _ => null,
    };

    /// <summary>The runtime module that defines global <paramref name="name"/> when first used, or null.</summary>
    public static string? LazyModule(string name) => name switch
    {
        "json" => "json",
        "Symbol" or "Map" or "Set" or "WeakMap" or "WeakSet" or "Error" or "RangeError" or "ReferenceError" or "SyntaxError"
            or "TypeError" or "URIError" => "tstl",
        "LibertasClusterId" or "LibertasCommand" or "LibertasAttrId" or "LibertasEventType" or "LibertasEventSource"
            or "LibertasLevelStep" or "LibertasThermostatMode" or "LibertasMessageLevel" or "LibertasAccess"
            or "LibertasIOEventType" or "LibertasLogLevel" => "libertas",
        _ => IsRuntimeFunction(name) ? "tstl" : null,
    };

    /// <summary>Whether <paramref name="name"/> is a global function of a lazily compiled runtime module (never an app's entry).</summary>
    /// <param name="name">A global name.</param>
    /// <returns>True for the TypeScriptToLua helpers (<c>__TS__*</c>).</returns>
    public static bool IsRuntimeFunction(string name) => name.StartsWith("__TS__", StringComparison.Ordinal);

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

    // The Gen-2 constant tables (docs/app-api.md section 9a).
    private const string Libertas = """
        local N, RT = ...
        -- The Gen-2 ("Libertas") constant tables of docs/app-api.md section 9a: the ZCL and Libertas numbers of the
        -- device, event and I/O API, as globals. Read-only: a write raises, so a typo cannot silently change a number.
        local function constants(name, t)
          local proxy = setmetatable({}, {
            __index = t,
            __newindex = function(_, k) error(name .. " is read-only (" .. tostring(k) .. ")", 2) end,
            __pairs = function() return next, t, nil end,
            __len = function() return #t end,
            __metatable = false,
          })
          rawset(_G, name, proxy)
        end
        constants("LibertasClusterId", {
          GEN_BASIC = 0, GEN_POWER_CFG = 1, GEN_IDENTIFY = 3, GEN_GROUPS = 4, GEN_SCENES = 5, GEN_ON_OFF = 6,
          GEN_ON_OFF_SWITCH_CONFIG = 7, GEN_LEVEL_CONTROL = 8, GEN_ALARMS = 9, GEN_TIME = 10,
          GEN_ANALOG_INPUT_BASIC = 12, GEN_ANALOG_OUTPUT_BASIC = 13, GEN_ANALOG_VALUE_BASIC = 14,
          GEN_BINARY_INPUT_BASIC = 15, GEN_BINARY_OUTPUT_BASIC = 16, GEN_BINARY_VALUE_BASIC = 17,
          GEN_MULTISTATE_INPUT_BASIC = 18, GEN_MULTISTATE_OUTPUT_BASIC = 19, GEN_MULTISTATE_VALUE_BASIC = 20,
          CLOSURES_DOOR_LOCK = 257, CLOSURES_WINDOW_COVERING = 258,
          HVAC_PUMP_CONFIG_CONTROL = 512, HVAC_THERMOSTAT = 513, HVAC_FAN_CONTROL = 514, HVAC_USER_INTERFACE_CONFIG = 516,
          LIGHTING_COLOR_CONTROL = 768, LIGHTING_BALLAST_CONFIG = 769,
          MEASUREMENT_ILLUMINANCE = 1024, MEASUREMENT_ILLUMINANCE_LEVEL_SENSING = 1025, MEASUREMENT_TEMPERATURE = 1026,
          MEASUREMENT_PRESSURE = 1027, MEASUREMENT_FLOW = 1028, MEASUREMENT_RELATIVE_HUMIDITY = 1029, MEASUREMENT_OCCUPANCY_SENSING = 1030,
          SECURITY_IAS_ZONE = 1280, SECURITY_IAS_ACE = 1281, SECURITY_IAS_WD = 1282,
          SE_METERING = 1794, HA_ELECTRICAL_MEASUREMENT = 2820,
          LIBERTAS_LEVEL_CONFIG = 64514, LIBERTAS_HUB = 64624,
        })
        constants("LibertasCommand", {
          OFF = 0, ON = 1, TOGGLE = 2, OFF_WITH_EFFECT = 64, ON_WITH_RECALL_GLOBAL_SCENE = 65, ON_WITH_TIMED_OFF = 66,
          LEVEL_MOVE_TO_LEVEL = 0, LEVEL_MOVE = 1, LEVEL_STEP = 2, LEVEL_STOP = 3,
          LEVEL_MOVE_TO_LEVEL_WITH_ON_OFF = 4, LEVEL_MOVE_WITH_ON_OFF = 5, LEVEL_STEP_WITH_ON_OFF = 6, LEVEL_STOP_WITH_ON_OFF = 7,
          HVAC_THERMOSTAT_SETPOINT_RAISE_LOWER = 0,
        })
        constants("LibertasAttrId", {
          ON_OFF = 0, ON_OFF_ON_TIME = 16385, ON_OFF_OFF_WAIT_TIME = 16386,
          LEVEL_CURRENT_LEVEL = 0, LEVEL_REMAINING_TIME = 1, LEVEL_MIN_LEVEL = 2, LEVEL_MAX_LEVEL = 3, LEVEL_ON_OFF_TRANSITION_TIME = 16,
          IOV_BASIC_NUM_OF_STATES = 74, IOV_BASIC_OUT_OF_SERVICE = 81, IOV_BASIC_PRESENT_VALUE = 85, IOV_BASIC_STATUS_FLAGS = 111,
          HVAC_THERMOSTAT_LOCAL_TEMPERATURE = 0, HVAC_THERMOSTAT_OCCUPIED_COOLING_SETPOINT = 17, HVAC_THERMOSTAT_OCCUPIED_HEATING_SETPOINT = 18,
          HVAC_THERMOSTAT_MIN_HEAT_SETPOINT_LIMIT = 21, HVAC_THERMOSTAT_MAX_HEAT_SETPOINT_LIMIT = 22,
          HVAC_THERMOSTAT_MIN_COOL_SETPOINT_LIMIT = 23, HVAC_THERMOSTAT_MAX_COOL_SETPOINT_LIMIT = 24,
          HVAC_THERMOSTAT_MIN_SETPOINT_DEAD_BAND = 25, HVAC_THERMOSTAT_SYSTEM_MODE = 28,
          MEASUREMENT_MEASURED_VALUE = 0, MEASUREMENT_MIN_MEASURED_VALUE = 1, MEASUREMENT_MAX_MEASURED_VALUE = 2, MEASUREMENT_TOLERANCE = 3,
          LIBERTAS_LEVEL_MAX = 0, LIBERTAS_LEVEL_MIN = 1, LIBERTAS_LEVEL_STEP_ONLY = 2, LIBERTAS_LEVEL_STEP_SINGLE = 3,
          LIBERTAS_LEVEL_STEP_REPEAT = 4, LIBERTAS_LEVEL_STEP_INTERVAL = 5,
          LIBERTAS_MULTISTATE_MIN = 4,
        })
        constants("LibertasEventType", { COMMAND = 0, ATTR = 1, QUERY = 2, IO = 10 })
        constants("LibertasEventSource", {
          NONE = 0, MANUAL_LOCAL = 1, MANUAL_REMOTE = 2, AUTO_LOCAL = 3, AUTO_REMOTE = 4, APP_ENGINE = 5, QUERY = 6, REPORT = 7, GROUP_STATE = 8,
        })
        constants("LibertasLevelStep", { UP = 0, DOWN = 1 })
        constants("LibertasThermostatMode", { OFF = 0, AUTO = 1, COOL = 3, HEAT = 4, EMERGENCY_HEATING = 5, PRECOOLING = 6, FAN_ONLY = 7 })
        constants("LibertasMessageLevel", { DEBUG = 1, INFO = 2, ALERT_LOW = 3, ALERT_MEDIUM_LOW = 4, ALERT_MEDIUM = 5, ALERT_MEDIUM_HIGH = 6, ALERT_SEVERE = 7 })
        constants("LibertasAccess", { Read = 1, Write = 2, Config = 4 })
        constants("LibertasIOEventType", { CAN_READ = 1, CAN_WRITE = 2, CAN_READ_WRITE = 3 })
        constants("LibertasLogLevel", { TRACE = 0, DEBUG = 1, INFO = 2, WARN = 3, ERROR = 4, FATAL = 5 })
        """;

    // TypeScriptToLua's runtime helpers and classes (docs/app-api.md section 9a).
    private const string TypeScriptRuntime = """
        local N, RT = ...
        -- The runtime helpers TypeScriptToLua emits calls to (its "lualib"), written from the JavaScript semantics they
        -- stand for (docs/app-api.md section 9a). Conventions of the compiled code: arrays are 1-based Lua tables but
        -- indexes seen by TypeScript are 0-based; callbacks take a leading self argument (thisArg, nil by default);
        -- classes are tables with a prototype, constructed by __TS__New.
        local type, select, next, pairs, ipairs, rawget, rawset, setmetatable, getmetatable, tostring, tonumber, error =
          type, select, next, pairs, ipairs, rawget, rawset, setmetatable, getmetatable, tostring, tonumber, error
        local unpack, insert, remove, concat, sort = table.unpack, table.insert, table.remove, table.concat, table.sort
        local sub, find, byte, char, rep, format, lower = string.sub, string.find, string.byte, string.char, string.rep, string.format, string.lower
        local floor, huge, math_type = math.floor, math.huge, math.type
        local G = _G

        -- Symbols: unique keys (Symbol.iterator is how classes make themselves iterable).
        local symbol_mt = { __tostring = function(s) return "Symbol(" .. tostring(s.description) .. ")" end }
        local Symbol = setmetatable({}, { __call = function(_, description) return setmetatable({ description = description }, symbol_mt) end })
        Symbol.iterator = Symbol("Symbol.iterator")
        Symbol.hasInstance = Symbol("Symbol.hasInstance")
        Symbol.asyncIterator = Symbol("Symbol.asyncIterator")
        G.Symbol = Symbol
        G.__TS__Symbol = function(description) return Symbol(description) end

        -- Classes.
        local function Class()
          local c = { prototype = {} }
          c.prototype.__index = c.prototype
          c.prototype.constructor = c
          return c
        end
        G.__TS__Class = Class
        G.__TS__ClassExtends = function(target, base)
          target.____super = base
          setmetatable(target, setmetatable({ __index = base }, base))
          setmetatable(target.prototype, base.prototype)
          for _, mm in ipairs({ "__tostring", "__eq", "__lt", "__le", "__add", "__sub", "__mul", "__div", "__concat", "__len", "__call", "__unm" }) do
            if rawget(base.prototype, mm) ~= nil and rawget(target.prototype, mm) == nil then target.prototype[mm] = base.prototype[mm] end
          end
        end
        G.__TS__New = function(target, ...)
          local instance = setmetatable({}, target.prototype)
          instance:____constructor(...)
          return instance
        end
        G.__TS__InstanceOf = function(obj, classTbl)
          if type(classTbl) ~= "table" then error("Right-hand side of 'instanceof' is not an object", 2) end
          local has = rawget(classTbl, Symbol.hasInstance)
          if has ~= nil then return not not has(classTbl, obj) end
          if type(obj) == "table" then
            local c = obj.constructor
            while c ~= nil do
              if c == classTbl then return true end
              c = c.____super
            end
          end
          return false
        end
        G.__TS__InstanceOfObject = function(value) local t = type(value) return t == "table" or t == "function" end
        G.__TS__TypeOf = function(value)
          local t = type(value)
          if t == "table" then return "object" elseif t == "nil" then return "undefined" end
          return t
        end

        -- Iteration: for ____, value in __TS__Iterator(x) do ... end
        G.__TS__Iterator = function(iterable)
          if type(iterable) == "string" then
            local i = 0
            return function() i = i + 1 if i <= #iterable then return true, sub(iterable, i, i) end end
          end
          local make = iterable[Symbol.iterator]
          if make ~= nil then
            local iterator = make(iterable)
            return function()
              local result = iterator:next()
              if not result.done then return true, result.value end
            end
          end
          if iterable.____coroutine ~= nil then
            local co = iterable.____coroutine
            return function()
              local ok, value = coroutine.resume(co)
              if not ok then error(value, 0) end
              if coroutine.status(co) ~= "dead" then return true, value end
            end
          end
          return ipairs(iterable)
        end
        local function values_of(iterable)
          if type(iterable) == "string" then
            local t = {}
            for i = 1, #iterable do t[i] = sub(iterable, i, i) end
            return t
          end
          if type(iterable) == "table" and iterable[Symbol.iterator] == nil then return iterable end
          local t, n = {}, 0
          for _, v in G.__TS__Iterator(iterable) do n = n + 1 t[n] = v end
          return t
        end
        G.__TS__Spread = function(iterable) return unpack(values_of(iterable)) end
        G.__TS__Unpack = unpack
        G.__TS__CountVarargs = function(...) return select("#", ...) end
        G.__TS__SparseArrayNew = function(...) local t = { ... } t.sparseLength = select("#", ...) return t end
        G.__TS__SparseArrayPush = function(t, ...)
          local n = select("#", ...)
          local len = t.sparseLength
          for i = 1, n do t[len + i] = select(i, ...) end
          t.sparseLength = len + n
        end
        G.__TS__SparseArraySpread = function(t) local n = t.sparseLength t.sparseLength = nil return unpack(t, 1, n) end

        -- Arrays (0-based indexes in and out; callbacks get (thisArg, value, index, array)).
        local function len(a) return #a end
        G.__TS__ArrayIsArray = function(value) return type(value) == "table" and (value[1] ~= nil or next(value) == nil) end
        G.__TS__ArrayPush = function(a, ...)
          local n = #a
          for i = 1, select("#", ...) do a[n + i] = (select(i, ...)) end
          return #a
        end
        G.__TS__ArrayPushArray = function(a, items) local n = #a for i = 1, #items do a[n + i] = items[i] end return #a end
        G.__TS__ArrayUnshift = function(a, ...)
          local n = select("#", ...)
          for i = n, 1, -1 do insert(a, 1, (select(i, ...))) end
          return #a
        end
        G.__TS__ArrayForEach = function(a, fn, thisArg) for i = 1, #a do fn(thisArg, a[i], i - 1, a) end end
        G.__TS__ArrayMap = function(a, fn, thisArg)
          local r = {}
          for i = 1, #a do r[i] = fn(thisArg, a[i], i - 1, a) end
          return r
        end
        G.__TS__ArrayFilter = function(a, fn, thisArg)
          local r, n = {}, 0
          for i = 1, #a do if fn(thisArg, a[i], i - 1, a) then n = n + 1 r[n] = a[i] end end
          return r
        end
        G.__TS__ArrayFind = function(a, fn, thisArg)
          for i = 1, #a do if fn(thisArg, a[i], i - 1, a) then return a[i] end end
          return nil
        end
        G.__TS__ArrayFindIndex = function(a, fn, thisArg)
          for i = 1, #a do if fn(thisArg, a[i], i - 1, a) then return i - 1 end end
          return -1
        end
        G.__TS__ArraySome = function(a, fn, thisArg)
          for i = 1, #a do if fn(thisArg, a[i], i - 1, a) then return true end end
          return false
        end
        G.__TS__ArrayEvery = function(a, fn, thisArg)
          for i = 1, #a do if not fn(thisArg, a[i], i - 1, a) then return false end end
          return true
        end
        G.__TS__ArrayReduce = function(a, fn, ...)
          local n, i, acc = #a, 1, nil
          if select("#", ...) > 0 then acc = ... elseif n > 0 then acc, i = a[1], 2 else error("Reduce of empty array with no initial value", 2) end
          for j = i, n do acc = fn(nil, acc, a[j], j - 1, a) end
          return acc
        end
        G.__TS__ArrayIndexOf = function(a, value, fromIndex)
          local n = #a
          local from = fromIndex or 0
          if from < 0 then from = n + from if from < 0 then from = 0 end end
          for i = from + 1, n do if a[i] == value then return i - 1 end end
          return -1
        end
        G.__TS__ArrayIncludes = function(a, value, fromIndex) return G.__TS__ArrayIndexOf(a, value, fromIndex) >= 0 end
        G.__TS__ArrayJoin = function(a, separator)
          local parts = {}
          for i = 1, #a do parts[i] = a[i] == nil and "" or tostring(a[i]) end
          return concat(parts, separator == nil and "," or separator)
        end
        local function relative(index, n, default)
          if index == nil then return default end
          index = floor(index)
          if index < 0 then index = n + index if index < 0 then index = 0 end end
          if index > n then index = n end
          return index
        end
        G.__TS__ArraySlice = function(a, first, last)
          local n = #a
          local from, to = relative(first, n, 0), relative(last, n, n)
          local r, k = {}, 0
          for i = from + 1, to do k = k + 1 r[k] = a[i] end
          return r
        end
        G.__TS__ArraySplice = function(a, ...)
          local n = #a
          local args = select("#", ...)
          local start = relative((...), n, 0)
          local count
          if args == 0 then count = 0 elseif args == 1 then count = n - start
          else
            count = floor((select(2, ...)) or 0)
            if count < 0 then count = 0 end
            if count > n - start then count = n - start end
          end
          local removed = {}
          for i = 1, count do removed[i] = a[start + i] end
          local items = { select(3, ...) }
          local added = args > 2 and args - 2 or 0
          local tail = {}
          for i = start + count + 1, n do tail[#tail + 1] = a[i] end
          for i = n, start + 1, -1 do a[i] = nil end
          for i = 1, added do a[start + i] = items[i] end
          for i = 1, #tail do a[start + added + i] = tail[i] end
          return removed
        end
        G.__TS__ArrayConcat = function(a, ...)
          local r = {}
          for i = 1, #a do r[i] = a[i] end
          for k = 1, select("#", ...) do
            local v = select(k, ...)
            if type(v) == "table" and G.__TS__ArrayIsArray(v) then for i = 1, #v do r[#r + 1] = v[i] end else r[#r + 1] = v end
          end
          return r
        end
        G.__TS__ArrayReverse = function(a)
          local i, j = 1, #a
          while i < j do a[i], a[j] = a[j], a[i] i, j = i + 1, j - 1 end
          return a
        end
        G.__TS__ArraySort = function(a, compare)
          if compare ~= nil then sort(a, function(x, y) return compare(nil, x, y) < 0 end)
          else sort(a, function(x, y) return tostring(x) < tostring(y) end) end
          return a
        end
        G.__TS__ArrayFrom = function(source, mapFn, thisArg)
          local values = values_of(source)
          local r = {}
          for i = 1, #values do r[i] = mapFn and mapFn(thisArg, values[i], i - 1) or values[i] end
          return r
        end
        G.__TS__ArrayEntries = function(a)
          local i = 0
          return { [Symbol.iterator] = function(self) return self end,
                   next = function() i = i + 1 return { done = i > #a, value = { i - 1, a[i] } } end }
        end
        G.__TS__ArraySetLength = function(a, length)
          for i = length + 1, #a do a[i] = nil end
          return length
        end

        -- Objects.
        G.__TS__ObjectAssign = function(target, ...)
          for k = 1, select("#", ...) do
            local source = select(k, ...)
            if source ~= nil then for key, value in pairs(source) do target[key] = value end end
          end
          return target
        end
        G.__TS__ObjectKeys = function(obj) local r, n = {}, 0 for key in pairs(obj) do n = n + 1 r[n] = key end return r end
        G.__TS__ObjectValues = function(obj) local r, n = {}, 0 for _, v in pairs(obj) do n = n + 1 r[n] = v end return r end
        G.__TS__ObjectEntries = function(obj) local r, n = {}, 0 for k, v in pairs(obj) do n = n + 1 r[n] = { k, v } end return r end
        G.__TS__ObjectFromEntries = function(entries)
          local obj = {}
          for _, entry in G.__TS__Iterator(entries) do obj[entry[1]] = entry[2] end
          return obj
        end
        G.__TS__Delete = function(target, key)
          rawset(target, key, nil)
          return true
        end

        -- Strings (0-based positions).
        G.__TS__StringSplit = function(source, separator, limit)
          limit = limit or 4294967295
          local r, n = {}, 0
          if limit == 0 then return r end
          if separator == nil then return { source } end
          if separator == "" then
            for i = 1, #source do if n >= limit then break end n = n + 1 r[n] = sub(source, i, i) end
            return r
          end
          local pos = 1
          while n < limit do
            local s, e = find(source, separator, pos, true)
            if s == nil then n = n + 1 r[n] = sub(source, pos) break end
            n = n + 1
            r[n] = sub(source, pos, s - 1)
            pos = e + 1
          end
          return r
        end
        G.__TS__StringIncludes = function(s, search, position) return find(s, search, (position or 0) + 1, true) ~= nil end
        G.__TS__StringStartsWith = function(s, search, position)
          local from = (position or 0) + 1
          return sub(s, from, from + #search - 1) == search
        end
        G.__TS__StringEndsWith = function(s, search, endPosition)
          local to = endPosition or #s
          return to - #search >= 0 and sub(s, to - #search + 1, to) == search
        end
        G.__TS__StringTrim = function(s) return (s:gsub("^%s+", ""):gsub("%s+$", "")) end
        G.__TS__StringTrimStart = function(s) return (s:gsub("^%s+", "")) end
        G.__TS__StringTrimEnd = function(s) return (s:gsub("%s+$", "")) end
        G.__TS__StringReplace = function(s, search, replace)
          local a, b = find(s, search, 1, true)
          if a == nil then return s end
          local with = type(replace) == "function" and replace(nil, search, a - 1, s) or replace
          return sub(s, 1, a - 1) .. tostring(with) .. sub(s, b + 1)
        end
        G.__TS__StringReplaceAll = function(s, search, replace)
          local r, pos = {}, 1
          while true do
            local a, b = find(s, search, pos, true)
            if a == nil or search == "" then break end
            r[#r + 1] = sub(s, pos, a - 1)
            r[#r + 1] = tostring(type(replace) == "function" and replace(nil, search, a - 1, s) or replace)
            pos = b + 1
          end
          r[#r + 1] = sub(s, pos)
          return concat(r)
        end
        G.__TS__StringSubstring = function(s, first, last)
          local n = #s
          local a = first ~= first and 0 or math.min(math.max(floor(first or 0), 0), n)
          local b = last == nil and n or (last ~= last and 0 or math.min(math.max(floor(last), 0), n))
          if a > b then a, b = b, a end
          return sub(s, a + 1, b)
        end
        G.__TS__StringSubstr = function(s, from, length)
          local n = #s
          local a = relative(from or 0, n, 0)
          local count = length == nil and n - a or math.max(floor(length), 0)
          return sub(s, a + 1, a + count)
        end
        G.__TS__StringSlice = function(s, first, last)
          local n = #s
          local a, b = relative(first, n, 0), relative(last, n, n)
          return a < b and sub(s, a + 1, b) or ""
        end
        G.__TS__StringCharAt = function(s, index) return (index ~= index or index < 0) and "" or sub(s, index + 1, index + 1) end
        G.__TS__StringCharCodeAt = function(s, index)
          if index ~= index then index = 0 end
          if index < 0 then return 0 / 0 end
          return byte(s, index + 1) or 0 / 0
        end
        G.__TS__StringAccess = function(s, index) if index >= 0 and index < #s then return sub(s, index + 1, index + 1) end end
        local function pad(s, maxLength, fill, left)
          fill = fill == nil and " " or fill
          if maxLength <= #s or fill == "" then return s end
          local needed = maxLength - #s
          local padding = rep(fill, floor(needed / #fill) + 1):sub(1, needed)
          return left and padding .. s or s .. padding
        end
        G.__TS__StringPadStart = function(s, maxLength, fill) return pad(s, maxLength, fill, true) end
        G.__TS__StringPadEnd = function(s, maxLength, fill) return pad(s, maxLength, fill, false) end

        -- Numbers.
        G.__TS__Number = function(value)
          local t = type(value)
          if t == "number" then return value elseif t == "boolean" then return value and 1 or 0 end
          if t == "string" then
            local trimmed = value:gsub("^%s+", ""):gsub("%s+$", "")
            if trimmed == "" then return 0 end
            return tonumber(trimmed) or 0 / 0
          end
          if value == nil then return 0 / 0 end
          return 0 / 0
        end
        G.__TS__NumberIsNaN = function(value) return value ~= value end
        G.__TS__NumberIsFinite = function(value) return type(value) == "number" and value == value and value ~= huge and value ~= -huge end
        G.__TS__NumberIsInteger = function(value) return G.__TS__NumberIsFinite(value) and floor(value) == value end
        G.__TS__NumberToString = function(value, radix)
          if radix == nil or radix == 10 then return tostring(value) end
          local digits, n, negative, r = "0123456789abcdefghijklmnopqrstuvwxyz", floor(math.abs(value)), value < 0, ""
          repeat local d = n % radix r = sub(digits, d + 1, d + 1) .. r n = floor(n / radix) until n == 0
          return negative and "-" .. r or r
        end
        G.__TS__ParseFloat = function(s)
          local m = tostring(s):match("^%s*([%+%-]?%d*%.?%d+[eE]?[%+%-]?%d*)")
          return m and tonumber(m) or tonumber((tostring(s):match("^%s*([%+%-]?%d+)"))) or 0 / 0
        end
        G.__TS__ParseInt = function(s, radix)
          s = tostring(s):gsub("^%s+", "")
          local sign = 1
          if sub(s, 1, 1) == "-" then sign, s = -1, sub(s, 2) elseif sub(s, 1, 1) == "+" then s = sub(s, 2) end
          if radix == nil or radix == 0 then
            if lower(sub(s, 1, 2)) == "0x" then radix, s = 16, sub(s, 3) else radix = 10 end
          end
          local digits = sub("0123456789abcdefghijklmnopqrstuvwxyz", 1, radix)
          local m = lower(s):match("^[" .. digits .. "]+")
          if m == nil then return 0 / 0 end
          return sign * tonumber(m, radix)
        end
        G.__TS__MathSign = function(x) if x > 0 then return 1 elseif x < 0 then return -1 end return 0 end
        G.__TS__MathAtan2 = math.atan

        -- Errors: Error and its kinds are classes; error(__TS__New(Error, "m")) raises an object with a message.
        local function error_class(name, base)
          local c = Class()
          c.name = name
          if base ~= nil then G.__TS__ClassExtends(c, base) end
          c.prototype.____constructor = function(self, message)
            self.message = message == nil and "" or message
            self.name = name
            self.stack = ""
          end
          c.prototype.__tostring = function(self) return self.message ~= "" and self.name .. ": " .. self.message or self.name end
          G[name] = c
          return c
        end
        local Error = error_class("Error")
        for _, name in ipairs({ "RangeError", "ReferenceError", "SyntaxError", "TypeError", "URIError" }) do error_class(name, Error) end

        -- Map and Set: insertion order kept through deletions (a doubly linked list of keys), size as a field.
        local function iterator(step)
          return { [Symbol.iterator] = function(self) return self end, next = step }
        end
        local Map = Class()
        Map.name = "Map"
        G.Map = Map
        function Map.prototype.____constructor(self, entries)
          self.size = 0
          self.items, self.nextKey, self.previousKey = {}, {}, {}
          if entries ~= nil then
            for _, entry in G.__TS__Iterator(entries) do self:set(entry[1], entry[2]) end
          end
        end
        function Map.prototype.has(self, key) return key ~= nil and (self.nextKey[key] ~= nil or self.lastKey == key) end
        function Map.prototype.get(self, key) return self.items[key] end
        function Map.prototype.set(self, key, value)
          local isNew = self.nextKey[key] == nil and self.lastKey ~= key
          if isNew then
            self.size = self.size + 1
            if self.firstKey == nil then self.firstKey, self.lastKey = key, key
            else self.nextKey[self.lastKey] = key self.previousKey[key] = self.lastKey self.lastKey = key end
          end
          self.items[key] = value
          return self
        end
        function Map.prototype.delete(self, key)
          if not self:has(key) then return false end
          self.size = self.size - 1
          local n, p = self.nextKey[key], self.previousKey[key]
          if n ~= nil and p ~= nil then self.nextKey[p] = n self.previousKey[n] = p
          elseif n ~= nil then self.firstKey = n self.previousKey[n] = nil
          elseif p ~= nil then self.lastKey = p self.nextKey[p] = nil
          else self.firstKey, self.lastKey = nil, nil end
          self.nextKey[key], self.previousKey[key], self.items[key] = nil, nil, nil
          return true
        end
        function Map.prototype.clear(self)
          self.items, self.nextKey, self.previousKey = {}, {}, {}
          self.firstKey, self.lastKey, self.size = nil, nil, 0
        end
        local function walk(self, project)
          local key, started = nil, false
          return iterator(function()
            if not started then key, started = self.firstKey, true else key = key ~= nil and self.nextKey[key] or nil end
            -- As TypeScriptToLua's own Map: deleting the current key during a walk ends the walk.
            if key == nil then return { done = true } end
            return { done = false, value = project(self, key) }
          end)
        end
        function Map.prototype.forEach(self, callback, thisArg)
          for _, entry in G.__TS__Iterator(self:entries()) do callback(thisArg, entry[2], entry[1], self) end
        end
        function Map.prototype.keys(self) return walk(self, function(_, k) return k end) end
        function Map.prototype.values(self) return walk(self, function(m, k) return m.items[k] end) end
        function Map.prototype.entries(self) return walk(self, function(m, k) return { k, m.items[k] } end) end
        Map.prototype[Symbol.iterator] = function(self) return self:entries() end

        local Set = Class()
        Set.name = "Set"
        G.Set = Set
        function Set.prototype.____constructor(self, values)
          self.size = 0
          self.items, self.nextKey, self.previousKey = {}, {}, {}
          if values ~= nil then
            for _, value in G.__TS__Iterator(values) do self:add(value) end
          end
        end
        Set.prototype.has = Map.prototype.has
        Set.prototype.delete = Map.prototype.delete
        Set.prototype.clear = Map.prototype.clear
        function Set.prototype.add(self, value) Map.prototype.set(self, value, true) return self end
        function Set.prototype.forEach(self, callback, thisArg)
          for _, value in G.__TS__Iterator(self:values()) do callback(thisArg, value, value, self) end
        end
        function Set.prototype.values(self) return walk(self, function(_, k) return k end) end
        Set.prototype.keys = Set.prototype.values
        function Set.prototype.entries(self) return walk(self, function(_, k) return { k, k } end) end
        Set.prototype[Symbol.iterator] = function(self) return self:values() end

        -- WeakMap and WeakSet: keys are held weakly (objects only, as in JavaScript); no size, no iteration.
        local function weak_key(key, what)
          local t = type(key)
          if t ~= "table" and t ~= "function" and t ~= "userdata" and t ~= "thread" then error("Invalid value used as " .. what .. " key", 3) end
        end
        local WeakMap = Class()
        WeakMap.name = "WeakMap"
        G.WeakMap = WeakMap
        function WeakMap.prototype.____constructor(self, entries)
          self.items = setmetatable({}, { __mode = "k" })
          if entries ~= nil then for _, entry in G.__TS__Iterator(entries) do self:set(entry[1], entry[2]) end end
        end
        function WeakMap.prototype.has(self, key) return self.items[key] ~= nil end
        function WeakMap.prototype.get(self, key) local v = self.items[key] if v ~= nil then return v.value end end
        function WeakMap.prototype.set(self, key, value) weak_key(key, "weak map") self.items[key] = { value = value } return self end
        function WeakMap.prototype.delete(self, key) local had = self.items[key] ~= nil self.items[key] = nil return had end
        local WeakSet = Class()
        WeakSet.name = "WeakSet"
        G.WeakSet = WeakSet
        function WeakSet.prototype.____constructor(self, values)
          self.items = setmetatable({}, { __mode = "k" })
          if values ~= nil then for _, value in G.__TS__Iterator(values) do self:add(value) end end
        end
        function WeakSet.prototype.has(self, value) return self.items[value] == true end
        function WeakSet.prototype.add(self, value) weak_key(value, "weak set") self.items[value] = true return self end
        function WeakSet.prototype.delete(self, value) local had = self.items[value] ~= nil self.items[value] = nil return had end
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
