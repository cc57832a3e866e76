using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ProcOrleans.TestingHost.Tests.Processes;

/// <summary>
/// A node as an operator runs it: <c>dotnet ProcOrleans.Gateway.dll --urls ...</c> (or the silo-only host,
/// <c>ProcOrleans.Silo.dll</c>) from the build output, in a process of its own, with only storage and app
/// settings. It can be killed (SIGKILL), frozen (SIGSTOP), thawed and started again on the same HTTP port.
/// </summary>
internal sealed class NodeProcess : IAsyncDisposable
{
    public const string Gateway = "ProcOrleans.Gateway.dll";
    public const string Silo = "ProcOrleans.Silo.dll";

    private readonly string _assembly;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string _log;
    private Process? _process;

    public NodeProcess(int port, IReadOnlyDictionary<string, string> environment, string assembly = Gateway)
    {
        Port = port;
        _assembly = assembly;
        _environment = environment;
        _log = Path.Combine(Path.GetTempPath(), $"procorleans-node-{port}-{Guid.NewGuid():N}.log");
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public bool HasExited => _process is null || _process.HasExited;

    /// <summary>What the node printed, for failure messages.</summary>
    public string Log => File.Exists(_log) ? File.ReadAllText(_log) : "";

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the node and waits until <c>/readyz</c> answers 200.</summary>
    public async Task StartAsync(TimeSpan timeout)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, _assembly), "--urls", BaseAddress.ToString().TrimEnd('/') })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        _process = process;
        var log = new StreamWriter(_log, append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The node on {Port} exited with {process.ExitCode}:\n{Log}");
            }

            try
            {
                if ((await http.GetAsync("readyz")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The node on {Port} was not ready after {timeout}:\n{Log}");
    }

    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            process.WaitForExit();
        }
    }

    public Task FreezeAsync() => SignalAsync("STOP");

    public Task ThawAsync() => SignalAsync("CONT");

    public HttpClient CreateClient(TimeSpan timeout) => new() { BaseAddress = BaseAddress, Timeout = timeout };

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            await ThawAsync();
            Kill();
        }

        _process?.Dispose();
        try
        {
            File.Delete(_log);
        }
        catch (IOException)
        {
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }

    private async Task SignalAsync(string signal)
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        using var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync();
    }
}
