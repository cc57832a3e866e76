using System.Text.Json.Nodes;
using Microsoft.Playwright;
using ProcOrleans.Gateway.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ProcOrleans.Gateway.Tests.WebConsole;

/// <summary>The instance list pages, sorts and filters on the server: the browser only ever holds one page.</summary>
public sealed class ConsoleListTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    [Fact]
    public async Task The_list_asks_the_api_for_one_page_at_a_time_with_its_filters_sort_and_count()
    {
        var biz = TestBusinesses.Next();
        var instances = new JsonArray();
        for (var i = 1; i <= 25; i++)
        {
            instances.Add(new JsonObject
            {
                ["bk_host_id"] = 100 + (i % 3),
                ["service_instance_name"] = $"svc-{i:00}",
                ["processes"] = new JsonArray(new JsonObject { ["process_info"] = EsbTestClient.Process($"svc-{i:00}") }),
            });
        }

        var created = await fixture.Esb.PostAsync("create_service_instance", new JsonObject
        {
            ["bk_biz_id"] = biz, ["bk_module_id"] = 10, ["instances"] = instances,
        });
        created.AssertSuccess();
        var ids = created.Data!.AsArray().Select(n => n!.GetValue<long>()).ToArray();

        await using var context = await fixture.NewContextAsync();
        var console = new ConsolePage(await context.NewPageAsync(), fixture.BaseAddress);
        var page = console.Page;
        await console.SignInAndOpenAsync(GatewayFactory.AppCode, GatewayFactory.AppSecret, "admin", biz);

        var count = page.Locator(".count");
        var rows = page.Locator("table.list tbody tr");
        await Expect(count).ToHaveTextAsync("1–20 of 25");
        await Expect(rows).ToHaveCountAsync(20);
        await Expect(rows.First.Locator("td").Nth(1)).ToHaveTextAsync(ids[0].ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.Locator(".pager")).ToContainTextAsync("Page 1 of 2");
        await ConsoleFixture.ScreenshotAsync(page, "console-list.png");

        await page.Locator("#page-size").SelectOptionAsync("10");
        await Expect(count).ToHaveTextAsync("1–10 of 25");
        await page.GetByRole(AriaRole.Link, new() { Name = "Next" }).ClickAsync();
        await Expect(count).ToHaveTextAsync("11–20 of 25");
        await Expect(rows.First.Locator("td").Nth(2)).ToHaveTextAsync("svc-11");
        await page.GetByRole(AriaRole.Link, new() { Name = "Next" }).ClickAsync();
        await Expect(count).ToHaveTextAsync("21–25 of 25");
        await Expect(rows).ToHaveCountAsync(5);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Next" })).ToHaveAttributeAsync("aria-disabled", "true");

        await page.Locator("#sort").SelectOptionAsync("-name");
        await Expect(count).ToHaveTextAsync("1–10 of 25");
        await Expect(rows.First.Locator("td").Nth(2)).ToHaveTextAsync("svc-25");

        await page.Locator("#filter-q").FillAsync("svc-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(count).ToHaveTextAsync("1–10 of 10");
        await Expect(rows.First.Locator("td").Nth(2)).ToHaveTextAsync("svc-19");

        // A search holding the address's own separators reaches the API as typed.
        await page.Locator("#filter-q").FillAsync("svc-1&start=5#x");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(count).ToHaveTextAsync("No service instances");
        Assert.Equal("svc-1&start=5#x", console.Calls.Last(c => c.Api == "list_service_instance").Body["search_key"]!.GetValue<string>());
        Assert.Equal(0, console.Calls.Last(c => c.Api == "list_service_instance").Body["page"]!["start"]!.GetValue<int>());
        await page.Locator("#filter-q").FillAsync("svc-1");

        await page.Locator("#filter-hosts").FillAsync("101, 102");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        // svc-10..19 on hosts 101 (i % 3 == 1) or 102 (i % 3 == 2): all but 12, 15 and 18.
        await Expect(count).ToHaveTextAsync("1–7 of 7");

        await page.Locator("#filter-module").FillAsync("20");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(count).ToHaveTextAsync("No service instances");

        // Each screen was one list_service_instance call for one page; the last one carried every filter.
        var lists = console.Calls.Where(c => c.Api == "list_service_instance").Select(c => c.Body).ToList();
        Assert.DoesNotContain(console.Calls, c => c.Api != "list_service_instance");
        Assert.All(lists, body => Assert.InRange(body["page"]!["limit"]!.GetValue<int>(), 1, 20));
        Assert.Equal(
            $$$"""{"bk_biz_id":{{{biz}}},"bk_module_id":20,"bk_host_ids":[101,102],"search_key":"svc-1","page":{"start":0,"limit":10,"sort":"-name"}}""",
            ConsolePage.Json(lists[^1]));
        Assert.Equal(
            $$$"""{"bk_biz_id":{{{biz}}},"page":{"start":10,"limit":10,"sort":"id"}}""",
            ConsolePage.Json(lists.Single(b => b["page"]!["start"]!.GetValue<int>() == 10)));
    }
}
