using System.Buffers;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using ProcOrleans.Grains.Processes;

namespace ProcOrleans.Bench.Micro;

/// <summary>The per-request work outside storage: parsing a create body's process, rendering a 10-process list.</summary>
[MemoryDiagnoser]
public class HotPathBenchmarks
{
    private static readonly byte[] CreateItem = Encoding.UTF8.GetBytes("""
        {"process_info": {"description": "", "start_cmd": "", "restart_cmd": "", "pid_file": "", "auto_start": false, "timeout": 30,
         "reload_cmd": "", "bk_func_name": "java", "work_path": "/data/bkee", "stop_cmd": "", "face_stop_cmd": "",
         "bk_process_name": "job_java", "user": "", "proc_num": 1, "priority": 1, "bk_biz_id": 2, "bk_start_param_regex": "",
         "bk_process_id": 1, "bind_info": [{"enable": false, "ip": "127.0.0.1", "port": "80", "protocol": "1", "template_row_id": 1234}]}}
        """);

    private readonly ProcessJsonWriter _writer = new(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
    private readonly ArrayBufferWriter<byte> _buffer = new(16 * 1024);
    private ProcessInstance[] _processes = [];

    [GlobalSetup]
    public void SetUp()
    {
        var time = DateTimeOffset.UtcNow;
        _processes = Enumerable.Range(0, 10)
            .Select(i => new ProcessInstance(i, 1, 1, 1, 0, "0", SyntheticStore.Properties(i), time, time))
            .ToArray();
    }

    [Benchmark]
    public ProcessInput ParseCreateItem()
    {
        using var document = JsonDocument.Parse(CreateItem);
        return ProcessInputParser.ParseCreateItem(document.RootElement);
    }

    [Benchmark]
    public int RenderTenProcessList()
    {
        _buffer.ResetWrittenCount();
        using var json = new Utf8JsonWriter(_buffer, ProcessJsonWriter.WriterOptions);
        json.WriteStartArray();
        foreach (var process in _processes)
        {
            _writer.WriteListItem(json, process);
        }

        json.WriteEndArray();
        json.Flush();
        return _buffer.WrittenCount;
    }
}
