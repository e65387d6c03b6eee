using Liberty.Node.Apps;

namespace Liberty.Tests.Apps;

public sealed class SchemalessArgumentBinderSpecs
{
    [Theory]
    [InlineData("{", "signature: not valid JSON")]
    [InlineData("[]", "signature: must be an object with a \"Functions\" array")]
    [InlineData("{\"Functions\":[{\"Parameters\":[]}]}", "signature: Functions[0].NativeName: must be a non-empty string")]
    public void CheckSignature_Malformed_SaysWhere(string signature, string expected) =>
        Assert.StartsWith(expected, SchemalessArgumentBinder.Instance.CheckSignature(signature), StringComparison.Ordinal);

    [Theory]
    [InlineData("[1,", "arguments: not valid JSON")]
    [InlineData("42", "arguments: must be a JSON array (positional) or object (one table), not number")]
    public async Task Bind_BadArguments_Error(string arguments, string expected)
    {
        var bound = await SchemalessArgumentBinder.Instance.BindAsync(null, "main", arguments, 1, CancellationToken.None);
        Assert.StartsWith(expected, bound.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bind_ArrayPositional_ObjectOneTable()
    {
        var positional = await SchemalessArgumentBinder.Instance.BindAsync(null, "main", "[1, 2.5, \"x\", true, null, [1]]", 1, CancellationToken.None);
        Assert.Equal([1L, 2.5, "x", true, null], positional.Values.Take(5));
        Assert.Equal([1L], Assert.IsAssignableFrom<IReadOnlyList<object?>>(positional.Values[5]));
        var table = await SchemalessArgumentBinder.Instance.BindAsync(null, "main", "{\"k\": 1}", 1, CancellationToken.None);
        var map = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(Assert.Single(table.Values));
        Assert.Equal(1L, map["k"]);
    }

    [Fact]
    public async Task Bind_FunctionNotDeclared_Error()
    {
        var bound = await SchemalessArgumentBinder.Instance.BindAsync("{\"Functions\":[{\"NativeName\":\"a\"}]}", "b", null, 1, CancellationToken.None);
        Assert.Equal("function 'b' is not in the app's signature (it has: a)", bound.Error);
    }
}
