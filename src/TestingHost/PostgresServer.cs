using System.Diagnostics;
using System.Net;
using Npgsql;

namespace ProcOrleans.TestingHost;

/// <summary>
/// A throwaway PostgreSQL server: a fresh cluster in a temporary folder, on a free loopback port, trust
/// authentication, removed on dispose. Runs the server binaries as the <c>postgres</c> user when this
/// process is root (PostgreSQL refuses to run as root). Needs the server binaries (Debian's
/// <c>postgresql</c> package or any <c>initdb</c> on PATH); nothing else.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string ServiceUser = "postgres";

    private readonly string _binDirectory;
    private readonly bool _asServiceUser;
    private bool _running;

    private PostgresServer(string binDirectory, string directory, int port, bool asServiceUser)
    {
        _binDirectory = binDirectory;
        Directory = directory;
        Port = port;
        _asServiceUser = asServiceUser;
    }

    /// <summary>The folder holding the cluster's data and its socket.</summary>
    public string Directory { get; }

    public int Port { get; }

    /// <summary>A connection string to database <paramref name="database"/> (default <c>postgres</c>).</summary>
    public string ConnectionString(string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = IPAddress.Loopback.ToString(),
        Port = Port,
        Username = ServiceUser,
        Database = database,
        Pooling = true,
        Timeout = 5,
        CommandTimeout = 30,
    }.ConnectionString;

    /// <summary>Creates and starts a server.</summary>
    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var bin = FindBinDirectory()
            ?? throw new InvalidOperationException(
                "PostgreSQL server binaries (initdb, pg_ctl) were not found on PATH or under /usr/lib/postgresql; "
                + "install them, e.g. `apt-get install postgresql`.");
        var asServiceUser = Environment.IsPrivilegedProcess;
        var directory = Path.Combine(Path.GetTempPath(), "procorleans-pg-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        var server = new PostgresServer(bin, directory, FreePort(), asServiceUser);
        try
        {
            if (asServiceUser)
            {
                await RunAsync("chown", ["-R", ServiceUser, directory], asUser: null, cancellationToken);
            }

            await server.RunToolAsync(
                "initdb", ["-D", server.DataDirectory, "-U", ServiceUser, "--auth=trust", "-E", "UTF8", "--no-sync", "--locale=C"],
                cancellationToken);
            await File.AppendAllTextAsync(Path.Combine(directory, "data", "postgresql.conf"), $"""

                listen_addresses = '127.0.0.1'
                port = {server.Port}
                unix_socket_directories = '{directory}'
                max_connections = 300
                fsync = on
                """, cancellationToken);
            await server.StartServerAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates an empty database and answers its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // Identifiers cannot be parameters; the name is checked to be a plain identifier instead.
        if (!name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
        {
            throw new ArgumentException("A database name of lowercase letters, digits and '_' is expected.", nameof(name));
        }

        command.CommandText = $"CREATE DATABASE {name}";
        await command.ExecuteNonQueryAsync(cancellationToken);
        return ConnectionString(name);
    }

    /// <summary>Stops the server abruptly (as a crash would), keeping its data.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (!_running)
        {
            return;
        }

        // Pools are left alone: nodes must notice the dead connections by themselves, as they would in production.
        await RunToolAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], cancellationToken);
        _running = false;
    }

    /// <summary>
    /// Freezes the server (SIGSTOP to every process of the cluster): connections stay open and nothing
    /// answers, as with a hung host or a network partition. <see cref="ResumeAsync"/> thaws it.
    /// </summary>
    public Task PauseAsync(CancellationToken cancellationToken = default) => SignalAsync("STOP", cancellationToken);

    public Task ResumeAsync(CancellationToken cancellationToken = default) => SignalAsync("CONT", cancellationToken);

    /// <summary>Starts the server again on the same port and data.</summary>
    public Task StartServerAsync(CancellationToken cancellationToken = default)
    {
        if (_running)
        {
            return Task.CompletedTask;
        }

        _running = true;
        return RunToolAsync(
            "pg_ctl", ["-D", DataDirectory, "-l", Path.Combine(Directory, "server.log"), "-w", "-t", "60", "start"],
            cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ResumeAsync();
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException)
        {
            // Not running: nothing to thaw.
        }

        try
        {
            await StopAsync();
        }
        catch (InvalidOperationException)
        {
            // Already gone; the folder still has to go.
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private string DataDirectory => Path.Combine(Directory, "data");

    private async Task SignalAsync(string signal, CancellationToken cancellationToken)
    {
        // The postmaster's pid is the first line of postmaster.pid; its children are the backends.
        var pid = (await File.ReadAllLinesAsync(Path.Combine(DataDirectory, "postmaster.pid"), cancellationToken))[0].Trim();
        try
        {
            await RunAsync("pkill", [$"-{signal}", "-P", pid], asUser: null, cancellationToken);
        }
        catch (InvalidOperationException)
        {
            // pkill answers 1 when no backend is running: nothing to signal but the postmaster.
        }

        await RunAsync("kill", [$"-{signal}", pid], asUser: null, cancellationToken);
    }

    private Task RunToolAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        RunAsync(Path.Combine(_binDirectory, tool), arguments, _asServiceUser ? ServiceUser : null, cancellationToken);

    private static async Task RunAsync(string file, IReadOnlyList<string> arguments, string? asUser, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo
        {
            FileName = asUser is null ? file : "runuser",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asUser is not null)
        {
            foreach (var argument in new[] { "-u", asUser, "--", file })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(file)} exited with {process.ExitCode}: {await error}{await output}");
        }
    }

    private static string? FindBinDirectory()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var initdb = Path.Combine(directory, "initdb");
            if (directory.Length > 0 && File.Exists(initdb) && File.Exists(Path.Combine(directory, "pg_ctl")))
            {
                // Debian links the tools into PATH; pg_ctl must run from the folder that also holds postgres.
                var target = new FileInfo(initdb).ResolveLinkTarget(returnFinalTarget: true);
                return target is null ? directory : Path.GetDirectoryName(target.FullName);
            }
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (!System.IO.Directory.Exists(debianRoot))
        {
            return null;
        }

        return System.IO.Directory.GetDirectories(debianRoot)
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var version) ? version : 0)
            .FirstOrDefault();
    }

    private static int FreePort() => Silo.Hosting.FreePort.On(IPAddress.Loopback);
}
