using Segmenta.Testing;
using Segmenta.Storage.Import;

namespace Segmenta.Storage.Tests.Import;

/// <summary>Every quality rule of docs/quality.md once, with exact counts; Parquet and JSON Lines inputs.</summary>
public sealed class QualityRuleTests : IDisposable
{
    private readonly TempFolder _temp = new("segmenta-rules-");

    public void Dispose() => _temp.Dispose();


    [Fact]
    public async Task Import_OneRowPerRule_EachReasonAndFlagCountedOnce()
    {
        // Given a line-level file with one row breaking each rule, and rows carrying each flag
        await using var ws = await TestWorkspace.CreateAsync(new ImportSettings { OutlierMaxQuantity = 1000, OutlierMaxUnitPrice = 500 });
        var file = _temp.Write("rules.csv", """
            order_id,customer_id,ordered_at,product_id,quantity,unit_price,amount,status
            o1,c1,2024-01-01 10:00:00,p1,1,10,,placed
            o2,c1,2024-01-02 10:00:00,p1,x,10,,placed
            o3,c1,2024-01-03 10:00:00,p1,1,ten,,placed
            o4,c1,2024-01-04 10:00:00,p1,1,,abc,placed
            o5,c1,2024-01-05 10:00:00,p1,1,,,placed
            o6,c1,2024-01-06 10:00:00,p1,1,10,,shipped
            o7,c1,2024-01-07 10:00:00,p1,1,-3,,placed
            o8,c1,2024-01-08 10:00:00,p1,1,,-20,placed
            ,c1,2024-01-09 10:00:00,p1,1,10,,placed
            o10,c1,,p1,1,10,,placed
            o11,c2,2024-01-11 10:00:00,p2,2000,1,,placed
            o12,c2,2024-01-12 10:00:00,p2,1,900,,placed
            o13,c2,2024-01-13 10:00:00,p2,1,0,,placed
            o1,c9,2024-01-01 10:00:00,p3,1,10,,placed
            o14,c3,2024-01-14 10:00:00,p2,1,10,,refunded
            """);

        // When imported
        var report = await ws.Importer.ImportAsync(new ImportRequest(ImportKind.Orders, file));

        // Then each reason is counted exactly once, and read = accepted + quarantined
        Assert.Equal(15, report.RowsRead);
        Assert.Equal(new Dictionary<string, long>
        {
            ["bad_number"] = 3, ["missing"] = 3, ["unknown_status"] = 1, ["negative_price"] = 1, ["negative_amount"] = 1, ["duplicate_order"] = 1,
        }, report.QuarantinedByReason.ToDictionary(kv => kv.Key, kv => kv.Value));
        Assert.Equal(new[] { "amount", "quantity", "unit_price" }, report.Samples.Where(s => s.Reason == "bad_number").Select(s => s.Field).Order().ToArray());
        Assert.Equal(new[] { "order_id", "ordered_at", "unit_price" }, report.Samples.Where(s => s.Reason == "missing").Select(s => s.Field).Order().ToArray());
        Assert.Equal(5, report.RowsAccepted);
        Assert.Equal(new Dictionary<string, long> { ["outlier_quantity"] = 1, ["outlier_price"] = 1, ["zero_price"] = 1 },
            report.Flagged.ToDictionary(kv => kv.Key, kv => kv.Value));
        // And the refunded sale counts in gross but not in net revenue: gross 10 + 2000 + 900 + 0 + 10, net without the 10 refunded
        Assert.Equal(2_920, report.Facts["gross_revenue"], 9);
        Assert.Equal(2_910, report.Facts["net_revenue"], 9);
    }

    [Fact]
    public async Task Import_ParquetAndJsonLines_SameRulesAsCsv()
    {
        // Given the same three orders as Parquet (written by DuckDB) and as JSON Lines, one with a bad date
        await using var ws = await TestWorkspace.CreateAsync();
        var parquet = _temp.File("orders.parquet");
        await ws.Engine.ExecuteAsync($"""
            COPY (SELECT * FROM (VALUES ('p1', 'c1', '2024-02-01 09:00:00', 12.5), ('p2', 'c2', 'not a date', 3.0), ('p3', 'c1', '2024-02-03 09:00:00', 7.25))
                  AS t(order_id, customer_id, ordered_at, amount)) TO {SqlText.Literal(parquet)} (FORMAT parquet)
            """);
        var jsonl = _temp.Write("orders.jsonl", """
            {"order_id":"j1","customer_id":"c1","ordered_at":"2024-02-01T09:00:00Z","amount":12.5}
            {"order_id":"j2","customer_id":"c2","ordered_at":"not a date","amount":3}
            {"order_id":"j3","customer_id":"c1","ordered_at":"2024-02-03T09:00:00+09:00","amount":7.25}
            """);

        // When both are imported with their inferred formats
        var fromParquet = await ws.Importer.ImportAsync(new ImportRequest(ImportKind.Orders, parquet));
        var fromJson = await ws.Importer.ImportAsync(new ImportRequest(ImportKind.Orders, jsonl));

        // Then each keeps two orders and quarantines row 2 for its date
        foreach (var report in new[] { fromParquet, fromJson })
        {
            Assert.Equal((3L, 2L), (report.RowsRead, report.RowsAccepted));
            var sample = Assert.Single(report.Samples);
            Assert.Equal((2L, "ordered_at", "bad_date"), (sample.Row, sample.Field, sample.Reason));
            Assert.Equal(19.75, report.Facts["gross_revenue"], 9);
        }
        Assert.Equal("2024-02-03 00:00", await ws.Engine.ScalarAsync<string>("SELECT strftime(ordered_at, '%Y-%m-%d %H:%M') FROM orders WHERE order_id = 'j3'"));
    }

    [Fact]
    public async Task Import_BasketFileWithEmptyLine_QuarantinesItAsEmpty()
    {
        await using var ws = await TestWorkspace.CreateAsync();
        var file = _temp.Write("baskets.csv", "milk,bread\n,\nbeer\n");

        var report = await ws.Importer.ImportAsync(new ImportRequest(ImportKind.Orders, file, "baskets"));

        Assert.Equal((3L, 2L), (report.RowsRead, report.RowsAccepted));
        var sample = Assert.Single(report.Samples);
        Assert.Equal((2L, "empty_row"), (sample.Row, sample.Reason));
        Assert.Equal(3, report.Facts["lines"]);
    }
}
