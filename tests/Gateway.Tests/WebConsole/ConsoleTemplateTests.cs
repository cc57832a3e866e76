using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using ProcOrleans.Gateway.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ProcOrleans.Gateway.Tests.WebConsole;

/// <summary>
/// Template-made instances and processes are marked, cannot be deleted or added to, and their locked
/// fields are read-only. The rows are written as a template sync would write them.
/// </summary>
public sealed class ConsoleTemplateTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    private const long ServiceTemplateId = 42;
    private const long ProcessTemplateId = 9;

    private (long Instance, long Process) InsertTemplated(long biz)
    {
        var instance = 880_000_000 + TestBusinesses.Next();
        var process = instance + 1_000_000_000;
        using var connection = new SqliteConnection($"Data Source={fixture.Factory.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO service_instances (id, name, bk_biz_id, bk_module_id, bk_host_id, service_template_id, labels,
                creator, modifier, create_time, last_time, bk_supplier_account, version)
            VALUES ($instance, 'from-template', $biz, 10, 100, $serviceTemplate, NULL, 'admin', 'admin', 0, 0, '0', 1);
            INSERT INTO processes (bk_process_id, service_instance_id, bk_biz_id, bk_host_id, process_template_id, bk_supplier_account,
                bk_process_name, bk_func_name, bk_start_param_regex, start_cmd, "user", bind_info, create_time, last_time)
            VALUES ($process, $instance, $biz, 100, $processTemplate, '0', 'templated', 'java', '', './run', 'root',
                '[{"enable":true,"ip":"127.0.0.1","port":"8080","protocol":"1","template_row_id":1}]', 0, 0);
            """;
        command.Parameters.AddWithValue("$instance", instance);
        command.Parameters.AddWithValue("$process", process);
        command.Parameters.AddWithValue("$biz", biz);
        command.Parameters.AddWithValue("$serviceTemplate", ServiceTemplateId);
        command.Parameters.AddWithValue("$processTemplate", ProcessTemplateId);
        command.ExecuteNonQuery();
        return (instance, process);
    }

    [Fact]
    public async Task A_template_made_instance_is_marked_and_its_process_can_be_neither_deleted_nor_changed_while_no_template_answers()
    {
        var biz = TestBusinesses.Next();
        var (instance, process) = InsertTemplated(biz);
        await using var context = await fixture.NewContextAsync();
        var console = new ConsolePage(await context.NewPageAsync(), fixture.BaseAddress);
        var page = console.Page;
        await console.SignInAndOpenAsync(GatewayFactory.AppCode, GatewayFactory.AppSecret, "admin", biz);
        await Expect(page.Locator($"tr[data-instance-id='{instance}'] .badge.template")).ToHaveTextAsync($"template {ServiceTemplateId}");

        await page.GetByRole(AriaRole.Link, new() { Name = "from-template" }).ClickAsync();
        await Expect(page.Locator("h1 .badge.template")).ToHaveTextAsync($"template {ServiceTemplateId}");
        await Expect(page.Locator(".button.disabled", new() { HasText = "Add process" })).ToHaveAttributeAsync("aria-disabled", "true");
        await Expect(page.Locator($"tr.process[data-process-id='{process}'] .badge.template")).ToHaveTextAsync($"template {ProcessTemplateId}");
        await Expect(page.GetByLabel($"Select {process}")).ToBeDisabledAsync();

        await page.Locator($"tr.process[data-process-id='{process}']").GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        await Expect(page.Locator("h1 .badge.template")).ToHaveTextAsync($"template {ProcessTemplateId}");
        foreach (var key in new[] { "bk_process_name", "bk_func_name", "start_cmd", "user", "work_path", "priority" })
        {
            await Expect(page.Locator($"#process-{key}")).Not.ToBeEditableAsync();
        }

        await Expect(page.Locator("#process-auto_start")).ToBeDisabledAsync();
        await Expect(page.Locator("table.bind [name=port]")).Not.ToBeEditableAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add row" })).ToBeDisabledAsync();
        Assert.Contains(console.Calls, c => c.Api == "get_proc_template"
            && c.Body["process_template_id"]!.GetValue<long>() == ProcessTemplateId && c.Body["bk_biz_id"]!.GetValue<long>() == biz);
    }

    [Fact]
    public async Task Once_get_proc_template_answers_only_the_fields_it_locks_and_both_names_are_read_only()
    {
        var biz = TestBusinesses.Next();
        var (instance, process) = InsertTemplated(biz);
        await using var context = await fixture.NewContextAsync();
        var console = new ConsolePage(await context.NewPageAsync(), fixture.BaseAddress);
        var page = console.Page;

        // The node does not serve templates yet: the browser gets TEMPLATES.md's shape of get_proc_template.
        var template = new JsonObject
        {
            ["result"] = true, ["code"] = 0, ["message"] = "success", ["permission"] = null, ["request_id"] = "0",
            ["data"] = new JsonObject
            {
                ["id"] = ProcessTemplateId, ["bk_process_name"] = "templated", ["bk_biz_id"] = biz, ["service_template_id"] = ServiceTemplateId,
                ["property"] = new JsonObject
                {
                    ["bk_process_name"] = Flag("templated", true), ["bk_func_name"] = Flag("java", false),
                    ["start_cmd"] = Flag("./run", false), ["user"] = Flag("root", true), ["priority"] = Flag(null, null),
                    ["bind_info"] = new JsonObject
                    {
                        ["value"] = new JsonArray(new JsonObject
                        {
                            ["row_id"] = 1, ["ip"] = Flag("1", false), ["port"] = Flag("8080", true),
                            ["protocol"] = Flag("1", true), ["enable"] = Flag(true, false),
                        }),
                        ["as_default_value"] = null,
                    },
                },
            },
        };
        await page.RouteAsync("**/api/c/compapi/v2/cc/get_proc_template/", route =>
            route.FulfillAsync(new RouteFulfillOptions { ContentType = "application/json", Body = template.ToJsonString() }));

        await console.SignInAndOpenAsync(GatewayFactory.AppCode, GatewayFactory.AppSecret, "admin", biz);
        await page.GotoAsync($"/console/#/biz/{biz}/instance/{instance}/process/{process}");
        await Expect(page.Locator("#process-start_cmd")).ToBeEditableAsync();
        await Expect(page.Locator("#process-start_cmd")).ToHaveValueAsync("./run");
        await Expect(page.Locator("#process-priority")).ToBeEditableAsync();
        await Expect(page.Locator("#process-user")).Not.ToBeEditableAsync();
        await Expect(page.Locator("#process-bk_process_name")).Not.ToBeEditableAsync();
        await Expect(page.Locator("#process-bk_func_name")).Not.ToBeEditableAsync();
        await Expect(page.Locator(".field.locked")).ToHaveCountAsync(3);
        await Expect(page.Locator("table.bind [name=ip]")).ToBeEditableAsync();
        await Expect(page.Locator("table.bind [name=port]")).Not.ToBeEditableAsync();
        await Expect(page.Locator("table.bind [name=protocol]")).ToBeDisabledAsync();
        await Expect(page.Locator("table.bind [name=enable]")).ToBeEnabledAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add row" })).ToBeDisabledAsync();
    }

    private static JsonObject Flag(JsonNode? value, bool? locked) => new() { ["value"] = value, ["as_default_value"] = locked };
}
