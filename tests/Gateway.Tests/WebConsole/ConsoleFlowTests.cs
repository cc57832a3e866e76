using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ProcOrleans.Gateway.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ProcOrleans.Gateway.Tests.WebConsole;

/// <summary>
/// A person works through the console in Chromium: signs in, creates an instance with two processes, edits
/// one, meets the API's validation, deletes; after each step the ESB API says what is stored.
/// </summary>
public sealed class ConsoleFlowTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    private static readonly string[] Volatile = ["bk_process_id", "service_instance_id", "create_time", "last_time"];

    [Fact]
    public async Task Sign_in_create_edit_with_a_bad_port_range_add_and_delete_each_step_stored_as_the_api_says()
    {
        var biz = TestBusinesses.Next();
        var esb = fixture.Esb;
        await using var context = await fixture.NewContextAsync("en-US", "America/New_York");
        var console = new ConsolePage(await context.NewPageAsync(), fixture.BaseAddress);
        var page = console.Page;

        // A wrong secret says so, and keeps nothing.
        await console.SignInAsync(GatewayFactory.AppCode, "not-the-secret", "alice");
        var refusal = page.Locator(".sign-in .error[data-code='9900401']");
        await Expect(refusal).ToContainTextAsync("The app code or the app secret is wrong.");
        await Expect(refusal).ToContainTextAsync("app authentication failed");
        Assert.Equal("null", await page.EvaluateAsync<string>("() => String(sessionStorage.getItem('procorleans.console.session'))"));

        await page.GetByLabel("App secret").FillAsync(GatewayFactory.AppSecret);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("header .who")).ToHaveTextAsync($"alice via {GatewayFactory.AppCode}");
        Assert.Null(await page.EvaluateAsync<string?>("() => localStorage.getItem('procorleans.console.session')"));

        // Pick the business: nothing in it yet.
        await page.Locator("#biz-id").FillAsync(biz.ToString(CultureInfo.InvariantCulture));
        await page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
        await Expect(page.Locator(".count")).ToHaveTextAsync("No service instances");

        // Create an instance with two processes.
        await page.GetByRole(AriaRole.Link, new() { Name = "New service instance" }).ClickAsync();
        await page.Locator("#instance-bk_module_id").FillAsync("10");
        await page.Locator("#instance-bk_host_id").FillAsync("100");
        await page.Locator("#instance-service_instance_name").FillAsync("web-1");
        var first = page.Locator(".process-editor[data-process-index='0']");
        await first.Locator("[name=bk_process_name]").FillAsync("job_java");
        await first.Locator("[name=bk_func_name]").FillAsync("java");
        await first.Locator("[name=work_path]").FillAsync("/data/bkee");
        await first.Locator("[name=priority]").FillAsync("1");
        await first.Locator("[name=timeout]").FillAsync("30");
        await first.GetByRole(AriaRole.Button, new() { Name = "Add row" }).ClickAsync();
        await first.Locator("table.bind [name=ip]").FillAsync("127.0.0.1");
        await first.Locator("table.bind [name=port]").FillAsync("8080");
        await first.Locator("table.bind [name=enable]").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add another process" }).ClickAsync();
        var second = page.Locator(".process-editor[data-process-index='1']");
        await second.Locator("[name=bk_process_name]").FillAsync("nginx");
        await second.Locator("[name=bk_func_name]").FillAsync("nginx");
        await second.Locator("[name=auto_start]").CheckAsync();
        await second.GetByRole(AriaRole.Button, new() { Name = "Add row" }).ClickAsync();
        await second.Locator("table.bind [name=port]").FillAsync("80");
        await second.Locator("table.bind [name=protocol]").SelectOptionAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create service instance" }).ClickAsync();

        await Expect(page.Locator(".notice")).ToHaveTextAsync("Created.");
        await Expect(page).ToHaveURLAsync(new Regex($"#/biz/{biz}/instance/\\d+$"));
        var listed = await ListAsync(biz);
        Assert.Equal(1, listed["count"]!.GetValue<int>());
        var instance = listed["info"]![0]!;
        var instanceId = instance["id"]!.GetValue<long>();
        Assert.Equal(("web-1", 10L, 100L, "alice"), (instance["name"]!.GetValue<string>(), instance["bk_module_id"]!.GetValue<long>(),
            instance["bk_host_id"]!.GetValue<long>(), instance["creator"]!.GetValue<string>()));

        var stored = await esb.ListProcessesAsync(biz, instanceId);
        Assert.Equal(["job_java", "nginx"], stored.Select(p => p!["property"]!["bk_process_name"]!.GetValue<string>()));
        Assert.Equal(Expected(biz, "job_java", "java", workPath: "/data/bkee", priority: 1, timeout: 30,
                bind: """[{"enable":true,"ip":"127.0.0.1","port":"8080","protocol":"1"}]"""),
            Stable(stored[0]!));
        Assert.Equal(Expected(biz, "nginx", "nginx", autoStart: true, bind: """[{"enable":false,"ip":"","port":"80","protocol":"2"}]"""),
            Stable(stored[1]!));

        // The instance page shows them as list_process_instance has them, times in the browser's zone.
        var jobId = stored[0]!["property"]!["bk_process_id"]!.GetValue<long>();
        var nginxId = stored[1]!["property"]!["bk_process_id"]!.GetValue<long>();
        var rows = page.Locator("tr.process");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(page.Locator($"tr.process-detail[data-process-id='{jobId}'] table.bind tbody tr")).ToHaveTextAsync(["127.0.0.1" + "8080" + "TCP" + "yes"]);
        await Expect(page.Locator($"tr.process-detail[data-process-id='{nginxId}'] table.bind tbody tr")).ToHaveTextAsync(["80UDPno"]);
        var lastTime = stored[0]!["property"]!["last_time"]!.GetValue<string>();
        await Expect(page.Locator($"tr.process[data-process-id='{jobId}'] time")).ToHaveTextAsync(InNewYork(lastTime));
        await ConsoleFixture.ScreenshotAsync(page, "console-instance.png");

        // Edit the first: a reversed port range is the API's 1199006 at the bind rows, and nothing changes.
        await page.Locator($"tr.process[data-process-id='{jobId}']").GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync($"Process {jobId}: job_java");
        await page.Locator("#process-start_cmd").FillAsync("./bin/start.sh");
        await page.Locator("table.bind [name=port]").FillAsync("90-80");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.Locator("#process-bind_info-error")).ToHaveTextAsync("'bind_info' data parameter verification does not pass");
        await Expect(page.Locator(".error[data-code='1199006'] .error-message")).ToHaveTextAsync("'bind_info' data parameter verification does not pass");
        Assert.Equal(stored.ToJsonString(), (await esb.ListProcessesAsync(biz, instanceId)).ToJsonString());
        await ConsoleFixture.ScreenshotAsync(page, "console-process-error.png");

        await page.Locator("table.bind [name=port]").FillAsync("9000-9010");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.Locator(".notice")).ToHaveTextAsync("Saved.");
        var edited = await esb.ListProcessesAsync(biz, instanceId);
        Assert.Equal(Expected(biz, "job_java", "java", workPath: "/data/bkee", priority: 1, timeout: 30, startCmd: "./bin/start.sh",
                bind: """[{"enable":true,"ip":"127.0.0.1","port":"9000-9010","protocol":"1"}]"""),
            Stable(edited[0]!));
        Assert.Equal(stored[1]!.ToJsonString(), edited[1]!.ToJsonString());
        var update = console.Calls.Last(c => c.Api == "update_process_instance").Body;
        Assert.Equal(biz, update["bk_biz_id"]!.GetValue<long>());
        Assert.Equal(jobId, update["processes"]![0]!["bk_process_id"]!.GetValue<long>());

        // Add a third: a name already used in the instance is the API's 1199014 at the name.
        await page.GetByRole(AriaRole.Link, new() { Name = "Add process" }).ClickAsync();
        await page.Locator("#process-bk_process_name").FillAsync("job_java");
        await page.Locator("#process-bk_func_name").FillAsync("cron");
        var add = page.Locator("form.process-form button[type=submit]");
        await add.ClickAsync();
        await Expect(page.Locator("#process-bk_process_name-error")).ToHaveTextAsync(
            $"duplicated instances exist, fields [service_instance_id: {instanceId}, bk_process_name: \"job_java\"] duplicated");
        Assert.Equal(2, (await esb.ListProcessesAsync(biz, instanceId)).Count);
        await page.Locator("#process-bk_process_name").FillAsync("cron");
        await add.ClickAsync();
        await Expect(page.Locator(".notice")).ToHaveTextAsync("Created.");
        await Expect(page.Locator("tr.process")).ToHaveCountAsync(3);
        var three = await esb.ListProcessesAsync(biz, instanceId);
        Assert.Equal(["job_java", "nginx", "cron"], three.Select(p => p!["property"]!["bk_process_name"]!.GetValue<string>()));
        Assert.Equal(Expected(biz, "cron", "cron", bind: "null"), Stable(three[2]!));
        var cronId = three[2]!["property"]!["bk_process_id"]!.GetValue<long>();

        // Delete the second and the third, with a confirmation.
        await page.GetByLabel($"Select {nginxId}").CheckAsync();
        await page.GetByLabel($"Select {cronId}").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete selected" }).ClickAsync();
        await console.ConfirmAsync("Delete 2 processes?");
        await Expect(page.Locator(".notice")).ToHaveTextAsync("Deleted 2 processes.");
        await Expect(page.Locator("tr.process")).ToHaveCountAsync(1);
        Assert.Equal([jobId], (await esb.ListProcessesAsync(biz, instanceId)).Select(p => p!["property"]!["bk_process_id"]!.GetValue<long>()));

        // Delete the instance: cancelling keeps it, confirming deletes it and its process.
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete service instance" }).ClickAsync();
        await page.Locator("dialog.confirm").GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        Assert.Equal(1, (await ListAsync(biz))["count"]!.GetValue<int>());
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete service instance" }).ClickAsync();
        await console.ConfirmAsync("Delete 1 service instance?");
        await Expect(page.Locator(".notice")).ToHaveTextAsync("Deleted 1 service instance.");
        await Expect(page.Locator(".count")).ToHaveTextAsync("No service instances");
        Assert.Equal(0, (await ListAsync(biz))["count"]!.GetValue<int>());
        Assert.Empty(await esb.ListProcessesAsync(biz, instanceId));

        // Every call went through the ESB with the header, none with credentials in the body; nothing left the node.
        Assert.All(console.Calls, c => Assert.False(c.Body.ContainsKey("bk_app_secret")));
        Assert.Empty(console.ForeignRequests);
    }

    private async Task<JsonNode> ListAsync(long biz)
    {
        var envelope = await fixture.Esb.PostAsync("list_service_instance", new JsonObject { ["bk_biz_id"] = biz });
        envelope.AssertSuccess();
        return envelope.Data!;
    }

    /// <summary>A stored process's property without the keys the server sets.</summary>
    private static string Stable(JsonNode process)
    {
        var property = process["property"]!.DeepClone().AsObject();
        foreach (var key in Volatile)
        {
            property.Remove(key);
        }

        return property.ToJsonString();
    }

    /// <summary>What the console stores for a form with these values and everything else untouched.</summary>
    private static string Expected(long biz, string name, string funcName, string bind, string workPath = "", long? priority = null,
        long? timeout = null, bool autoStart = false, string startCmd = "") =>
        new JsonObject
        {
            ["auto_start"] = autoStart, ["auto_time_gap"] = null, ["bind_info"] = JsonNode.Parse(bind), ["bk_biz_id"] = biz,
            ["bk_func_id"] = "", ["bk_func_name"] = funcName, ["bk_process_name"] = name, ["bk_start_check_secs"] = null,
            ["bk_start_param_regex"] = "", ["bk_supplier_account"] = "0", ["description"] = "", ["face_stop_cmd"] = "",
            ["pid_file"] = "", ["priority"] = priority, ["proc_num"] = null, ["reload_cmd"] = "", ["restart_cmd"] = "",
            ["start_cmd"] = startCmd, ["stop_cmd"] = "", ["timeout"] = timeout, ["user"] = "", ["work_path"] = workPath,
        }.ToJsonString();

    private static string InNewYork(string apiTime)
    {
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.Parse(apiTime, CultureInfo.InvariantCulture),
            TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        return local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + (local.Offset == TimeSpan.FromHours(-5) ? " EST" : " EDT");
    }
}
