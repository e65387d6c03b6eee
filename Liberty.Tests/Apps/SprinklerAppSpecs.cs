using Liberty.Devices.Model;
using Liberty.Node.Apps.Schema;

namespace Liberty.Tests.Apps;

/// <summary>apps/sprinkler: a Gen-2 app with named types, an enumeration with labels and description files in two locales.</summary>
public sealed class SprinklerAppSpecs(ITestOutputHelper output) : SampleAppSpec(output, watchdog: false)
{
    [Fact]
    public async Task Deploy_RealFormatSignatureAndDescriptions_ShowsTheEntryLabelsAndTexts()
    {
        var app = await Deploy("sprinkler");

        Assert.Equal(["Sprinkler"], app.Functions);
        Assert.Equal(["de", "en"], app.Locales);
        Assert.Equal("Bewässerung", app.Texts["de"].Name);
        var plan = app.Described.Single().Parameters[1];
        Assert.Equal(("plan", "Table", "Zone"), (plan.Name, plan.Type, plan.TypeName));
        var day = plan.Children[0];
        Assert.Equal(("Enumeration", "Weekday"), (day.Type, day.TypeName));
        Assert.Equal(7, day.Labels!.Count);
        Assert.Equal("Sunday", day.Labels[0]);
        var next = plan.Children[3];
        Assert.Equal(("next", "Zone", true), (next.Name, next.TypeName, next.Nullable));
        Assert.Empty(next.Children);
        Assert.Equal("Next zone", next.Texts["en"].Name);
    }

    [Theory]
    [InlineData("""[[], {"day": 1, "start": "06:00"}]""", "valves: 0 elements, fewer than SizeMin 1.")]
    [InlineData("""[[1], {"day": 7, "start": "06:00"}]""", "plan.day: 7 is not a label index")]
    [InlineData("""[[1], {"day": 1, "start": "06:00", "minutes": 500}]""", "plan.minutes: 500 is above NumberMax 120.")]
    [InlineData("""[[1], {"day": 1, "start": "06:00", "next": {"day": "Someday", "start": 0}}]""", "plan.next.day: 'Someday' is not one of the labels")]
    public async Task Bind_ArgumentsAgainstTheNamedTypes_RefusedNamingTheParameter(string arguments, string expected)
    {
        var folder = Path.GetDirectoryName(AppFile("sprinkler.sig"))!;
        var descriptions = Directory.GetFiles(folder, "sprinkler.sigdesc.*").ToDictionary(f => Path.GetFileName(f)["sprinkler.sigdesc.".Length..], File.ReadAllText);
        Assert.True(AppSignature.TryParse(File.ReadAllText(AppFile("sprinkler.sig")), descriptions, out var signature, out var error), error?.Message);
        var valve = new DeviceInfo(DeviceId.Create("gw1", "valve"), DeviceTypes.OnOffLight, [ClusterIds.OnOff], "simulated/on-off-light");

        var bound = await ArgumentBinder.BindAsync(signature, "Sprinkler", arguments, new ArgumentLookups { Device = _ => valve }, null, 1);

        Assert.False(bound.Ok);
        Assert.StartsWith(expected, bound.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithoutDevicesOnTheNode_RefusedAtTheFirstParameterAndNoTaskMade()
    {
        await Deploy("sprinkler");

        var started = await Manager.StartTaskAsync("sprinkler", "Sprinkler", """[["gw1/valve"], {"day": 1, "start": "06:00"}]""");

        Assert.Equal(("valves[1]: no device 'gw1/valve'.", "$.arguments.valves[1]"), (started.Error, started.Path));
        Assert.Empty(Manager.ListTasks());
    }
}
