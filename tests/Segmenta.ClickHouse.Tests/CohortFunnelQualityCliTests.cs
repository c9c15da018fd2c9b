using System.Globalization;
using System.Text.Json;
using Segmenta.Engine.Simulation;
using Segmenta.Testing;

namespace Segmenta.ClickHouse.Tests;

/// <summary>
/// The real <c>segmenta</c> program: <c>cohorts</c>, <c>funnel</c> and <c>quality</c> with
/// <c>--engine clickhouse://…</c> print the same JSON document as on DuckDB (numbers to 1e-9 relative).
/// </summary>
[Collection(ClickHouseTests.Name)]
public sealed class CohortFunnelQualityCliTests(ClickHouseWorld world) : IDisposable
{
    private readonly TempFolder _temp = new("segmenta-chcli2-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task CohortsFunnelQuality_OnASimulatedShop_SameJsonOnBothEngines()
    {
        // Given a small simulated shop with orders and events, imported by the CLI
        var data = _temp.File("data");
        new ShopSimulator(new SimulationOptions { Customers = 1_500, Days = 75, Seed = 11 }).WriteTo(data);
        var ws = _temp.File("ws");
        foreach (var (kind, file) in new[]
                 {
                     ("products", ShopSimulator.ProductsFile), ("customers", ShopSimulator.CustomersFile),
                     ("orders", ShopSimulator.OrdersFile), ("events", ShopSimulator.EventsFile),
                 })
        {
            var import = await SegmentaProcess.RunAsync("-w", ws, "import", kind, Path.Combine(data, file), "--format", "csv", "--time-zone", "UTC");
            Assert.True(import.ExitCode == 0, import.Stderr);
        }
        var engine = world.Cluster.Location("cli_cohorts").ToString();

        foreach (var args in new[]
                 {
                     new[] { "cohorts" }, ["cohorts", "--period", "week"], ["funnel"], ["funnel", "--from", "2025-02-10", "--to", "2025-02-20"], ["quality"],
                 })
        {
            // When the command runs on each engine
            var duck = await SegmentaProcess.RunAsync(["-w", ws, "--json", .. args]);
            var ch = await SegmentaProcess.RunAsync(["-w", ws, "--json", .. args, "--engine", engine]);

            // Then both print the same document
            Assert.True(duck.ExitCode == 0, duck.Stderr);
            Assert.True(ch.ExitCode == 0, ch.Stderr);
            var differences = new List<string>();
            Compare(duck.Json, ch.Json, string.Join(' ', args), differences);
            Assert.True(differences.Count == 0, string.Join("\n", differences.Take(10)));
        }

        // and the figures are not empty: cohorts cover the buyers, the funnel has purchases
        var cohorts = (await SegmentaProcess.RunAsync("-w", ws, "--json", "cohorts", "--engine", engine)).Json;
        Assert.True(cohorts.GetProperty("cohorts").GetInt32() >= 3);
        var funnel = (await SegmentaProcess.RunAsync("-w", ws, "--json", "funnel", "--engine", engine)).Json.GetProperty("steps");
        Assert.Equal(5, funnel.GetArrayLength());
        Assert.True(funnel[4].GetProperty("sessions").GetInt64() > 0);

        // computed from the shipped copy: the cluster database holds the workspace's sessions
        await using var cluster = await Storage.ClickHouse.ClickHouseEngine.OpenAsync(world.Cluster.Location("cli_cohorts"));
        Assert.Equal(funnel[0].GetProperty("sessions").GetInt64(), await cluster.ScalarAsync<long>("SELECT count() FROM sessions"));
    }

    [Fact]
    public async Task CohortsFunnelQuality_UnreachableEngine_ExitOneNamingTheServer()
    {
        var ws = _temp.File("empty");
        foreach (var command in new[] { "quality", "cohorts", "funnel" })
        {
            var run = await SegmentaProcess.RunAsync("-w", ws, command, "--engine", "clickhouse://127.0.0.1:1/shop");
            Assert.Equal(1, run.ExitCode);
            Assert.Contains("cannot reach ClickHouse at 127.0.0.1:1", run.Stderr, StringComparison.Ordinal);
        }
    }

    private static void Compare(JsonElement a, JsonElement b, string path, List<string> differences)
    {
        if (a.ValueKind == JsonValueKind.Number && b.ValueKind == JsonValueKind.Number)
        {
            var (x, y) = (a.GetDouble(), b.GetDouble());
            if (x != y && Math.Abs(x - y) > 1e-9 * Math.Max(Math.Abs(x), Math.Abs(y)))
            {
                differences.Add($"{path}: duckdb {a}, clickhouse {b}");
            }
            return;
        }
        if (a.ValueKind != b.ValueKind)
        {
            differences.Add($"{path}: duckdb {a}, clickhouse {b}");
            return;
        }
        switch (a.ValueKind)
        {
            case JsonValueKind.Object:
                var names = a.EnumerateObject().Select(p => p.Name).ToList();
                var other = b.EnumerateObject().Select(p => p.Name).ToList();
                if (!names.SequenceEqual(other, StringComparer.Ordinal))
                {
                    differences.Add($"{path}: fields {string.Join(",", names)} vs {string.Join(",", other)}");
                    return;
                }
                foreach (var name in names)
                {
                    Compare(a.GetProperty(name), b.GetProperty(name), $"{path}.{name}", differences);
                }
                break;
            case JsonValueKind.Array:
                if (a.GetArrayLength() != b.GetArrayLength())
                {
                    differences.Add($"{path}: {a.GetArrayLength()} vs {b.GetArrayLength()} items");
                    return;
                }
                for (var i = 0; i < a.GetArrayLength(); i++)
                {
                    Compare(a[i], b[i], string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"), differences);
                }
                break;
            default:
                if (a.ToString() != b.ToString())
                {
                    differences.Add($"{path}: duckdb {a}, clickhouse {b}");
                }
                break;
        }
    }
}
