using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ProcOrleans.Gateway.Tests.Infrastructure;

namespace ProcOrleans.Gateway.Tests.Browser;

/// <summary>What a person sees at /docs and /dashboard, in a real browser against a node on a real port.</summary>
public sealed class PagesInBrowserTests : IAsyncLifetime
{
    private const string DashboardUser = "operator";
    private const string DashboardPassword = "dashboard-secret-0123";

    private readonly GatewayFactory _node = new(settings: new Dictionary<string, string?>
    {
        ["Dashboard:Enabled"] = "true",
        ["Dashboard:UserName"] = DashboardUser,
        ["Dashboard:Password"] = DashboardPassword,
    });

    private static readonly string[] EsbApis =
    [
        "create_process_instance", "list_process_instance", "update_process_instance", "delete_process_instance",
        "list_process_detail_by_ids", "create_service_instance", "list_service_instance", "list_service_instance_detail",
        "delete_service_instance",
    ];

    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private Uri _base = null!;

    public async Task InitializeAsync()
    {
        _node.UseKestrel(0);
        _node.StartServer();
        _base = _node.CreateClient().BaseAddress!;
        (_playwright, _browser) = await Chromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        _node.Dispose();
    }

    [Fact]
    public async Task The_api_reference_lists_every_api_and_shows_the_seed_example()
    {
        var page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var response = await page.GotoAsync(new Uri(_base, "docs").ToString());
        Assert.Equal(200, response!.Status);

        foreach (var api in EsbApis)
        {
            await Assertions.Expect(page.GetByText(api, new PageGetByTextOptions { Exact = true }).First)
                .ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 30_000 });
        }

        await Assertions.Expect(page.GetByText("native", new PageGetByTextOptions { Exact = true }).First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("docs.png") });

        // The seed document's request, ready to send from the page.
        await page.GetByText("create_process_instance", new PageGetByTextOptions { Exact = true }).First.ClickAsync();
        await Assertions.Expect(page.GetByText("job_java").First).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 30_000 });
    }

    [Fact]
    public async Task The_dashboard_shows_the_silo_behind_its_credential()
    {
        var esb = _node.CreateEsbClient();
        await esb.CreateServiceInstanceAsync();

        // Without the credential the browser gets the challenge, not the page.
        var anonymous = await _browser.NewPageAsync();
        var refused = await anonymous.APIRequest.GetAsync(new Uri(_base, "dashboard/").ToString());
        Assert.Equal(401, refused.Status);
        Assert.StartsWith("Basic ", refused.Headers["www-authenticate"], StringComparison.Ordinal);
        Assert.DoesNotContain("Orleans Dashboard", await refused.TextAsync(), StringComparison.Ordinal);

        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            HttpCredentials = new HttpCredentials { Username = DashboardUser, Password = DashboardPassword },
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(new Uri(_base, "dashboard/").ToString());
        Assert.Equal(200, response!.Status);

        // One node: one active silo, counted by the dashboard's own polling of the cluster.
        var overview = page.Locator("body");
        await ShowsAsync(overview, new Regex(@"ACTIVE SILOS\s+1\s", RegexOptions.IgnoreCase));
        await ShowsAsync(overview, new Regex(@"TOTAL ACTIVATIONS\s+[1-9]", RegexOptions.IgnoreCase));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("dashboard.png") });

        await page.GetByText("Grains", new PageGetByTextOptions { Exact = true }).First.ClickAsync();
        await ShowsAsync(overview, new Regex("ServiceInstanceGrain", RegexOptions.None));
    }

    /// <summary>Waits until the element's visible text (as a person reads it) matches.</summary>
    private static async Task ShowsAsync(ILocator element, Regex pattern)
    {
        var text = "";
        for (var attempt = 0; attempt < 60; attempt++)
        {
            text = await element.InnerTextAsync();
            if (pattern.IsMatch(text))
            {
                return;
            }

            await Task.Delay(500);
        }

        Assert.Fail($"The page never showed {pattern}; it showed:\n{text}");
    }
}
