using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Segmenta.Core;
using Segmenta.Storage.ClickHouse;
using Segmenta.Storage.DuckDb;

namespace Segmenta.ClickHouse.Tests;

/// <summary>Unreachable servers, wrong credentials, old tables and malformed locations give errors that say what to fix.</summary>
[Collection(ClickHouseTests.Name)]
public sealed class BadInputTests(ClickHouseWorld world)
{
    [Fact]
    public async Task Open_NothingListening_NamesHostAndPort()
    {
        var port = UnusedPort();
        var e = await Assert.ThrowsAsync<SegmentaInputException>(() =>
            ClickHouseEngine.OpenAsync(ClickHouseLocation.Parse($"clickhouse://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/shop")));
        Assert.Contains($"cannot reach ClickHouse at 127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", e.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP port", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_WrongPassword_NamesUserAndHowToFix()
    {
        var e = await Assert.ThrowsAsync<SegmentaInputException>(() => ClickHouseEngine.OpenAsync(world.Cluster.Location("shop", "segmenta", "wrong")));
        Assert.Contains("rejected user 'segmenta'", e.Message, StringComparison.Ordinal);
        Assert.Contains("Wrong password", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong@", e.Message, StringComparison.Ordinal);

        // the right password opens it
        await using var ok = await ClickHouseEngine.OpenAsync(world.Cluster.Location("shop", "segmenta", "segmenta"));
        Assert.StartsWith("18.", ok.ServerVersion, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ship_TableWithOldSchema_NamesTableShardAndMissingColumn()
    {
        // Given a shard-local orders table from an older layout (no flags column) on shard 2
        await using (var setup = await ClickHouseEngine.OpenAsync(world.Cluster.Location("old_schema")))
        {
            var old = string.Join(", ", ClickHouseSchema.Columns("orders").Where(c => c.Name != "flags").Select(c => $"{c.Name} {c.ClickHouseType}"));
            await setup.QueryHostAsync(1, $"CREATE TABLE IF NOT EXISTS orders_local ({old}) ENGINE = MergeTree() ORDER BY tuple()");
        }
        await using var duck = await DuckDbEngine.OpenAsync(":memory:");
        await using var cluster = await ClickHouseEngine.OpenAsync(world.Cluster.Location("old_schema"));

        var e = await Assert.ThrowsAsync<SegmentaInputException>(() => ClickHouseShipper.EnsureShippedAsync(duck, cluster));

        Assert.Contains($"old_schema.orders_local on 127.0.0.1:{(world.Cluster.BasePort + 10).ToString(CultureInfo.InvariantCulture)}", e.Message, StringComparison.Ordinal);
        Assert.Contains("missing: flags Nullable(String)", e.Message, StringComparison.Ordinal);
        Assert.Contains("DROP TABLE old_schema.orders_local", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_MoreHostsThanShards_SaysSo()
    {
        var p = world.Cluster.BasePort;
        var e = await Assert.ThrowsAsync<SegmentaInputException>(() => ClickHouseEngine.OpenAsync(ClickHouseLocation.Parse(
            string.Create(CultureInfo.InvariantCulture, $"clickhouse://127.0.0.1:{p},127.0.0.1:{p + 10},127.0.0.1:{p}/shop"))));
        Assert.Contains("cluster 'segmenta' has 2 shard(s) in remote_servers but 3 hosts are listed", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("clickhouse://localhost/shop", "'localhost' is not host:port")]
    [InlineData("clickhouse://localhost:8123", "database name '' must be")]
    [InlineData("clickhouse://localhost:8123/my-shop", "database name 'my-shop' must be")]
    [InlineData("clickhouse://u:secret@localhost:8123/shop?shards=2", "unknown option 'shards=2'")]
    [InlineData("duckdb://x", "expected clickhouse://")]
    public void Parse_Malformed_ShowsTheExpectedForm(string text, string expected)
    {
        var e = Assert.Throws<SegmentaInputException>(() => ClickHouseLocation.Parse(text));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Full_ReadsEveryPart()
    {
        var l = ClickHouseLocation.Parse("clickhouse://ana:p%40ss@10.0.0.1:8123,10.0.0.2:9123/shop?cluster=two");
        Assert.Equal([("10.0.0.1", 8123), ("10.0.0.2", 9123)], l.Hosts);
        Assert.Equal(("shop", "ana", "p@ss", "two"), (l.Database, l.User, l.Password, l.Cluster));
        Assert.Equal("clickhouse://ana@10.0.0.1:8123,10.0.0.2:9123/shop?cluster=two", l.ToString());
    }

    private static int UnusedPort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}

/// <summary>Literal rendering: user text stays a literal whatever it contains.</summary>
public sealed class LiteralTests
{
    [Theory]
    [InlineData("plain", "'plain'")]
    [InlineData("it's", "'it\\'s'")]
    [InlineData("a\\' OR 1=1 --", "'a\\\\\\' OR 1=1 --'")]
    public void Quote_EscapesQuotesAndBackslashes(string value, string expected) => Assert.Equal(expected, ClickHouseEngine.Quote(value));

    [Fact]
    public void Render_ReplacesPlaceholdersByTypedLiterals()
    {
        var sql = ClickHouseEngine.Render("SELECT $1, $2, $3, $10", [1.5m, "x", new DateTime(2024, 2, 1, 3, 4, 5), null, null, null, null, null, null, true]);
        Assert.Equal("SELECT 1.5, 'x', toDateTime('2024-02-01 03:04:05', 'UTC'), 1", sql);
    }
}
