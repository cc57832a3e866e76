using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using ProcOrleans.Gateway.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ProcOrleans.Gateway.Tests.WebConsole;

/// <summary>The API's refusals reach the person in words: in the browser's language, at the field, with what permission is missing.</summary>
public sealed class ConsoleErrorTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    [Fact]
    public async Task A_chinese_browser_gets_the_apis_chinese_messages_at_the_field_of_the_process_that_failed()
    {
        var biz = TestBusinesses.Next();
        await using var context = await fixture.NewContextAsync("zh-CN", "Asia/Shanghai");
        var console = new ConsolePage(await context.NewPageAsync(), fixture.BaseAddress);
        var page = console.Page;
        await console.SignInAndOpenAsync(GatewayFactory.AppCode, GatewayFactory.AppSecret, "admin", biz);
        await Expect(page.Locator(".count")).ToHaveTextAsync("没有服务实例");

        await page.GetByRole(AriaRole.Link, new() { Name = "新建服务实例" }).ClickAsync();
        await page.Locator("#instance-bk_module_id").FillAsync("10");
        await page.Locator("#instance-bk_host_id").FillAsync("100");
        await page.Locator("#p0-bk_func_name").FillAsync("java");
        await page.GetByRole(AriaRole.Button, new() { Name = "再添加一个进程" }).ClickAsync();
        await page.Locator("#p1-bk_process_name").FillAsync("worker");
        await page.Locator("#p1-bk_func_name").FillAsync("python");
        await page.Locator("#p1-priority").FillAsync("high");
        var create = page.GetByRole(AriaRole.Button, new() { Name = "创建服务实例" });

        // The first process has no name: 1199010 at its name.
        await create.ClickAsync();
        await Expect(page.Locator("#p0-bk_process_name-error")).ToHaveTextAsync("'bk_process_name' 未赋值");
        await Expect(page.Locator("#p0-bk_process_name")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator(".error[data-code='1199010'] .error-code")).ToContainTextAsync("错误码 1199010");

        // Named now: the second one's priority is not an integer, 1199009 at the second process.
        await page.Locator("#p0-bk_process_name").FillAsync("job_java");
        await create.ClickAsync();
        await Expect(page.Locator("#p1-priority-error")).ToHaveTextAsync("'priority' 参数必须为整数类型");
        await Expect(page.Locator("#p0-bk_process_name-error")).ToBeHiddenAsync();
        Assert.Equal(JsonValue.Create("high").ToJsonString(),
            console.Calls.Last(c => c.Api == "create_service_instance").Body["instances"]![0]!["processes"]![1]!["process_info"]!["priority"]!.ToJsonString());

        // A host that is not a number is the instance's own field.
        await page.Locator("#p1-priority").FillAsync("5");
        await page.Locator("#instance-bk_host_id").FillAsync("");
        await create.ClickAsync();
        await Expect(page.Locator("#instance-bk_host_id-error")).ToHaveTextAsync("'bk_host_id' 参数必须为整数类型");

        var listed = await fixture.Esb.PostAsync("list_service_instance", new JsonObject { ["bk_biz_id"] = biz });
        Assert.Equal(0, listed.Data!["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Without_a_grant_a_write_says_which_permission_is_missing_and_changes_nothing()
    {
        var biz = TestBusinesses.Next();
        var existing = await fixture.Esb.CreateServiceInstanceAsync(biz, name: "kept");
        await using var context = await fixture.NewContextAsync();
        var console = new ConsolePage(await context.NewPageAsync(), fixture.BaseAddress);
        var page = console.Page;
        await console.SignInAndOpenAsync(GatewayFactory.ReadOnlyAppCode, GatewayFactory.ReadOnlyAppSecret, "bob", biz);
        await Expect(page.Locator(".count")).ToHaveTextAsync("1–1 of 1");
        var before = fixture.Factory.SnapshotStorage();

        await page.GetByLabel($"Select {existing}").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete selected" }).ClickAsync();
        await console.ConfirmAsync("Delete 1 service instance?");
        var denied = page.Locator(".error[data-code='9900403']");
        await Expect(denied.Locator(".error-title")).ToHaveTextAsync("You do not have the permission for this.");
        await Expect(denied.Locator(".error-message")).ToHaveTextAsync("Do not have access permission.");
        await Expect(denied.Locator("ul.missing li")).ToHaveTextAsync(
            [$"Missing: delete service instances (delete_biz_service_instance) on 业务 (biz) {biz}"]);

        await page.GetByRole(AriaRole.Link, new() { Name = "New service instance" }).ClickAsync();
        await page.Locator("#instance-bk_module_id").FillAsync("10");
        await page.Locator("#instance-bk_host_id").FillAsync("100");
        await page.Locator("#p0-bk_process_name").FillAsync("p");
        await page.Locator("#p0-bk_func_name").FillAsync("p");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create service instance" }).ClickAsync();
        await Expect(denied.Locator("ul.missing li")).ToHaveTextAsync(
            [$"Missing: create service instances (create_biz_service_instance) on 业务 (biz) {biz}"]);

        Assert.Equal(before, fixture.Factory.SnapshotStorage());
    }

    [Fact]
    public async Task A_secret_that_stops_working_mid_session_signs_the_person_out_and_says_why()
    {
        var biz = TestBusinesses.Next();
        await using var context = await fixture.NewContextAsync();
        var console = new ConsolePage(await context.NewPageAsync(), fixture.BaseAddress);
        var page = console.Page;
        await console.SignInAndOpenAsync(GatewayFactory.AppCode, GatewayFactory.AppSecret, "admin", biz);

        // As if the secret had been rotated: the next call answers 9900401.
        await page.EvaluateAsync("""
            () => {
              const key = 'procorleans.console.session';
              const s = JSON.parse(sessionStorage.getItem(key));
              sessionStorage.setItem(key, JSON.stringify({ ...s, appSecret: 'rotated' }));
            }
            """);
        await page.GotoAsync($"/console/#/biz/{biz}?start=0&limit=" + 50.ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator(".sign-in .notice")).ToContainTextAsync("The app code or the app secret is wrong. (app authentication failed)");
        Assert.Equal("null", await page.EvaluateAsync<string>("() => String(sessionStorage.getItem('procorleans.console.session'))"));
    }
}
