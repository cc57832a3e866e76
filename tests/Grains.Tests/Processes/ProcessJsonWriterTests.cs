using System.Buffers;
using System.Text;
using System.Text.Json;
using ProcOrleans.Grains.Processes;

namespace ProcOrleans.Grains.Tests.Processes;

public sealed class ProcessJsonWriterTests
{
    private static readonly ProcessJsonWriter Writer = new(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));

    private static string Render(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, ProcessJsonWriter.WriterOptions))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Fact]
    public void A_list_item_has_sorted_property_keys_and_the_relation_in_struct_order()
    {
        var time = new DateTimeOffset(2019, 6, 5, 6, 59, 12, 65, TimeSpan.Zero);
        var process = new ProcessInstance(46, 54, 2, 1, 0, "0", new ProcessProperties
        {
            BkProcessName = "进程<a>", BkFuncName = "java", Timeout = 30, WorkPath = null,
            BindInfo = [new BindInfoRow("127.0.0.1", "100", "1", false, 1), new BindInfoRow(null, "81", "2", true, null)],
        }, time, time);

        var json = Render(w => Writer.WriteListItem(w, process));

        Assert.Equal(
            """{"property":{"auto_start":false,"auto_time_gap":null,"bind_info":[{"enable":false,"ip":"127.0.0.1","port":"100","protocol":"1","template_row_id":1},{"enable":true,"ip":null,"port":"81","protocol":"2"}],"bk_biz_id":2,"bk_func_id":"","bk_func_name":"java","bk_process_id":46,"bk_process_name":"进程<a>","bk_start_check_secs":null,"bk_start_param_regex":"","bk_supplier_account":"0","create_time":"2019-06-05T14:59:12.065+08:00","description":"","face_stop_cmd":"","last_time":"2019-06-05T14:59:12.065+08:00","pid_file":"","priority":null,"proc_num":null,"reload_cmd":"","restart_cmd":"","service_instance_id":54,"start_cmd":"","stop_cmd":"","timeout":30,"user":"","work_path":null},"relation":{"bk_biz_id":2,"bk_process_id":46,"service_instance_id":54,"process_template_id":0,"bk_host_id":1,"bk_supplier_account":"0"}}""",
            json);
        using var parsed = JsonDocument.Parse(json);
        var keys = parsed.RootElement.GetProperty("property").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
    }

    [Fact]
    public void A_field_selection_writes_only_those_keys()
    {
        var process = new ProcessInstance(1, 2, 3, 4, 0, "0", new ProcessProperties { BkProcessName = "p" }, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
        var json = Render(w => Writer.WriteProperty(w, process, new HashSet<string> { "bk_process_name", "bk_process_id" }));
        Assert.Equal("""{"bk_process_id":1,"bk_process_name":"p"}""", json);
    }
}
