using Microsoft.Playwright;

namespace ProcOrleans.Gateway.Tests.Browser;

/// <summary>
/// Debian's headless Chromium (<c>apt-get install chromium</c>), driven by Playwright. Missing Chromium
/// fails the test that needs it: a page nobody looked at is not a passing test.
/// </summary>
internal static class Chromium
{
    /// <summary>The browser to drive: <c>CHROMIUM_PATH</c>, else Debian's.</summary>
    public static string ExecutablePath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        Assert.True(File.Exists(ExecutablePath), $"Chromium is not installed at {ExecutablePath} (apt-get install -y chromium, or set CHROMIUM_PATH).");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // Tests may run as root, where Chromium's sandbox refuses to start.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        return (playwright, browser);
    }

    /// <summary>Where screenshots go: the test's output folder (the README's copies live under docs/).</summary>
    public static string ScreenshotPath(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}
