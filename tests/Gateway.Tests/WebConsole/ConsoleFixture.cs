using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ProcOrleans.Gateway.Tests.Infrastructure;

namespace ProcOrleans.Gateway.Tests.WebConsole;

/// <summary>
/// A gateway node on a real Kestrel port and a headless Chromium driving it. The browser is Debian's
/// <c>chromium</c> (or <c>CHROMIUM_PATH</c>); without it these tests fail, they never pass unseen.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public GatewayFactory Factory { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>An ESB client as the test app, to check what the API stores after each step.</summary>
    public EsbTestClient Esb { get; private set; } = null!;

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"No Chromium at {ChromiumPath}: install Debian's package (apt-get install chromium) or set CHROMIUM_PATH.");
        }

        Factory.UseKestrel(0);
        Factory.StartServer();
        var addresses = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        Esb = new EsbTestClient(new HttpClient { BaseAddress = BaseAddress }, GatewayFactory.AppCode, GatewayFactory.AppSecret);

        // Waits, not speed checks: a shared two-core machine may take seconds to render a page.
        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
        });
    }

    /// <summary>A fresh browser profile (own sessionStorage) with a language and a time zone.</summary>
    public async Task<IBrowserContext> NewContextAsync(string locale = "en-US", string timeZone = "America/New_York")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            Locale = locale,
            TimezoneId = timeZone,
            ViewportSize = new ViewportSize { Width = 1360, Height = 900 },
        });
        context.SetDefaultTimeout(30_000);
        return context;
    }

    /// <summary>
    /// Saves a screenshot for the README when <c>CONSOLE_SCREENSHOTS</c> names a folder (e.g. <c>docs</c>);
    /// otherwise into the test output, so that a run never changes the repository.
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("CONSOLE_SCREENSHOTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name), FullPage = true });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        Esb?.Http.Dispose();
        await Factory.DisposeAsync();
    }
}
