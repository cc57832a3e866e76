using System.Text.Json;
using ProcOrleans.Grains.Errors;
using ProcOrleans.Grains.Processes;

namespace ProcOrleans.Grains.Tests.Processes;

public sealed class ProcessInputParserTests
{
    private static ProcessInput Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return ProcessInputParser.ParseProperties(document.RootElement.Clone());
    }

    private static (int Code, string Message) ErrorOf(string json)
    {
        var error = Parse(json).Error ?? throw new Xunit.Sdk.XunitException($"{json} was accepted");
        return (error.Code, error.Message);
    }

    [Fact]
    public void Absent_keys_get_their_defaults_and_strings_are_trimmed()
    {
        var properties = Parse("""{"bk_process_name": "  job_java ", "bk_func_name": "\tjava\n"}""").GetOrThrow();

        Assert.Equal(new ProcessProperties { BkProcessName = "job_java", BkFuncName = "java" }, properties with { BindInfo = null });
        Assert.Equal("", properties.Description);
        Assert.Equal("", properties.BkStartParamRegex);
        Assert.Null(properties.Priority);
        Assert.Null(properties.BindInfo);
        Assert.False(properties.AutoStart);
    }

    [Fact]
    public void Explicit_nulls_are_kept_and_unknown_and_server_owned_keys_are_ignored()
    {
        var properties = Parse("""
            {"bk_process_name": "p", "bk_func_name": "f", "description": null, "auto_start": null, "priority": null,
             "bind_info": null, "bk_process_id": "not even a number", "bk_biz_id": [], "no_such_key": {}}
            """).GetOrThrow();

        Assert.Null(properties.Description);
        Assert.Null(properties.AutoStart);
        Assert.Null(properties.Priority);
        Assert.Null(properties.BindInfo);
    }

    [Fact]
    public void Every_attribute_is_read()
    {
        var properties = Parse("""
            {"bk_process_name": "p", "bk_func_name": "f", "bk_func_id": "id", "description": "d", "user": "u",
             "work_path": "/w", "start_cmd": "s", "stop_cmd": "t", "restart_cmd": "r", "face_stop_cmd": "k",
             "reload_cmd": "l", "pid_file": "/p", "bk_start_param_regex": "x", "proc_num": 10000, "priority": -100,
             "timeout": 0, "auto_time_gap": 30.0, "bk_start_check_secs": 600, "auto_start": true,
             "bind_info": [{"ip": "::1", "port": "8000-8010", "protocol": "3", "enable": true, "template_row_id": 4},
                           {"ip": "", "port": "65535", "protocol": "2", "enable": false}]}
            """).GetOrThrow();

        var expected = new ProcessProperties
        {
            BkProcessName = "p", BkFuncName = "f", BkFuncId = "id", Description = "d", User = "u", WorkPath = "/w",
            StartCmd = "s", StopCmd = "t", RestartCmd = "r", FaceStopCmd = "k", ReloadCmd = "l", PidFile = "/p",
            BkStartParamRegex = "x", ProcNum = 10000, Priority = -100, Timeout = 0, AutoTimeGap = 30,
            BkStartCheckSecs = 600, AutoStart = true,
            BindInfo = [new BindInfoRow("::1", "8000-8010", "3", true, 4), new BindInfoRow("", "65535", "2", false, null)],
        };
        Assert.True(expected.SameAs(properties));
    }

    public static TheoryData<string, int, string> Failures => new()
    {
        { """{"bk_func_name": "f"}""", 1199010, "'bk_process_name' unassigned" },
        { """{"bk_process_name": " ", "bk_func_name": "f"}""", 1199010, "'bk_process_name' unassigned" },
        { """{"bk_process_name": "p", "bk_func_name": null}""", 1199010, "'bk_func_name' unassigned" },
        { """{"bk_process_name": 1, "bk_func_name": "f"}""", 1199007, "'bk_process_name' must be a string type" },
        { """{"bk_process_name": "p", "bk_func_name": "f", "pid_file": true}""", 1199007, "'pid_file' must be a string type" },
        { """{"bk_process_name": "p", "bk_func_name": "f", "user": "{{257}}"}""", 1199015, "'user' data out of bounds" },
        { """{"bk_process_name": "{{257}}", "bk_func_name": "f"}""", 1199015, "'bk_process_name' data out of bounds" },
        { """{"bk_process_name": "p", "bk_func_name": "f", "start_cmd": "{{2001}}"}""", 1199015, "'start_cmd' data out of bounds" },
        { """{"bk_process_name": "p", "bk_func_name": "f", "timeout": "30"}""", 1199009, "'timeout' parameters must be integral" },
        { """{"bk_process_name": "p", "bk_func_name": "f", "timeout": 1.5}""", 1199009, "'timeout' parameters must be integral" },
        { """{"bk_process_name": "p", "bk_func_name": "f", "proc_num": 10001}""", 1199006, "'proc_num' data parameter verification does not pass" },
        { """{"bk_process_name": "p", "bk_func_name": "f", "priority": -101}""", 1199006, "'priority' data parameter verification does not pass" },
        { """{"bk_process_name": "p", "bk_func_name": "f", "bk_start_check_secs": 601}""", 1199006, "'bk_start_check_secs' data parameter verification does not pass" },
        { """{"bk_process_name": "p", "bk_func_name": "f", "auto_start": 1}""", 1199025, "'auto_start' must be boolean" },
        { """{"bk_process_name": "p", "bk_func_name": "f", "bind_info": {}}""", 1199006, "'bind_info' data parameter verification does not pass" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void A_bad_attribute_gets_its_code(string json, int code, string message)
    {
        var expanded = json.Replace("{{257}}", new string('x', 257), StringComparison.Ordinal)
            .Replace("{{2001}}", new string('y', 2001), StringComparison.Ordinal);
        Assert.Equal((code, message), ErrorOf(expanded));
    }

    [Fact]
    public void Limits_count_utf8_bytes_after_trimming()
    {
        // 85 three-byte characters are 255 bytes; 86 are 258.
        Assert.NotNull(Parse($$"""{"bk_process_name": "  {{new string('进', 85)}}  ", "bk_func_name": "f"}""").Properties);
        Assert.Equal(1199015, ErrorOf($$"""{"bk_process_name": "{{new string('进', 86)}}", "bk_func_name": "f"}""").Code);
    }

    [Theory]
    // Earlier categories win whatever the key order in the body.
    [InlineData("""{"auto_start": 1, "priority": "x", "user": 5, "bk_func_name": "f"}""", 1199010, "bk_process_name")]
    [InlineData("""{"auto_start": 1, "priority": "x", "user": 5, "bk_process_name": "p", "bk_func_name": "f"}""", 1199007, "user")]
    [InlineData("""{"auto_start": 1, "priority": 10001, "timeout": "x", "bk_process_name": "p", "bk_func_name": "f"}""", 1199009, "timeout")]
    [InlineData("""{"bind_info": 3, "auto_start": 1, "priority": 10001, "bk_process_name": "p", "bk_func_name": "f"}""", 1199006, "priority")]
    [InlineData("""{"bind_info": 3, "auto_start": 1, "bk_process_name": "p", "bk_func_name": "f"}""", 1199025, "auto_start")]
    // Within a category, API.md's table order.
    [InlineData("""{"user": 1, "description": 2, "bk_process_name": "p", "bk_func_name": "f"}""", 1199007, "description")]
    [InlineData("""{"timeout": 1.5, "proc_num": "x", "bk_process_name": "p", "bk_func_name": "f"}""", 1199009, "proc_num")]
    [InlineData("""{"bk_func_name": ""}""", 1199010, "bk_process_name")]
    public void The_earliest_category_then_the_first_key_in_table_order_is_reported(string json, int code, string key)
    {
        var (actualCode, message) = ErrorOf(json);
        Assert.Equal(code, actualCode);
        Assert.StartsWith($"'{key}'", message);
    }

    [Theory]
    [InlineData("""[{"port": "80", "protocol": "1", "enable": true}]""")]
    [InlineData("""[{"ip": null, "port": "1-65535", "protocol": "4", "enable": false, "template_row_id": null}]""")]
    [InlineData("""[{"ip": " 10.0.0.1 ", "port": "443", "protocol": "1", "enable": true}]""")]
    [InlineData("""[{"ip": "fe80::1", "port": "80-80", "protocol": "3", "enable": true}]""")]
    [InlineData("""[]""")]
    public void Good_bind_rows_are_accepted(string rows)
    {
        Assert.NotNull(Parse($$"""{"bk_process_name": "p", "bk_func_name": "f", "bind_info": {{rows}}}""").Properties);
    }

    [Theory]
    [InlineData("""[{"port": "0", "protocol": "1", "enable": true}]""")]
    [InlineData("""[{"port": "65536", "protocol": "1", "enable": true}]""")]
    [InlineData("""[{"port": "080", "protocol": "1", "enable": true}]""")]
    [InlineData("""[{"port": "90-80", "protocol": "1", "enable": true}]""")]
    [InlineData("""[{"port": "80-", "protocol": "1", "enable": true}]""")]
    [InlineData("""[{"port": 80, "protocol": "1", "enable": true}]""")]
    [InlineData("""[{"protocol": "1", "enable": true}]""")]
    [InlineData("""[{"port": "80", "protocol": "5", "enable": true}]""")]
    [InlineData("""[{"port": "80", "protocol": 1, "enable": true}]""")]
    [InlineData("""[{"port": "80", "enable": true}]""")]
    [InlineData("""[{"port": "80", "protocol": "1"}]""")]
    [InlineData("""[{"port": "80", "protocol": "1", "enable": "true"}]""")]
    [InlineData("""[{"ip": "1", "port": "80", "protocol": "1", "enable": true}]""")]
    [InlineData("""[{"ip": "256.0.0.1", "port": "80", "protocol": "1", "enable": true}]""")]
    [InlineData("""[{"ip": "01.2.3.4", "port": "80", "protocol": "1", "enable": true}]""")]
    [InlineData("""[{"ip": "fe80::1%eth0", "port": "80", "protocol": "1", "enable": true}]""")]
    [InlineData("""[{"ip": "localhost", "port": "80", "protocol": "1", "enable": true}]""")]
    [InlineData("""[{"ip": 1, "port": "80", "protocol": "1", "enable": true}]""")]
    [InlineData("""[{"port": "80", "protocol": "1", "enable": true, "row_id": 1}]""")]
    [InlineData("""[{"port": "80", "protocol": "1", "enable": true, "template_row_id": "1"}]""")]
    [InlineData("""[7]""")]
    [InlineData(""" "80" """)]
    public void Bad_bind_rows_are_1199006_bind_info(string rows)
    {
        Assert.Equal(
            (1199006, "'bind_info' data parameter verification does not pass"),
            ErrorOf($$"""{"bk_process_name": "p", "bk_func_name": "f", "bind_info": {{rows}}}"""));
    }

    [Fact]
    public void More_bind_rows_than_the_limit_are_refused()
    {
        var rows = string.Join(',', Enumerable.Repeat("""{"port": "80", "protocol": "1", "enable": true}""", ProcessLimits.Default.BindRowsPerProcess + 1));
        Assert.Equal(1199006, ErrorOf($$"""{"bk_process_name": "p", "bk_func_name": "f", "bind_info": [{{rows}}]}""").Code);
    }

    [Fact]
    public void Limits_can_be_tightened()
    {
        var limits = new ProcessLimits(ShortStringBytes: 4, LongStringBytes: 6, BindRowsPerProcess: 1);
        using var document = JsonDocument.Parse("""{"bk_process_name": "abcde", "bk_func_name": "f"}""");
        Assert.Equal(1199015, ProcessInputParser.ParseProperties(document.RootElement, limits).Error?.Code);
        using var paths = JsonDocument.Parse("""{"bk_process_name": "abcd", "bk_func_name": "f", "work_path": "/a/b/cd"}""");
        Assert.Equal("'work_path' data out of bounds", ProcessInputParser.ParseProperties(paths.RootElement, limits).Error?.Message);
        using var rows = JsonDocument.Parse("""{"bk_process_name": "a", "bk_func_name": "f", "bind_info": [{"port": "1", "protocol": "1", "enable": true}, {"port": "2", "protocol": "1", "enable": true}]}""");
        Assert.Equal("'bind_info' data parameter verification does not pass", ProcessInputParser.ParseProperties(rows.RootElement, limits).Error?.Message);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"process_info": null}""")]
    [InlineData("""{"process_info": []}""")]
    [InlineData("""{"process_info": "p"}""")]
    [InlineData("7")]
    public void A_create_item_without_a_process_info_object_is_1199006_process_info(string item)
    {
        using var document = JsonDocument.Parse(item);
        var error = ProcessInputParser.ParseCreateItem(document.RootElement).Error;
        Assert.Equal(ErrorCodes.ParamInvalid, error?.Code);
        Assert.Equal("'process_info' data parameter verification does not pass", error?.Message);
    }
}
