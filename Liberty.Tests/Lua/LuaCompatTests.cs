namespace Liberty.Tests.Lua;

public class LuaCompatTests
{
    [Theory]
    [InlineData("bit.tobit(0xffffffff)", -1L)]
    [InlineData("bit.tobit(0x80000000)", -2147483648L)]
    [InlineData("bit.tobit(2^32 + 5)", 5L)]
    [InlineData("bit.tobit(2.5)", 2L)]
    [InlineData("bit.tobit(3.5)", 4L)]
    [InlineData("bit.tobit(-2.5)", -2L)]
    [InlineData("bit.tobit('10')", 10L)]
    [InlineData("bit.band(0xff, 0x0f, 0x3)", 3L)]
    [InlineData("bit.bor(1, 2, 4)", 7L)]
    [InlineData("bit.bxor(0xff, 0x0f)", 0xf0L)]
    [InlineData("bit.bnot(0)", -1L)]
    [InlineData("bit.bnot(0xffffffff)", 0L)]
    [InlineData("bit.lshift(1, 31)", -2147483648L)]
    [InlineData("bit.lshift(1, 32)", 1L)]
    [InlineData("bit.lshift(0xff, 8)", 0xff00L)]
    [InlineData("bit.rshift(-1, 28)", 15L)]
    [InlineData("bit.rshift(0x80000000, 31)", 1L)]
    [InlineData("bit.arshift(-256, 4)", -16L)]
    [InlineData("bit.arshift(0x80000000, 31)", -1L)]
    [InlineData("bit.rol(0x12345678, 8)", 0x34567812L)]
    [InlineData("bit.ror(0x12345678, 8)", 0x78123456L)]
    [InlineData("bit.bswap(0x12345678)", 0x78563412L)]
    public void Bit_Operation_MatchesLuaJit(string expression, long expected) => Assert.Equal(expected, LuaTestState.Eval(expression));

    [Theory]
    [InlineData("bit.tohex(255)", "000000ff")]
    [InlineData("bit.tohex(-1, -4)", "FFFF")]
    [InlineData("bit.tohex(0x12345678, 2)", "78")]
    [InlineData("bit.tohex(1, 10)", "00000001")]
    [InlineData("bit.tohex(-1)", "ffffffff")]
    [InlineData("bit.tohex(0x1234, 0)", "")]
    public void BitToHex_Value_MatchesLuaJit(string expression, string expected) => Assert.Equal(expected, LuaTestState.Eval(expression));

    [Fact]
    public void Bit_NonNumber_ClearError() =>
        Assert.Contains("bad argument #2 to 'band' (number expected, got table)", LuaTestState.Error("bit.band(1, {})"), StringComparison.Ordinal);

    [Theory]
    [InlineData("string.format('%d', 3.7)", "3")]
    [InlineData("('%d'):format(-2.5)", "-2")]
    [InlineData("string.format('%i|%x|%X|%o', 10.9, 255.5, 255.2, 8.9)", "10|ff|FF|10")]
    [InlineData("string.format('%c', 65.7)", "A")]
    [InlineData("string.format('%5.1f|%s|%d', 2.25, 'x', 4)", "  2.2|x|4")]
    [InlineData("string.format('%%d %d', 7.2)", "%d 7")]
    [InlineData("string.format('%s=%d', 'n', '12.8')", "n=12")]
    [InlineData("string.format('%05d', 42.9)", "00042")]
    [InlineData("string.format('%g', 0.5)", "0.5")]
    public void StringFormat_IntegerConversions_TruncateLikeLuaJit(string expression, string expected) =>
        Assert.Equal(expected, LuaTestState.Eval(expression));

    [Fact]
    public void Unpack_Global_IsTableUnpack() => Assert.Equal(6L, LuaTestState.Eval("(function(a, b, c) return a + b + c end)(unpack({1, 2, 3}))"));

    [Fact]
    public void TableGetn_Array_ReturnsLength() => Assert.Equal(3L, LuaTestState.Eval("table.getn({'a', 'b', 'c'})"));

    [Fact]
    public void TableClear_Table_EmptiesIt() => Assert.Equal(true, LuaTestState.Eval("(function() local t = {1, 2, x = 3} table.clear(t) return next(t) == nil end)()"));

    [Fact]
    public void TableMaxn_SparseTable_ReturnsLargestKey() => Assert.Equal(10L, LuaTestState.Eval("table.maxn({[1] = 1, [10] = 2})"));

    [Fact]
    public void List_PushAndPop_FifoOrder()
    {
        Assert.Equal("true|1|1|2|3|nil|true", LuaTestState.Eval("""
            (function()
              local l = list.new()
              local r = { tostring(list.empty(l)) }
              list.pushright(l, 1)
              l:pushright(2)
              l:pushright(3)
              r[#r + 1] = tostring(list.peekleft(l))
              r[#r + 1] = tostring(list.popleft(l))
              r[#r + 1] = tostring(l:popleft())
              r[#r + 1] = tostring(l:popleft())
              r[#r + 1] = tostring(l:popleft())
              r[#r + 1] = tostring(l:empty())
              return table.concat(r, "|")
            end)()
            """));
    }

    [Fact]
    public void Lbuffer_Operations_ExactResults()
    {
        Assert.Equal("5|hello|104|ell|7|he\0\0o!!|4|he!!|3|xyz", LuaTestState.Eval("""
            (function()
              local r = {}
              local b = lbuffer("hello")
              r[#r + 1] = #b
              r[#r + 1] = b:tostring()
              r[#r + 1] = b[1]
              r[#r + 1] = b:tostring(2, 3)
              b:set(6, "!!")
              r[#r + 1] = b:len()
              b:clear(3, 2)
              r[#r + 1] = b:tostring()
              b:remove(3, 3)
              r[#r + 1] = b:len()
              r[#r + 1] = tostring(b)
              local c = lbuffer()
              c[1] = 120 c[2] = 121 c[3] = 122.0
              r[#r + 1] = #c
              r[#r + 1] = c:tostring()
              return table.concat(r, "|")
            end)()
            """));
    }

