using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ProcOrleans.Bench.DataGen;
using ProcOrleans.Silo.Storage;

// Fills a database with a data set for the benchmarks: N service instances of M processes each (ids 1..N
// and 1..N*M), through the project's own migrations, in large transactions.
//   dotnet run -c Release --project bench/DataGen -- --db ./data/bench.db --instances 100000 --processes 10
//   dotnet run -c Release --project bench/DataGen -- --provider Postgres --connection "Host=...;Database=bench" ...
var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
for (var i = 0; i + 1 < args.Length; i += 2)
{
    values[args[i].TrimStart('-')] = args[i + 1];
}

var path = Path.GetFullPath(values.GetValueOrDefault("db", "./data/bench.db"));
var instances = int.Parse(values.GetValueOrDefault("instances", "100000"), CultureInfo.InvariantCulture);
var perInstance = int.Parse(values.GetValueOrDefault("processes", "10"), CultureInfo.InvariantCulture);
var biz = long.Parse(values.GetValueOrDefault("biz", "1"), CultureInfo.InvariantCulture);
var provider = values.GetValueOrDefault("provider", StorageProviders.Sqlite);
var connectionString = provider == StorageProviders.Postgres
    ? values.GetValueOrDefault("connection") ?? throw new ArgumentException("--connection is required with --provider Postgres.")
    : $"Data Source={path}";
var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

var clock = Stopwatch.StartNew();
var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["ConnectionStrings:ProcOrleans"] = connectionString,
    ["Storage:Provider"] = provider,
}).Build();
await using (var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging()
    .AddProcOrleansStorage(configuration).BuildServiceProvider())
{
    var hosted = services.GetServices<IHostedService>().ToList();
    foreach (var service in hosted)
    {
        await service.StartAsync(CancellationToken.None);
    }

    foreach (var service in hosted.AsEnumerable().Reverse())
    {
        await service.StopAsync(CancellationToken.None);
    }
}

if (provider == StorageProviders.Postgres)
{
    await PostgresFill.RunAsync(connectionString, instances, perInstance, biz, now);
    Console.WriteLine($"{instances} instances x {perInstance} processes into PostgreSQL in {clock.Elapsed.TotalSeconds:F1}s");
    return;
}

await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
await connection.OpenAsync();
await Execute("PRAGMA synchronous=OFF");
const int InstancesPerTransaction = 5000;
for (var first = 1; first <= instances; first += InstancesPerTransaction)
{
    await using var transaction = connection.BeginTransaction();
    await using var instance = connection.CreateCommand();
    instance.Transaction = transaction;
    instance.CommandText = """
        INSERT INTO service_instances (id, name, bk_biz_id, bk_module_id, bk_host_id, service_template_id, labels, creator, modifier,
            create_time, last_time, bk_supplier_account, version)
        VALUES ($id, $name, $biz, 1, $id, 0, NULL, 'bench', 'bench', $now, $now, '0', 1)
        """;
    var instanceId = instance.Parameters.Add("$id", SqliteType.Integer);
    var instanceName = instance.Parameters.Add("$name", SqliteType.Text);
    instance.Parameters.AddWithValue("$biz", biz);
    instance.Parameters.AddWithValue("$now", now);

    await using var process = connection.CreateCommand();
    process.Transaction = transaction;
    process.CommandText = """
        INSERT INTO processes (bk_process_id, service_instance_id, bk_biz_id, bk_host_id, process_template_id, bk_supplier_account,
            auto_start, auto_time_gap, bk_func_id, bk_func_name, bk_process_name, bk_start_check_secs, bk_start_param_regex,
            description, face_stop_cmd, pid_file, priority, proc_num, reload_cmd, restart_cmd, start_cmd, stop_cmd, timeout,
            "user", work_path, bind_info, create_time, last_time)
        VALUES ($pid, $sid, $biz, $sid, 0, '0', 0, NULL, '', $name, $name, NULL, '', '', '', '', 1, 1, '', '', './start.sh', '', 30,
            '', '/data/app', '[{"enable":true,"ip":"127.0.0.1","port":"8080","protocol":"1"}]', $now, $now)
        """;
    var processId = process.Parameters.Add("$pid", SqliteType.Integer);
    var serviceInstanceId = process.Parameters.Add("$sid", SqliteType.Integer);
    var processName = process.Parameters.Add("$name", SqliteType.Text);
    process.Parameters.AddWithValue("$biz", biz);
    process.Parameters.AddWithValue("$now", now);

    for (var id = first; id < first + InstancesPerTransaction && id <= instances; id++)
    {
        instanceId.Value = id;
        instanceName.Value = $"svc-{id}";
        await instance.ExecuteNonQueryAsync();
        for (var p = 0; p < perInstance; p++)
        {
            processId.Value = ((long)(id - 1) * perInstance) + p + 1;
            serviceInstanceId.Value = id;
            processName.Value = $"p{p}";
            await process.ExecuteNonQueryAsync();
        }
    }

    await transaction.CommitAsync();
    Console.Error.Write($"\r{Math.Min(first + InstancesPerTransaction - 1, instances)} instances");
}

// Fresh ids must start after the data set.
await Execute($"UPDATE id_sequences SET next_id = {(long)instances * perInstance + 1} WHERE name = 'bk_process_id'");
await Execute($"UPDATE id_sequences SET next_id = {instances + 1} WHERE name = 'service_instance_id'");
await Execute("PRAGMA wal_checkpoint(TRUNCATE)");
Console.Error.WriteLine();
Console.WriteLine($"{instances} instances x {perInstance} processes into {path} in {clock.Elapsed.TotalSeconds:F1}s");

async Task Execute(string sql)
{
    await using var command = connection.CreateCommand();
    command.CommandText = sql;
    await command.ExecuteNonQueryAsync();
}
