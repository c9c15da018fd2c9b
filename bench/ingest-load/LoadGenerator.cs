using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Segmenta.Bench.IngestLoad;

/// <summary>What a load run achieved (only acknowledged requests count as delivered).</summary>
public sealed record LoadReport(
    TimeSpan Elapsed, long Requests, long AcknowledgedEvents, long ValueSum, long Rejected429, long Failed,
    double P50Ms, double P95Ms, double P99Ms, double MaxMs, IReadOnlyCollection<string> AcknowledgedIds)
{
    /// <summary>Acknowledged events per second.</summary>
    public double EventsPerSecond => AcknowledgedEvents / Elapsed.TotalSeconds;
}

/// <summary>
/// A closed-loop load generator: <c>workers</c> connections each POST /v1/batch with
/// <c>batchSize</c> track events back to back for a fixed time. Message ids are
/// <c>{runId}-{worker}-{seq}</c>; each event carries an integer value 1..1000, so the run's value
/// sum is a checksum the engine can be compared with. Latency is request start to 200.
/// </summary>
public sealed class LoadGenerator
{
    private readonly Uri _server;
    private readonly string _key;

    /// <summary>A generator for the server at <paramref name="server"/> using ingest key <paramref name="key"/>.</summary>
    public LoadGenerator(Uri server, string key)
    {
        _server = server;
        _key = key;
    }

    /// <summary>Keep acknowledged ids (for exactness checks; memory grows with the run).</summary>
    public bool KeepIds { get; init; } = true;

    /// <summary>Runs for <paramref name="duration"/> (or until <paramref name="cancellationToken"/>) and reports.</summary>
    public async Task<LoadReport> RunAsync(string runId, TimeSpan duration, int workers, int batchSize, CancellationToken cancellationToken = default)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = workers, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { BaseAddress = _server, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _key);
        var latencies = new ConcurrentBag<double[]>();
        var ids = new ConcurrentBag<string>();
        long requests = 0, acked = 0, valueSum = 0, rejected = 0, failed = 0;
        var watch = Stopwatch.StartNew();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(duration);

        async Task WorkerAsync(int worker)
        {
            var random = new Random(worker * 7919 + runId.Length);
            var mine = new List<double>(1 << 16);
            var seq = 0L;
            var body = new StringBuilder(batchSize * 220);
            var batchIds = new string[batchSize];
            while (!stop.IsCancellationRequested)
            {
                body.Clear().Append("{\"batch\":[");
                long batchValue = 0;
                for (var i = 0; i < batchSize; i++)
                {
                    var id = string.Create(CultureInfo.InvariantCulture, $"{runId}-{worker}-{seq++}");
                    batchIds[i] = id;
                    var value = random.Next(1, 1001);
                    batchValue += value;
                    var customer = random.Next(0, 50_000);
                    // live traffic: stamped when sent, as a shop's tracker does
                    var at = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
                    if (i > 0)
                    {
                        body.Append(',');
                    }
                    body.Append(CultureInfo.InvariantCulture,
                        $"{{\"type\":\"track\",\"messageId\":\"{id}\",\"userId\":\"load-c{customer}\",\"event\":\"Product Viewed\",\"timestamp\":\"{at}\",\"properties\":{{\"product_id\":\"p{value % 300}\",\"value\":{value}}}}}");
                }
                body.Append("]}");
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var content = new StringContent(body.ToString(), Encoding.UTF8, "application/json");
                    using var response = await http.PostAsync(new Uri("/v1/batch", UriKind.Relative), content, CancellationToken.None).ConfigureAwait(false);
                    Interlocked.Increment(ref requests);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                        Interlocked.Add(ref acked, batchSize);
                        Interlocked.Add(ref valueSum, batchValue);
                        if (KeepIds)
                        {
                            foreach (var id in batchIds)
                            {
                                ids.Add(id);
                            }
                        }
                    }
                    else if (response.StatusCode == HttpStatusCode.TooManyRequests)
                    {
                        Interlocked.Increment(ref rejected);
                        await Task.Delay(100, CancellationToken.None).ConfigureAwait(false);
                    }
                    else
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    // Not acknowledged (e.g. the server was killed): the events may or may not be stored.
                    Interlocked.Increment(ref failed);
                    await Task.Delay(50, CancellationToken.None).ConfigureAwait(false);
                }
            }
            latencies.Add([.. mine]);
        }

        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(() => WorkerAsync(w), CancellationToken.None))).ConfigureAwait(false);
        var elapsed = watch.Elapsed;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double Pct(double p) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)];
        return new LoadReport(elapsed, requests, acked, valueSum, rejected, failed, Pct(0.50), Pct(0.95), Pct(0.99), all.Length == 0 ? double.NaN : all[^1], ids.ToArray());
    }
}
