using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Segmenta.Bench.IngestLoad;
using Segmenta.Engine.Workspaces;
using Segmenta.Server.Api;
using Segmenta.Server.Ingestion;
using Segmenta.Server.Security;
using Segmenta.Testing;

namespace Segmenta.Server.Tests;

public sealed class LoadAndCrashTests
{
    private static async Task<HashSet<string>> StoredIdsAsync(Storage.IAnalyticsEngine engine, string prefix)
    {
        var t = await engine.QueryAsync("SELECT event_id FROM events WHERE starts_with(event_id, $1)", [prefix]);
        return t.Rows.Select(r => (string)r[0]!).ToHashSet(StringComparer.Ordinal);
    }

    [Fact]
    public async Task After_a_short_load_the_engine_holds_exactly_the_acknowledged_events()
    {
        await using var server = await RunningServer.StartAsync();
        var report = await new LoadGenerator(server.Address, server.IngestKey).RunAsync("short", TimeSpan.FromSeconds(3), workers: 4, batchSize: 100);
        Assert.True(report.AcknowledgedEvents >= 1000, $"only {report.AcknowledgedEvents} events were acknowledged");
        Assert.Equal(0, report.Failed);
        await server.App.Services.GetRequiredService<IngestPipeline>().WaitLoadedAsync();
        var gate = server.App.Services.GetRequiredService<QueryGate>();
        var totals = await gate.RunAsync(e => e.QueryAsync("SELECT count(*), count(DISTINCT event_id), sum(value)::BIGINT FROM events WHERE starts_with(event_id, 'short-')"));
        Assert.Equal(report.AcknowledgedEvents, Convert.ToInt64(totals.Rows[0][0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(report.AcknowledgedEvents, Convert.ToInt64(totals.Rows[0][1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(report.ValueSum, Convert.ToInt64(totals.Rows[0][2], System.Globalization.CultureInfo.InvariantCulture));
        Assert.True((await gate.RunAsync(e => StoredIdsAsync(e, "short-"))).SetEquals(report.AcknowledgedIds));
    }

    [Fact]
    public async Task A_sigkill_during_load_loses_no_acknowledged_event_and_duplicates_none()
    {
        using var folder = new TempFolder("segmenta-crash-");
        Workspace.Initialise(folder.Path);
        string key, admin;
        await using (var workspace = await Workspace.OpenAsync(folder.Path))
        {
            key = await ApiKeyStore.CreateAsync(workspace, "loader", "ingest");
            admin = await ApiKeyStore.CreateAsync(workspace, "ops", "admin");
        }
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");

        using (var first = await StartServeAsync(folder.Path, address))
        {
            using var stop = new CancellationTokenSource();
            var load = new LoadGenerator(address, key).RunAsync("crash", TimeSpan.FromSeconds(20), workers: 6, batchSize: 100, stop.Token);
            await Task.Delay(TimeSpan.FromSeconds(2));
            using (var status = new HttpClient { BaseAddress = address })
            {
                status.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", admin);
                // kill while acknowledged events wait for the loader, so the restart must replay them
                for (var i = 0; i < 100; i++)
                {
                    var body = System.Text.Json.JsonDocument.Parse(await status.GetStringAsync(new Uri("/v1/ingest/status", UriKind.Relative))).RootElement;
                    if (body.GetProperty("pending_messages").GetInt64() > 0)
                    {
                        break;
                    }
                    await Task.Delay(20);
                }
            }
            first.Kill(); // SIGKILL: no shutdown hooks, no flush
            await first.WaitForExitAsync();
            await Task.Delay(300);
            await stop.CancelAsync();
            var report = await load;
            Assert.True(report.AcknowledgedEvents >= 500, $"only {report.AcknowledgedEvents} events were acknowledged before the kill");

            using var second = await StartServeAsync(folder.Path, address);
            using (var http = new HttpClient { BaseAddress = address })
            {
                // an admin-free check that the restarted server took the replay and serves again
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/v1/health", UriKind.Relative))).StatusCode);
            }
            second.Kill();
            await second.WaitForExitAsync();
            string[] lines;
            lock (Output)
            {
                lines = [.. Output];
            }
            // The kill left acknowledged batches unloaded, so the restart took the replay path.
            Assert.Contains(lines, l => l.Contains("Replayed", StringComparison.Ordinal));

            await using var workspace = await Workspace.OpenAsync(folder.Path);
            var stored = await StoredIdsAsync(workspace.Engine, "crash-");
            var rows = await workspace.Engine.ScalarAsync<long>("SELECT count(*) FROM events WHERE starts_with(event_id, 'crash-')");
            Assert.Equal(stored.Count, rows); // none duplicated
            var lost = report.AcknowledgedIds.Count(id => !stored.Contains(id));
            Assert.Equal(0, lost); // none lost
            // whatever was stored beyond the acknowledged ones was in flight when the process died (at most the open requests)
            Assert.True(stored.Count - report.AcknowledgedEvents <= 6 * 100, $"{stored.Count - report.AcknowledgedEvents} unacknowledged events stored");
        }
    }

    private static readonly List<string> Output = [];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the real <c>segmenta serve</c> and waits until it answers (after replaying its log).</summary>
    private static async Task<Process> StartServeAsync(string workspace, Uri address)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "segmenta.dll"), "--workspace", workspace, "serve", "--urls", address.ToString().TrimEnd('/') })
        {
            start.ArgumentList.Add(a);
        }
        start.Environment.Remove("SEGMENTA_WORKSPACE");
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (Output)
                {
                    Output.Add(e.Data);
                }
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"segmenta serve exited with {process.ExitCode}");
            }
            try
            {
                if ((await http.GetAsync(new Uri("/v1/health", UriKind.Relative))).StatusCode == HttpStatusCode.OK)
                {
                    return process;
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
        process.Kill();
        throw new TimeoutException("segmenta serve did not start within 60 s");
    }
}
