using Microsoft.Playwright;

namespace Liberty.Tests.WebConsole;

/// <summary>
/// One headless Chromium for the console's specs: Debian's installed binary (<c>LIBERTY_CHROMIUM</c>, which
/// scripts/test exports, else <c>/usr/bin/chromium</c>), driven by Playwright; never a downloaded browser. Each spec
/// opens its own context at phone size (390 × 844, touch) and saves screenshots under the test results.
/// </summary>
public sealed class ConsoleBrowser : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Where the screenshots go: TestResults/console at the repository root (scripts/test empties it first).</summary>
    public static string Screenshots { get; } = Path.Combine(Docs.ShellDocs.RepositoryRoot, "TestResults", "console");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("the browser did not start");

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("LIBERTY_CHROMIUM") is { Length: > 0 } fromEnv ? fromEnv : "/usr/bin/chromium";
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Chromium not found at {executable}. Run the tests with scripts/test, which installs Debian's chromium and exports LIBERTY_CHROMIUM.");
        }
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            // Root needs --no-sandbox; the rest keep Chromium from reaching for Google's services (no network here).
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        Directory.CreateDirectory(Screenshots);
    }

    /// <summary>A fresh browser context (its own session storage) at phone size.</summary>
    public async Task<IPage> PhoneAsync(string baseUrl, ColorScheme scheme = ColorScheme.Light)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
            DeviceScaleFactor = 2,
            ColorScheme = scheme,
            Locale = "en-US",
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        return page;
    }

    /// <summary>Saves what the phone shows (the viewport) as <c>TestResults/console/NAME.png</c>.</summary>
    public static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png") });

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }
}
