using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Facturix.Tests.Support;

namespace Facturix.Tests.Benchmarks;

/// <summary>
/// The real app (Facturix.App.dll, its own runtime settings: workstation GC, decision 0069) as a child process on a database of the test
/// cluster, for figures that are about "the app process" (issue 15's peak working set). Linux only: peak working set is
/// the kernel's VmHWM, which <see cref="ResetPeak"/> brings back to the current resident size.
/// </summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _keysFolder;

    private AppProcess(Process process, string keysFolder, Uri baseAddress) =>
        (_process, _keysFolder, BaseAddress) = (process, keysFolder, baseAddress);

    public Uri BaseAddress { get; }

    public int Id => _process.Id;

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    /// <summary>The app's latest console lines (at most 1,000), for figures the app logs itself.</summary>
    public IReadOnlyList<string> Output => [.. _output];

    private void Keep(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > 1_000) _output.TryDequeue(out _);
    }

    /// <summary>Starts the app on <paramref name="connectionString"/> without demo data and waits until /health answers.</summary>
    public static async Task<AppProcess> StartAsync(string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        // Tests run from Facturix.Tests/bin/<Configuration>/<tfm>/; the app's build output sits beside it under Facturix.App.
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (tfm, configuration) = (testBin.Name, testBin.Parent!.Name);
        var appBin = Path.GetFullPath(Path.Combine(testBin.FullName, "..", "..", "..", "..", "Facturix.App", "bin", configuration, tfm));
        var dll = Path.Combine(appBin, "Facturix.App.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("Build the solution first: the app's own output is needed.", dll);

        var port = FreePort();
        var keys = Path.Combine(Path.GetTempPath(), $"facturix-bench-keys-{Guid.NewGuid():N}");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = appBin, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ConnectionStrings__Facturix"] = connectionString;
        start.Environment["Facturix__SeedDemo"] = "false";
        start.Environment["Facturix__DataProtection__CertificatePath"] = Path.Combine(keys, "keys.pfx");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        // Drained so a chatty app never blocks on a full pipe.
        var app = new AppProcess(process, keys, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, line) => app.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => app.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.HoldsAsync(async () =>
        {
            if (process.HasExited) throw new InvalidOperationException($"The app exited with code {process.ExitCode}.");
            try
            {
                return (await http.GetAsync("/health")).StatusCode;
            }
            catch (HttpRequestException)
            {
                return HttpStatusCode.ServiceUnavailable;
            }
        }, status => status == HttpStatusCode.OK, "the app answers /health", TimeSpan.FromMinutes(2));
        return app;
    }

    /// <summary>The kernel's resident set size of the app now (bytes).</summary>
    public long ResidentBytes => StatusKilobytes("VmRSS:") * 1024;

    /// <summary>The peak resident set size since the start or the last <see cref="ResetPeak"/> (bytes).</summary>
    public long PeakResidentBytes => StatusKilobytes("VmHWM:") * 1024;

    /// <summary>The resident memory that is the process's own (heaps, native buffers; the JIT's code is shared memory), in bytes.</summary>
    public long AnonymousResidentBytes => StatusKilobytes("RssAnon:") * 1024;

    /// <summary>The resident pages of mapped files (the runtime's and the app's assemblies), in bytes.</summary>
    public long FileResidentBytes => StatusKilobytes("RssFile:") * 1024;

    /// <summary>Brings the peak back to the current resident size (Linux clear_refs, value 5).</summary>
    public void ResetPeak() => File.WriteAllText($"/proc/{_process.Id}/clear_refs", "5");

    /// <summary>
    /// Samples the app's anonymous (heaps, native buffers) and file-backed (mapped assemblies) resident memory every 50 ms
    /// until disposed, and keeps the highest of each: VmHWM says how high the app went, this says what that was made of.
    /// </summary>
    public ResidentSampler SampleResident() => new(this);

    internal sealed class ResidentSampler : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _sampling;

        public ResidentSampler(AppProcess app) => _sampling = SampleAsync(app, _stop.Token);

        public long PeakAnonymousBytes { get; private set; }

        public long PeakFileBytes { get; private set; }

        private async Task SampleAsync(AppProcess app, CancellationToken stop)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
            try
            {
                do
                {
                    PeakAnonymousBytes = Math.Max(PeakAnonymousBytes, app.AnonymousResidentBytes);
                    PeakFileBytes = Math.Max(PeakFileBytes, app.FileResidentBytes);
                }
                while (await timer.WaitForNextTickAsync(stop));
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Disposed: the peaks are final.
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _sampling;
            _stop.Dispose();
        }
    }

    private long StatusKilobytes(string field)
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        if (Directory.Exists(_keysFolder)) Directory.Delete(_keysFolder, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
