using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Segmenta.Bench.IngestLoad;

// ingest-load URL INGEST_KEY ADMIN_KEY [seconds=60] [workers=4] [batch=100]
// Drives a running `segmenta serve`, then waits for the loader and reconciles with the engine.
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: ingest-load URL INGEST_KEY ADMIN_KEY [seconds=60] [workers=4] [batch=100]");
    return 2;
}
var server = new Uri(args[0]);
var seconds = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 60;
var workers = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 4;
var batch = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 100;
var runId = "load" + DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
var report = await new LoadGenerator(server, args[1]) { KeepIds = false }.RunAsync(runId, TimeSpan.FromSeconds(seconds), workers, batch);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{seconds} s, {workers} connections, batches of {batch}: {report.Requests} requests, {report.AcknowledgedEvents} events acknowledged = {report.EventsPerSecond:N0} events/s; " +
    $"latency p50 {report.P50Ms:0.0} ms, p95 {report.P95Ms:0.0} ms, p99 {report.P99Ms:0.0} ms, max {report.MaxMs:0.0} ms; 429s {report.Rejected429}, failures {report.Failed}"));

using var admin = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromMinutes(10) };
admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", args[2]);
var waited = System.Diagnostics.Stopwatch.StartNew();
var check = JsonDocument.Parse(await admin.GetStringAsync(new Uri($"/v1/ingest/reconcile?prefix={runId}-&wait=true", UriKind.Relative))).RootElement;
var events = check.GetProperty("events").GetInt64();
var distinct = check.GetProperty("distinct_message_ids").GetInt64();
var sum = check.GetProperty("value_sum").GetInt64();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"loaded {waited.Elapsed.TotalSeconds:0.0} s after the run; engine holds {events} events ({distinct} distinct ids), value sum {sum}; acknowledged {report.AcknowledgedEvents}, value sum {report.ValueSum}"));
var exact = events == report.AcknowledgedEvents && distinct == events && sum == report.ValueSum;
Console.WriteLine(exact ? "EXACT: the engine holds exactly the acknowledged events" : "MISMATCH");
return exact ? 0 : 1;
