using Liberty.Node.Lua;

namespace Liberty.Tests.Lua;

public class LuaArgsTests
{
    // Runs Probe(value) with a callback that applies the check and returns its outcome as a string.
    private static string Probe(string luaValue, LuaRounding rounding = LuaRounding.Reject)
    {
        var api = new LuaApiBuilder().Add("Libre_Wait", context =>
        {
            context.PushString(context.TryGetInteger(1, "ms", out var value, out var error, rounding) ? $"ok {value}" : error!);
            return 1;
        }).Build();
        using var state = LuaTestState.Create(api: api);
        var result = LuaTestState.Run(state, $"return Libre_Wait({luaValue})", out var thread);
        Assert.Equal(LuaResumeStatus.Finished, result.Status);
        return (string)thread.GetValue(1)!;
    }

    [Theory]
    [InlineData("10", "ok 10")]
    [InlineData("10 / 2", "ok 5")]
    [InlineData("-3.0", "ok -3")]
    [InlineData("2.5", "Libre_Wait: argument 1 (ms) must be an integer, got 2.5")]
    [InlineData("'10'", "Libre_Wait: argument 1 (ms) must be a number, got string")]
    [InlineData("nil", "Libre_Wait: argument 1 (ms) must be a number, got nil")]
    [InlineData("", "Libre_Wait: argument 1 (ms) must be a number, got no value")]
    [InlineData("{}", "Libre_Wait: argument 1 (ms) must be a number, got table")]
    [InlineData("1/0", "Libre_Wait: argument 1 (ms) must be an integer, got inf")]
    [InlineData("2^63", "Libre_Wait: argument 1 (ms) must be an integer, got 9.2233720368548e+18")]
    public void TryGetInteger_Value_AcceptsIntegralNumbersOnly(string value, string expected) => Assert.Equal(expected, Probe(value));

    [Theory]
    [InlineData("2.5", "Truncate", "ok 2")]
    [InlineData("-2.5", "Truncate", "ok -2")]
    [InlineData("2.5", "Nearest", "ok 3")]
    [InlineData("-2.5", "Nearest", "ok -3")]
    [InlineData("2.1", "Ceiling", "ok 3")]
    public void TryGetInteger_Fraction_RoundedAsRequested(string value, string rounding, string expected) =>
        Assert.Equal(expected, Probe(value, Enum.Parse<LuaRounding>(rounding)));
}
