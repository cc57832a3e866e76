using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ProcOrleans.Gateway.Tests.WebConsole;

/// <summary>Steps a person takes in the console, and the ESB calls the page made.</summary>
public sealed class ConsolePage
{
    private readonly List<(string Api, JsonObject Body)> _calls = [];
    private readonly List<string> _foreign = [];

    public ConsolePage(IPage page, Uri origin)
    {
        Page = page;
        page.Request += (_, request) =>
        {
            var url = new Uri(request.Url);
            if (url.Scheme is "http" or "https" && url.Authority != origin.Authority)
            {
                _foreign.Add(request.Url);
            }

            const string prefix = "/api/c/compapi/v2/cc/";
            if (url.AbsolutePath.StartsWith(prefix, StringComparison.Ordinal) && request.PostData is { } data)
            {
                _calls.Add((url.AbsolutePath[prefix.Length..].TrimEnd('/'), JsonNode.Parse(data)!.AsObject()));
            }
        };
    }

    public IPage Page { get; }

    /// <summary>Every ESB call the browser made: the API name and the body.</summary>
    public IReadOnlyList<(string Api, JsonObject Body)> Calls => _calls;

    /// <summary>Requests that left the node's origin (the console must make none).</summary>
    public IReadOnlyList<string> ForeignRequests => _foreign;

    public async Task SignInAsync(string appCode, string appSecret, string userName)
    {
        await Page.GotoAsync("/console");
        await Page.Locator("#app-code").FillAsync(appCode);
        await Page.Locator("#app-secret").FillAsync(appSecret);
        await Page.Locator("#user-name").FillAsync(userName);
        await Page.Locator(".sign-in button[type=submit]").ClickAsync();
    }

    public async Task SignInAndOpenAsync(string appCode, string appSecret, string userName, long bizId)
    {
        await SignInAsync(appCode, appSecret, userName);
        await Expect(Page.Locator("header .who")).ToContainTextAsync(userName);
        await Page.GotoAsync($"/console/#/biz/{bizId}");
        await Expect(Page.Locator(".count")).ToBeVisibleAsync();
    }

    /// <summary>Clicks the dialog's confirm button.</summary>
    public async Task ConfirmAsync(string expectedTitle)
    {
        var dialog = Page.Locator("dialog.confirm");
        await Expect(dialog.Locator("h2")).ToHaveTextAsync(expectedTitle);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
    }

    /// <summary>The value of a JSON node as the console sent or the API stored it, for exact comparisons.</summary>
    public static string Json(JsonNode? node) => node?.ToJsonString(new JsonSerializerOptions { WriteIndented = false }) ?? "null";
}
