using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using ProcOrleans.Gateway.Tests.Infrastructure;

namespace ProcOrleans.Gateway.Tests.WebConsole;

/// <summary>How the gateway serves the console's files, and that they need nothing from elsewhere.</summary>
public sealed partial class ConsoleFilesTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "console");

    [Fact]
    public async Task Console_redirects_to_its_folder_and_serves_the_page_with_a_same_origin_policy()
    {
        using var http = fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var redirect = await http.GetAsync("/console");
        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal("/console/", redirect.Headers.Location!.OriginalString[^"/console/".Length..]);

        using var page = await http.GetAsync("/console/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<script type=\"module\" src=\"js/app.js\"></script>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
            page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-cache", page.Headers.CacheControl!.ToString());

        using var script = await http.GetAsync("/console/js/app.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType!.MediaType);

        using var missing = await http.GetAsync("/console/js/none.js");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task The_api_is_unchanged_beside_the_console()
    {
        var esb = fixture.Factory.CreateEsbClient();
        (await esb.PostAsync("list_process_instance", new System.Text.Json.Nodes.JsonObject { ["bk_biz_id"] = 1 })).AssertError(1199006);
        await esb.PostRawAsync("console", "{}", expectedStatus: HttpStatusCode.NotFound);
    }

    [Fact]
    public void Every_file_of_the_console_is_local_and_every_import_relative()
    {
        var files = Directory.GetFiles(Root, "*", SearchOption.AllDirectories);
        Assert.Contains(files, f => f.EndsWith("index.html", StringComparison.Ordinal));
        Assert.True(files.Count(f => f.EndsWith(".js", StringComparison.Ordinal)) >= 10);
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            Assert.False(ExternalUrl().IsMatch(text), $"{file} names another origin");
            Assert.False(BareImport().IsMatch(text), $"{file} imports a package instead of a file");
        }
    }

    [GeneratedRegex(@"(https?:)?//[a-z0-9-]+\.[a-z]", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalUrl();

    [GeneratedRegex(@"\bfrom\s+'(?!\.\.?/)")]
    private static partial Regex BareImport();
}
