using Segmenta.Testing;

namespace Segmenta.Cli.Tests;

/// <summary><c>segmenta cluster</c> through the real program on a hand-made shop.</summary>
public sealed class ClusterCommandTests : IDisposable
{
    // One order per buyer. Spend by category: a Books 60 / Toys 40; b Books 30 / Toys 30 / Garden 40;
    // c Garden 100; d Toys 10; e Books 5; f Toys 70 / Books 30.
    private const string Orders = """
        order_id,customer_id,ordered_at,product_id,category,quantity,unit_price
        o1,a,2024-01-01T10:00:00Z,p1,Books,1,60
        o1,a,2024-01-01T10:00:00Z,p2,Toys,1,40
        o2,b,2024-01-05T10:00:00Z,p1,Books,1,30
        o2,b,2024-01-05T10:00:00Z,p2,Toys,1,30
        o2,b,2024-01-05T10:00:00Z,p3,Garden,1,40
        o3,c,2024-01-09T10:00:00Z,p3,Garden,2,50
        o4,d,2024-01-20T10:00:00Z,p2,Toys,1,10
        o5,e,2024-02-01T10:00:00Z,p1,Books,1,5
        o6,f,2024-02-10T10:00:00Z,p2,Toys,1,70
        o6,f,2024-02-10T10:00:00Z,p1,Books,1,30

        """;

    private readonly TempFolder _temp = new("segmenta-cli-cluster-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Cluster_HandMadeShop_CategoriesAlgorithmsAndBadInput()
    {
        var ws = _temp.File("ws");
        Assert.Equal(0, (await SegmentaProcess.RunAsync("-w", ws, "import", "orders", _temp.Write("orders.csv", Orders))).ExitCode);

        // Category preferences at threshold 0.5: Books {a, e}, Toys {d, f}, Garden {c}, mixed {b}
        var prefs = await SegmentaProcess.RunAsync("-w", ws, "--json", "cluster", "--categories");
        Assert.Equal(0, prefs.ExitCode);
        Assert.Equal(6, prefs.Json.GetProperty("customers").GetInt32());
        var segments = prefs.Json.GetProperty("segments").EnumerateArray()
            .Select(s => (s.GetProperty("segment").GetString(), s.GetProperty("customers").GetInt32())).ToList();
        Assert.Equal([("Books", 2), ("Toys", 2), ("Garden", 1), ("mixed", 1)], segments);

        // Ward with k = 2 on recency and spend places all six buyers
        var ward = await SegmentaProcess.RunAsync("-w", ws, "--json", "cluster", "--algorithm", "ward", "--k", "2", "--features", "recency_days,monetary");
        Assert.Equal(0, ward.ExitCode);
        Assert.Equal(2, ward.Json.GetProperty("k").GetInt32());
        Assert.Equal(6, ward.Json.GetProperty("profiles").EnumerateArray().Sum(p => p.GetProperty("size").GetInt32()));

        // Bad input: more clusters than buyers; a feature with no variance (everyone has one order)
        var tooMany = await SegmentaProcess.RunAsync("-w", ws, "cluster", "--k", "10", "--features", "recency_days,monetary");
        Assert.Equal(1, tooMany.ExitCode);
        Assert.Contains("k = 10 is larger than the number of customers clustered (6)", tooMany.Stderr, StringComparison.Ordinal);
        var flat = await SegmentaProcess.RunAsync("-w", ws, "cluster", "--k", "2", "--features", "frequency,monetary");
        Assert.Equal(1, flat.ExitCode);
        Assert.Contains("frequency", flat.Stderr, StringComparison.Ordinal);
        Assert.Contains("variance", flat.Stderr, StringComparison.Ordinal);
        var noHistory = await SegmentaProcess.RunAsync("-w", ws, "cluster", "--min-sessions", "0");
        Assert.Equal(1, noHistory.ExitCode);
        Assert.Contains("--min-sessions 0: must be at least 1", noHistory.Stderr, StringComparison.Ordinal);
        // An orders-only shop has no sessions: the minimum history does not apply and nobody is counted as few-session
        Assert.Equal(0, ward.Json.GetProperty("few_sessions").GetInt32());
    }
}
