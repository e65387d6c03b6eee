namespace Liberty.Tests.WebConsole;

/// <summary>The console's browser specs share one Chromium (<see cref="ConsoleBrowser"/>).</summary>
[CollectionDefinition(Name)]
public sealed class ConsoleGroup : ICollectionFixture<ConsoleBrowser>
{
    public const string Name = "Console";
}
