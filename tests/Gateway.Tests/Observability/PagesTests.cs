using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ProcOrleans.Gateway.Dashboard;
using ProcOrleans.Gateway.Tests.Infrastructure;

namespace ProcOrleans.Gateway.Tests.Observability;

public sealed class PagesTests
{
    private const string User = "operator";
    private const string Password = "dashboard-secret-0123";

    [Fact]
    public async Task The_home_page_names_the_service_its_version_and_where_to_go()
    {
        using var node = new GatewayFactory();
        using var http = node.CreateClient();

        using var response = await http.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<h1>ProcOrleans</h1>", html, StringComparison.Ordinal);
        Assert.Contains($"Version <code>{WebUtility.HtmlEncode(Home.HomeApi.Version)}</code>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/docs\">", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/healthz\">", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/console\">", html, StringComparison.Ordinal);
        // Off outside Development unless enabled: no link to a page that is not there.
        Assert.DoesNotContain("/dashboard", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/dashboard/")).StatusCode);
    }

    [Fact]
    public async Task The_dashboard_answers_only_its_credential_and_the_home_page_links_it()
    {
        using var node = new GatewayFactory(settings: new Dictionary<string, string?>
        {
            ["Dashboard:Enabled"] = "true",
            ["Dashboard:UserName"] = User,
            ["Dashboard:Password"] = Password,
        });
        using var http = node.CreateClient();

        Assert.Contains("<a href=\"/dashboard/\">", await http.GetStringAsync("/"), StringComparison.Ordinal);
        foreach (var path in new[] { "/dashboard/", "/dashboard/ClusterStats", "/dashboard/DashboardCounters" })
        {
            using var anonymous = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal("Basic", anonymous.Headers.WwwAuthenticate.Single().Scheme);
            foreach (var (user, password) in new[] { (User, Password + "x"), (User + "x", Password), ("", ""), (User, "") })
            {
                using var wrong = await SendAsync(http, path, $"{user}:{password}");
                Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            }
        }

        using var page = await SendAsync(http, "/dashboard/", $"{User}:{Password}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<html", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        using var counters = await SendAsync(http, "/dashboard/DashboardCounters", $"{User}:{Password}");
        Assert.Equal(HttpStatusCode.OK, counters.StatusCode);
        Assert.Contains("totalActiveHostCount", await counters.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(node.Logs.Lines, l => l.Contains(Password, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, null, "Dashboard:Enabled outside Development needs Dashboard:UserName and Dashboard:Password.")]
    [InlineData("operator", null, "Dashboard:Enabled outside Development needs Dashboard:UserName and Dashboard:Password.")]
    [InlineData("operator", "short", "Dashboard:Password must be at least 12 characters.")]
    [InlineData("op:erator", "dashboard-secret-0123", "Dashboard:UserName cannot contain ':'")]
    public void A_node_with_the_dashboard_enabled_outside_development_refuses_to_start_without_a_credential(string? user, string? password, string failure)
    {
        using var node = new GatewayFactory(settings: new Dictionary<string, string?>
        {
            ["Dashboard:Enabled"] = "true",
            ["Dashboard:UserName"] = user,
            ["Dashboard:Password"] = password,
        });

        var error = Assert.Throws<OptionsValidationException>(() => node.CreateClient());
        Assert.Contains(failure, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_dashboard_is_on_in_development_without_a_credential_and_off_elsewhere_unless_enabled()
    {
        var development = new Environment(Environments.Development);
        var production = new Environment(Environments.Production);
        var validator = new DashboardSettingsValidator(development);

        Assert.True(new DashboardSettings().IsEnabled(development));
        Assert.True(validator.Validate(null, new DashboardSettings()).Succeeded);
        Assert.False(new DashboardSettings { Enabled = false }.IsEnabled(development));
        Assert.False(new DashboardSettings().IsEnabled(production));
        Assert.True(new DashboardSettings { Enabled = true }.IsEnabled(production));
        Assert.True(new DashboardSettingsValidator(production).Validate(null, new DashboardSettings()).Succeeded);
        Assert.False(new DashboardSettingsValidator(production).Validate(null, new DashboardSettings { Enabled = true }).Succeeded);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, string path, string credential)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credential)));
        return http.SendAsync(request);
    }

    private sealed class Environment(string name) : IWebHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "ProcOrleans.Gateway";

        public string WebRootPath { get; set; } = "";

        public Microsoft.Extensions.FileProviders.IFileProvider WebRootFileProvider { get; set; } = null!;

        public string ContentRootPath { get; set; } = "";

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