    [Fact]
    public void Lbuffer_SizeAndSetlen_ZeroFilled()
    {
        Assert.Equal("4|0|0|2|10|0|nil", LuaTestState.Eval("""
            (function()
              local b = lbuffer(4)
              local r = { #b, b[1], b[4] }
              b[1] = 0x1FF
              b:setlen(2)
              r[#r + 1] = b:len()
              r[#r + 1] = b:len(10)
              r[#r + 1] = b[10]
              r[#r + 1] = tostring(b[11])
              return table.concat(r, "|")
            end)()
            """));
    }

    [Fact]
    public void Lbuffer_SetWithSourceRangeAndGap_CopiesAndZeroFills()
    {
        Assert.Equal("ab\0\0cd", LuaTestState.Eval("(function() local b = lbuffer('ab') b:set(5, 'xcdy', 2, 2) return b:tostring() end)()"));
    }

    [Fact]
    public void Lbuffer_Grows_KeepsContent()
    {
        Assert.Equal(true, LuaTestState.Eval("""
            (function()
              local b = lbuffer()
              for i = 1, 5000 do b[i] = i % 256 end
              for i = 1, 5000 do if b[i] ~= i % 256 then return false end end
              return #b == 5000
            end)()
            """));
    }

    [Fact]
    public void Lbuffer_BadArguments_ClearErrors()
    {
        Assert.Contains("lbuffer:set: argument 2 (pos) must be a number, got string", LuaTestState.Error("local b = lbuffer() b:set('x', 'y')"), StringComparison.Ordinal);
        Assert.Contains("lbuffer: index 5 is out of range (length 0)", LuaTestState.Error("local b = lbuffer() b[5] = 1"), StringComparison.Ordinal);
        Assert.StartsWith("app.lua:2:", LuaTestState.Error("local b = lbuffer() b[5] = 1"), StringComparison.Ordinal);
        Assert.Equal("lbuffer", LuaTestState.Eval("getmetatable(lbuffer())"));
    }

    [Theory]
    [InlineData("json.encode({1, 2, 3})", "[1,2,3]")]
    [InlineData("json.encode({b = 1, a = 'x'})", "{\"a\":\"x\",\"b\":1}")]
    [InlineData("json.encode({})", "{}")]
    [InlineData("json.encode({1, json.null, 3})", "[1,null,3]")]
    [InlineData("json.encode('a\"b\\\\c\\n\\1')", "\"a\\\"b\\\\c\\n\\u0001\"")]
    [InlineData("json.encode(10 / 2)", "5")]
    [InlineData("json.encode(0.1)", "0.1")]
    [InlineData("json.encode({[28] = 1})", "{\"28\":1}")]
    [InlineData("json.encode({ok = true, no = false})", "{\"no\":false,\"ok\":true}")]
    [InlineData("json.encode(lbuffer('hi'))", "\"hi\"")]
    public void JsonEncode_Value_ExactText(string expression, string expected) => Assert.Equal(expected, LuaTestState.Eval(expression));

    [Fact]
    public void JsonDecode_Document_ExactValues()
    {
        Assert.Equal("1|2.5|x|true|null|é😀|3|integer|float", LuaTestState.Eval("""
            (function()
              local v = json.decode(' {"a": [1, 2.5, "x", true, null], "s": "\\u00e9\\ud83d\\ude00", "n": {"m": 3}} ')
              return table.concat({ v.a[1], v.a[2], v.a[3], tostring(v.a[4]), v.a[5] == json.null and "null" or "?", v.s, v.n.m,
                math.type(v.a[1]), math.type(json.decode("1e2")) }, "|")
            end)()
            """));
    }

    [Fact]
    public void Json_RoundTrip_PreservesStructure()
    {
        Assert.Equal("{\"list\":[1,\"two\",null,{\"x\":-1.5}],\"name\":\"dev\",\"on\":true}", LuaTestState.Eval("""
            json.encode(json.decode('{"on":true,"name":"dev","list":[1,"two",null,{"x":-1.5}]}'))
            """));
    }

    [Theory]
    [InlineData("json.decode('{\"a\":}')", "json.decode: unexpected character '}' at position 6")]
    [InlineData("json.decode('[1, 2')", "json.decode: expected ',' or ']' at position 6")]
    [InlineData("json.decode('\"abc')", "json.decode: unterminated string at position 1")]
    [InlineData("json.decode('1 x')", "json.decode: unexpected trailing character 'x' at position 3")]
    [InlineData("json.encode(print)", "json.encode: cannot encode a function value")]
    [InlineData("(function() local t = {} t.t = t return json.encode(t) end)()", "json.encode: circular reference")]
    public void Json_Invalid_ErrorWithPosition(string expression, string expected)
    {
        var message = LuaTestState.Error("local r = " + expression);
        Assert.EndsWith(expected, message, StringComparison.Ordinal);
        Assert.StartsWith("app.lua:2:", message, StringComparison.Ordinal);
    }

    [Fact]
    public void OsSetlocale_Stub_Harmless() => Assert.Equal("C|nil", LuaTestState.Eval("os.setlocale() .. '|' .. tostring(os.setlocale('de_DE'))"));
}
