using System.Net.Http.Json;
using Liberty.Devices.Drivers;
using Liberty.Tests.Management;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Liberty.Tests.WebConsole;

/// <summary>
/// The web console in a real headless Chromium at phone size against a real node (its task manager, Lua, SQLite
/// journal and simulated devices on a loopback port): what a person with only a phone does.
/// </summary>
[Collection(ConsoleGroup.Name)]
public sealed class ConsoleBrowserTests(ConsoleBrowser browser)
{
    private static readonly string AppFolder = Path.Combine(AppContext.BaseDirectory, "WebConsole", "App");

    private static async Task<IPage> SignInAsync(ConsoleBrowser browser, TestNode node, ColorScheme scheme = ColorScheme.Light)
    {
        var page = await browser.PhoneAsync(node.Url, scheme);
        await page.GotoAsync("/");
        await page.FillAsync("#token", node.Node.Token);
        await page.ClickAsync("button[type=submit]");
        await Expect(page.Locator("#tabs")).ToBeVisibleAsync();
        return page;
    }

    [Fact]
    public async Task SignIn_WrongTokenRefused_RightTokenSignsIn_SignOutForgetsIt()
    {
        await using var node = await TestNode.StartAsync(fakeTasks: false);
        var page = await browser.PhoneAsync(node.Url);
        await page.GotoAsync("/");
        await ConsoleBrowser.ShotAsync(page, "01-sign-in");

        await page.FillAsync("#token", "not-the-token");
        await page.ClickAsync("button[type=submit]");
        await Expect(page.Locator("#sign-in-error")).ToHaveTextAsync("That is not this node's token.");
        await Expect(page.Locator("#tabs")).ToBeHiddenAsync();

        await page.FillAsync("#token", node.Node.Token);
        await page.ClickAsync("button[type=submit]");
        await Expect(page.Locator("#tabs")).ToBeVisibleAsync();
        await Expect(page.Locator("#node-name")).ToContainTextAsync("node1");
        // Kept for the browser session: a reload stays signed in.
        await page.ReloadAsync();
        await Expect(page.Locator("#tabs")).ToBeVisibleAsync();

        await page.ClickAsync("#sign-out");
        await Expect(page.Locator("#token")).ToBeVisibleAsync();
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('liberty-token')"));
        await page.ReloadAsync();
        await Expect(page.Locator("#token")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task DeployStartWatchStopDelete_FromThePhone()
    {
        await using var node = await TestNode.StartAsync(fakeTasks: false);
        var page = await SignInAsync(browser, node);

        // Deploy the app from the page: its .lua, .sig and .sigdesc.en.
        await page.ClickAsync("#tabs a[data-tab=apps]");
        await page.ClickAsync("a[href='#/deploy']");
        await page.SetInputFilesAsync("#app-lua", Path.Combine(AppFolder, "scenes.lua"));
        await page.SetInputFilesAsync("#app-sig", Path.Combine(AppFolder, "scenes.sig"));
        await page.SetInputFilesAsync("#app-desc", Path.Combine(AppFolder, "scenes.sigdesc.en"));
        await Expect(page.Locator("#app-name")).ToHaveValueAsync("scenes");
        await ConsoleBrowser.ShotAsync(page, "02-deploy");
        await page.ClickAsync("#deploy-form button[type=submit]");
        var app = page.Locator("[data-app=scenes]");
        await Expect(app).ToContainTextAsync("Scenes");
        await Expect(app).ToContainTextAsync("v1");
        await ConsoleBrowser.ShotAsync(page, "03-apps");

        // The form made from the signature: a list of named Group tables, each with a device list; a named enumeration.
        await app.Locator("a", new() { HasText = "Start Light scenes" }).ClickAsync();
        var group = page.Locator("[data-param=groups] .list-item").First;
        await Expect(group).ToBeVisibleAsync();
        await page.FillAsync("#task-name", "evening");
        await group.Locator("[data-param=name] input").FillAsync("Upstairs");
        var lights = group.Locator("fieldset[data-param=lights]");
        // Only devices with the On/Off cluster are offered (DeviceType 1,ffff,6): not the temperature sensor.
        await Expect(lights.Locator("select option[value='node1/outdoor-temperature']")).ToHaveCountAsync(0);
        await lights.Locator("select").First.SelectOptionAsync("node1/hall-light");
        await lights.Locator("button[data-add=lights]").ClickAsync();
        await lights.Locator("input[type=search]").Nth(1).FillAsync("kitchen");
        await lights.Locator("select").Nth(1).SelectOptionAsync("node1/kitchen-light");
        await Expect(group.Locator("[data-param=brightness] input")).ToHaveValueAsync("50");
        await page.Locator("[data-param=mood] select").SelectOptionAsync(new SelectOptionValue { Label = "Party" });

        // A bad number is the field's error before anything is sent.
        await group.Locator("[data-param=brightness] input").FillAsync("42");
        await page.ClickAsync("#submit");
        await Expect(group.Locator("[data-param=brightness] .error")).ToHaveTextAsync("In steps of 5 from 0.");
        await ConsoleBrowser.ShotAsync(page, "04-start-form-error");
        Assert.Empty((await node.Http.GetFromJsonAsync<List<TaskLine>>("/api/tasks"))!);

        await group.Locator("[data-param=brightness] input").FillAsync("40");
        await page.ClickAsync("#submit");
        await Expect(page.Locator("#task-state")).ToHaveTextAsync("Running");
        await Expect(page.Locator("#task-title")).ToContainTextAsync("evening");
        // The live log shows what the task printed from its arguments.
        await Expect(page.Locator("#log")).ToContainTextAsync("scenes: 1 groups, mood 2, setpoint 20");
        await Expect(page.Locator("#log")).ToContainTextAsync("group Upstairs: 2 lights at 40%");
        await ConsoleBrowser.ShotAsync(page, "05-task");
        // The filter keeps the lines that match; clearing it brings the others back.
        await page.FillAsync("#log-filter", "upstairs");
        await Expect(page.Locator("#log > div")).ToHaveCountAsync(1);
        await page.FillAsync("#log-filter", "");
        await Expect(page.Locator("#log > div")).ToHaveCountAsync(2);
        await page.ClickAsync("#log-pause");
        await Expect(page.Locator("#log-pause")).ToHaveAttributeAsync("aria-pressed", "true");
        await page.ClickAsync("#log-pause");

        await page.ClickAsync("button:text-is('Stop')");
        await Expect(page.Locator("#task-state")).ToHaveTextAsync("Disabled");
        await Expect(page.Locator("#task-reason")).ToContainTextAsync("stopped");

        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await page.ClickAsync("button:text-is('Delete')");
        await Expect(page.Locator("#task-list")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-task]")).ToHaveCountAsync(0);
        Assert.Empty((await node.Http.GetFromJsonAsync<List<TaskLine>>("/api/tasks"))!);
    }

    [Fact]
    public async Task Deploy_BadLuaAndBadSignature_TheNodesErrorAtTheFileItIsAbout()
    {
        await using var node = await TestNode.StartAsync(fakeTasks: false);
        var folder = Directory.CreateTempSubdirectory("liberty-console-").FullName;
        try
        {
            var broken = Path.Combine(folder, "broken.lua");
            File.WriteAllText(broken, "function Broken()\n  print('a'\nend\n");
            var badSignature = Path.Combine(folder, "broken.sig");
            File.WriteAllText(badSignature, """{"Functions":[{"NativeName":"Broken","Parameters":[{"ID":1,"NativeName":"n","Type":"Nmber"}]}]}""");
            var page = await SignInAsync(browser, node);
            await page.GotoAsync("/#/deploy");

            await page.SetInputFilesAsync("#app-lua", broken);
            await page.ClickAsync("#deploy-form button[type=submit]");
            var sourceError = page.Locator("[for=app-lua] ~ .error");
            await Expect(sourceError).ToContainTextAsync("broken.lua:3:");

            File.WriteAllText(broken, "function Broken(n)\n  print(n)\nend\n");
            await page.SetInputFilesAsync("#app-lua", broken);
            await page.SetInputFilesAsync("#app-sig", badSignature);
            await page.ClickAsync("#deploy-form button[type=submit]");
            await Expect(page.Locator("[for=app-sig] ~ .error")).ToContainTextAsync("Nmber");
            await Expect(sourceError).ToBeEmptyAsync();
            Assert.Empty((await node.Http.GetFromJsonAsync<List<System.Text.Json.JsonElement>>("/api/apps"))!);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task ServerRefusal_ShownNextToTheFieldItNames_AndEditRestartsWithNewArguments()
    {
        await using var node = await TestNode.StartAsync(fakeTasks: false);
        await DeployAsync(node, File.ReadAllText(Path.Combine(AppFolder, "scenes.sig")));
        var page = await SignInAsync(browser, node);
        await page.GotoAsync("/#/start/scenes/Scenes");
        var group = page.Locator("[data-param=groups] .list-item").First;
        await group.Locator("[data-param=name] input").FillAsync("Hall");
        await group.Locator("fieldset[data-param=lights] select").First.SelectOptionAsync("node1/hall-light");
        await group.Locator("[data-param=brightness] input").FillAsync("40");
        await page.Locator("[data-param=mood] select").SelectOptionAsync(new SelectOptionValue { Label = "Calm" });
        // The app changes while the form is open: brightness may now be 30 at most, which only the node knows.
        await DeployAsync(node, File.ReadAllText(Path.Combine(AppFolder, "scenes.sig"))
            .Replace("\"NumberMax\", \"Value\": \"100\"", "\"NumberMax\", \"Value\": \"30\"", StringComparison.Ordinal)
            .Replace("\"Default\", \"Value\": \"50\"", "\"Default\", \"Value\": \"20\"", StringComparison.Ordinal));

        await page.ClickAsync("#submit");
        await Expect(group.Locator("[data-param=brightness] .error")).ToHaveTextAsync("40 is above NumberMax 30.");
        Assert.Empty((await node.Http.GetFromJsonAsync<List<TaskLine>>("/api/tasks"))!);

        await group.Locator("[data-param=brightness] input").FillAsync("30");
        await page.ClickAsync("#submit");
        await Expect(page.Locator("#task-state")).ToHaveTextAsync("Running");
        await Expect(page.Locator("#log")).ToContainTextAsync("group Hall: 1 lights at 30%");

        // The same form edits the task's arguments (prefilled) and restarts it with them.
        await page.ClickAsync("a:text-is('Edit arguments')");
        var edited = page.Locator("[data-param=groups] .list-item").First;
        await Expect(edited.Locator("[data-param=name] input")).ToHaveValueAsync("Hall");
        await Expect(edited.Locator("[data-param=brightness] input")).ToHaveValueAsync("30");
        await edited.Locator("[data-param=brightness] input").FillAsync("25");
        await page.ClickAsync("#submit");
        await Expect(page.Locator("#task-state")).ToHaveTextAsync("Running");
        await Expect(page.Locator("#log")).ToContainTextAsync("group Hall: 1 lights at 25%");
        var task = (await node.Http.GetFromJsonAsync<List<TaskLine>>("/api/tasks"))!.Single();
        Assert.Equal("Running", task.State);
    }

    [Fact]
    public async Task Devices_ToggleALight_TheAttributeChangesLiveWithoutReload()
    {
        await using var node = await TestNode.StartAsync(fakeTasks: false);
        var page = await SignInAsync(browser, node, ColorScheme.Dark);
        await page.ClickAsync("#tabs a[data-tab=devices]");
        var light = page.Locator("[data-device='node1/hall-light']");
        var toggle = light.Locator("button.switch");
        await Expect(page.Locator("#device-live")).ToHaveTextAsync("Live.");
        var before = await toggle.GetAttributeAsync("aria-pressed");
        await ConsoleBrowser.ShotAsync(page, "06-devices-dark");
        var reloads = 0;
        page.Load += (_, _) => reloads++;

        await toggle.ClickAsync();
        var after = before == "true" ? "false" : "true";
        await Expect(toggle).ToHaveAttributeAsync("aria-pressed", after);
        // The device itself reports the new state (the node's API agrees), and the page never reloaded.
        var device = await node.Http.GetFromJsonAsync<DeviceLine>("/api/devices/hall-light");
        Assert.Equal(after == "true", device!.Attributes.Single(a => a.Cluster == 6 && a.Attribute == 0).Value.GetBoolean());
        Assert.Equal(0, reloads);

        // The device page: the thermostat's setpoint control.
        await page.GotoAsync("/#/devices/" + (await node.Http.GetFromJsonAsync<DeviceLine>("/api/devices/thermostat"))!.Id);
        var setpoint = page.Locator("#device-setpoint");
        await Expect(setpoint).ToContainTextAsync("Heating setpoint");
        var text = await setpoint.InnerTextAsync();
        await ConsoleBrowser.ShotAsync(page, "07-thermostat");
        await page.ClickAsync("button[aria-label='Raise the setpoint']");
        await Expect(setpoint).Not.ToHaveTextAsync(text);
    }

    [Fact]
    public async Task Devices_TwoHundredFifty_OnlyTheVisibleRowsAreInThePage_FilterFindsOne()
    {
        await using var node = await TestNode.StartAsync(o =>
        {
            for (var i = 0; i < 250; i++)
            {
                o.Devices.Devices.Add(new DeviceDeclaration { Name = $"lamp-{i:000}", Driver = "simulated", Kind = i % 2 == 0 ? "on-off-light" : "dimmable-light" });
            }
        }, fakeTasks: false);
        var page = await SignInAsync(browser, node);
        await page.GotoAsync("/#/devices");
        await Expect(page.Locator("#device-count")).ToHaveTextAsync("250 of 250 devices");
        var rendered = await page.Locator(".device").CountAsync();
        Assert.InRange(rendered, 5, 40);

        await page.Mouse.WheelAsync(0, 20_000);
        await Expect(page.Locator("[data-device='node1/lamp-249']")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-device='node1/lamp-000']")).ToHaveCountAsync(0);
        Assert.InRange(await page.Locator(".device").CountAsync(), 5, 40);

        await page.FillAsync("#device-search", "lamp-207");
        await Expect(page.Locator("#device-count")).ToHaveTextAsync("1 of 250 devices");
        await Expect(page.Locator("[data-device='node1/lamp-207']")).ToBeVisibleAsync();
        await page.SelectOptionAsync("#device-type", "Dimmable Light");
        await page.FillAsync("#device-search", "");
        await Expect(page.Locator("#device-count")).ToHaveTextAsync("125 of 250 devices");
    }

    [Fact]
    public async Task Cluster_SingleNode_OneRowForThisNode()
    {
        await using var node = await TestNode.StartAsync(fakeTasks: false);
        var page = await SignInAsync(browser, node);
        await page.ClickAsync("#tabs a[data-tab=cluster]");
        await Expect(page.Locator("#members tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#members tbody tr")).ToContainTextAsync("node1");
        await Expect(page.Locator("#members tbody tr")).ToContainTextAsync("Up");
        await ConsoleBrowser.ShotAsync(page, "08-cluster");
    }

    private static async Task DeployAsync(TestNode node, string signature)
    {
        var response = await node.Http.PostAsJsonAsync("/api/apps", new
        {
            name = "scenes",
            source = File.ReadAllText(Path.Combine(AppFolder, "scenes.lua")),
            signature,
            descriptions = new Dictionary<string, string> { ["en"] = File.ReadAllText(Path.Combine(AppFolder, "scenes.sigdesc.en")) },
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private sealed record TaskLine(long Id, string State);

    private sealed record DeviceLine(long Id, List<AttributeLine> Attributes);

    private sealed record AttributeLine(int Cluster, int Attribute, System.Text.Json.JsonElement Value);
}
