using Liberty.Devices.Model;
using Liberty.Node.Apps.Schema;
using static Liberty.Tests.Schema.AppSignatureTests;

namespace Liberty.Tests.Schema;

public class SignatureArgumentBinderTests
{
    private static readonly DeviceInfo Lamp = new(DeviceId.Create("gw1", "hall"), DeviceTypes.OnOffLight, [ClusterIds.OnOff], "simulated/on-off-light");

    private readonly FakeVirtualDeviceFactory _factory = new();

    private SignatureArgumentBinder Binder() => new(new ArgumentLookups { Device = text => text == "gw1/hall" ? Lamp : null }, _factory);

    [Fact]
    public void CheckSignature_BadAndGood_ErrorWithPathOrNull()
    {
        Assert.Equal("signature: Functions[0].NativeName: missing.", Binder().CheckSignature("""{"Functions":[{}]}"""));
        Assert.Null(Binder().CheckSignature(Sig(Param("p", "Number"))));
        Assert.Equal(["Main"], Binder().FunctionsOf(Sig(Param("p", "Number"))));
        Assert.Empty(Binder().FunctionsOf("nope"));
    }

    [Fact]
    public async Task BindAsync_VirtualDevice_ValuesAndCleanupForTheTask()
    {
        var sig = Sig(string.Join(",", Param("input", "Device"), Param("output", "VirtualDevice", Attr("VirtualDevice", "1,100,6"))));

        var arguments = await Binder().BindAsync(sig, "Main", """["gw1/hall"]""", 9, CancellationToken.None);

        Assert.Null(arguments.Error);
        Assert.Equal(new object?[] { Lamp.Id.Value, _factory.Created[0].Id }, arguments.Values);
        Assert.Equal(9, _factory.Created[0].Owner);
        await arguments.Cleanup!();
        Assert.Equal([_factory.Created[0].Id], _factory.Removed);
    }

    [Fact]
    public async Task BindAsync_BadArgumentOrNoSignature_ErrorOrValuesAsGiven()
    {
        var failed = await Binder().BindAsync(Sig(Param("input", "Device")), "Main", """["gw1/none"]""", 9, CancellationToken.None);
        var plain = await Binder().BindAsync(null, "Main", """[1, "x"]""", 9, CancellationToken.None);

        Assert.Equal("input: no device 'gw1/none'.", failed.Error);
        Assert.Equal(new object?[] { 1L, "x" }, plain.Values);
        Assert.Null(plain.Cleanup);
    }
}
