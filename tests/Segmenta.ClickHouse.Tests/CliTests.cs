using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Segmenta.Testing;

namespace Segmenta.ClickHouse.Tests;

/// <summary>The real <c>segmenta</c> program with <c>--engine clickhouse://…</c> prints what it prints on DuckDB.</summary>
[Collection(ClickHouseTests.Name)]
public sealed class CliTests(ClickHouseWorld world) : IDisposable
{
    private readonly TempFolder _temp = new("segmenta-chcli-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task RfmMetricsAndCount_OnCdnow_SameJsonOnBothEngines()
    {
        var ws = _temp.File("cdnow");
        Assert.Equal(0, (await SegmentaProcess.RunAsync("-w", ws, "import", "orders", TestData.Path("cdnow/CDNOW_sample.txt"), "--format", "cdnow")).ExitCode);
        var engine = world.Cluster.Location("cli_cdnow").ToString();

        var duckRfm = await SegmentaProcess.RunAsync("-w", ws, "--json", "rfm", "--basis", "purchases");
        var chRfm = await SegmentaProcess.RunAsync("-w", ws, "--json", "rfm", "--basis", "purchases", "--engine", engine);
        Assert.True(chRfm.ExitCode == 0, chRfm.Stderr);
        // the CDNOW sample's 2,357 customers (REFERENCES.md), less those whose only purchases have no positive amount
        Assert.InRange(chRfm.Json.GetProperty("scored").GetInt64(), 2_300, 2_357);
        Assert.Equal(duckRfm.Json.GetProperty("scored").GetInt64(), chRfm.Json.GetProperty("scored").GetInt64());
        Assert.Equal(Segments(duckRfm.Json), Segments(chRfm.Json));
        Assert.Equal(duckRfm.Json.GetProperty("summary").GetProperty("monetary_mean").GetDouble(), chRfm.Json.GetProperty("summary").GetProperty("monetary_mean").GetDouble(), 9);

        var duckCount = await SegmentaProcess.RunAsync("-w", ws, "--json", "segments", "count", "r >= 4 and monetary > 100");
        var chCount = await SegmentaProcess.RunAsync("-w", ws, "--json", "segments", "count", "r >= 4 and monetary > 100", "--engine", engine);
        Assert.True(chCount.ExitCode == 0, chCount.Stderr);
        Assert.Equal(duckCount.Json.GetProperty("customers").GetInt64(), chCount.Json.GetProperty("customers").GetInt64());
        Assert.True(chCount.Json.GetProperty("customers").GetInt64() > 0);

        var duckMetrics = await SegmentaProcess.RunAsync("-w", ws, "--json", "metrics");
        var chMetrics = await SegmentaProcess.RunAsync("-w", ws, "--json", "metrics", "--engine", engine);
        Assert.True(chMetrics.ExitCode == 0, chMetrics.Stderr);
        foreach (var name in new[] { "orders", "customers", "new_customers", "returning_customers" })
        {
            Assert.Equal(duckMetrics.Json.GetProperty("headline").GetProperty(name).GetInt64(), chMetrics.Json.GetProperty("headline").GetProperty(name).GetInt64());
        }
        Assert.Equal(duckMetrics.Json.GetProperty("headline").GetProperty("gross_revenue").GetDouble(), chMetrics.Json.GetProperty("headline").GetProperty("gross_revenue").GetDouble(), 6);
    }

    [Fact]
    public async Task Rfm_EngineFromSegmentaJson_ScoresInClickHouse()
    {
        // Given a workspace whose segmenta.json names the cluster
        var ws = _temp.File("cdnow-json");
        Assert.Equal(0, (await SegmentaProcess.RunAsync("-w", ws, "import", "orders", TestData.Path("cdnow/CDNOW_sample.txt"), "--format", "cdnow")).ExitCode);
        var settings = Path.Combine(ws, "segmenta.json");
        File.WriteAllText(settings, File.ReadAllText(settings).Replace("\"engine\": \"duckdb\"", $"\"engine\": \"{world.Cluster.Location("cli_json")}\"", StringComparison.Ordinal));

        // When rfm runs without --engine
        var run = await SegmentaProcess.RunAsync("-w", ws, "--json", "rfm", "--basis", "purchases");

        // Then the scores are in ClickHouse's snapshot, one row per scored customer
        Assert.True(run.ExitCode == 0, run.Stderr);
        await using var cluster = await Storage.ClickHouse.ClickHouseEngine.OpenAsync(world.Cluster.Location("cli_json"));
        Assert.Equal(run.Json.GetProperty("scored").GetInt64(), await cluster.ScalarAsync<long>("SELECT count() FROM rfm_scores"));
        Assert.Equal(2_357, await cluster.ScalarAsync<long>("SELECT uniqExact(customer_id) FROM orders")); // REFERENCES.md
    }

    [Fact]
    public async Task Rfm_UnreachableEngine_ExitsOneNamingTheServer()
    {
        var ws = _temp.File("empty");
        var run = await SegmentaProcess.RunAsync("-w", ws, "rfm", "--engine", "clickhouse://127.0.0.1:1/shop");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("cannot reach ClickHouse at 127.0.0.1:1", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rfm_UnknownEngine_ExitsOne()
    {
        var ws = _temp.File("empty2");
        var run = await SegmentaProcess.RunAsync("-w", ws, "rfm", "--engine", "postgres://x");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("expected duckdb or clickhouse://host:port/database", run.Stderr, StringComparison.Ordinal);
    }

    private static string Segments(JsonElement run) => string.Join(", ", run.GetProperty("segments").EnumerateArray()
        .Select(s => $"{s.GetProperty("segment").GetString()}={s.GetProperty("customers").GetInt64().ToString(CultureInfo.InvariantCulture)}")
        .Order(StringComparer.Ordinal));
}
