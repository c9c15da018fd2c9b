using Segmenta.Storage.Import;
using Segmenta.Testing;

namespace Segmenta.Storage.Tests.Import;

/// <summary>
/// The importer's shortcuts (orders built from one aggregate per order id, a plain timestamp cast for
/// plain or 'Z' text, trim only where a value starts or ends with a space) give exactly what the rules
/// in docs/quality.md say, on small hand-checked files.
/// </summary>
public sealed class FastPathTests : IDisposable
{
    private readonly TempFolder _temp = new("segmenta-fast-");

    public void Dispose() => _temp.Dispose();

    private string File(string text)
    {
        var path = _temp.File("orders.csv");
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Import_OrderWithABadRowAndAnotherCustomer_DuplicateNamedAndOrderBuiltFromItsGoodLines()
    {
        // Given o1 whose first row has a bad date (naming c1), a good c1 line and a c2 line; a clean o2;
        // and o3 whose only row has a bad number
        await using var ws = await TestWorkspace.CreateAsync();
        var file = File("""
            order_id,customer_id,ordered_at,product_id,quantity,unit_price
            o1,c1,2024-02-30 10:00:00,p1,1,5
            o1,c1,2024-03-01 10:00:00,p2,2,3
            o1,c2,2024-03-01 10:00:00,p3,1,7
            o2,c3,2024-03-02 09:00:00,p1,1,4
            o2,c3,2024-03-02 09:00:00,p2,3,2
            o3,c4,2024-03-03 09:00:00,p1,x,2
            """);

        var report = await ws.Importer.ImportAsync(new ImportRequest(ImportKind.Orders, file));

        // Then row 3 is a duplicate of the order first seen in row 1 for another customer; o1 keeps its one good line
        Assert.Equal((6L, 3L, 3L), (report.RowsRead, report.RowsAccepted, report.RowsQuarantined));
        Assert.Equal(1, report.QuarantinedByReason["duplicate_order"]);
        var duplicate = Assert.Single(report.Samples, s => s.Reason == "duplicate_order");
        Assert.Equal(3L, duplicate.Row);
        Assert.Equal("order o1 already appears in row 1 for another customer", duplicate.Detail);
        Assert.Equal(3, report.Facts["orders_read"]);
        Assert.Equal(2, report.Facts["orders"]);
        Assert.Equal(4, report.Facts["customers_read"]);
        Assert.Equal(2, report.Facts["customers"]);
        Assert.Equal(6 + 10, report.Facts["gross_revenue"], 9);
        var o1 = await ws.Engine.QueryAsync("SELECT customer_id, lines, items, amount FROM orders WHERE order_id = 'o1'");
        Assert.Equal(new object?[] { "c1", 1, 2.0, 6.0 }, o1.Rows.Single());
        var o2 = await ws.Engine.QueryAsync("SELECT customer_id, lines, items, amount, strftime(ordered_at, '%H:%M') FROM orders WHERE order_id = 'o2'");
        Assert.Equal(new object?[] { "c3", 2, 4.0, 10.0, "09:00" }, o2.Rows.Single());
        Assert.Equal(2, await ws.CountAsync("SELECT count(*) FROM customers"));
    }

    [Theory]
    [InlineData("UTC", "2024-03-01 10:00:00", "2024-03-01 10:00")]
    [InlineData("UTC", "2024-03-01T10:00:00", "2024-03-01 10:00")]
    [InlineData("UTC", "2024-03-01 10:00:00+02", "2024-03-01 08:00")]
    [InlineData("UTC", "2024-03-01T10:00:00-05:00", "2024-03-01 15:00")]
    [InlineData("Europe/Berlin", "2024-03-01 10:00:00", "2024-03-01 09:00")]
    [InlineData("Europe/Berlin", "2024-07-01T10:00:00", "2024-07-01 08:00")]
    [InlineData("Europe/Berlin", "2024-07-01T10:00:00Z", "2024-07-01 10:00")]
    [InlineData("Europe/Berlin", "2024-07-01 10:00:00Z", "2024-07-01 10:00")]
    [InlineData("Asia/Seoul", "2024-07-01 10:00:00+02:00", "2024-07-01 08:00")]
    public async Task Import_Timestamps_StoredAsUtcWhateverTheLayout(string zone, string text, string utc)
    {
        // Given one order at a time written as `text`, read in `zone` when it carries no offset
        await using var ws = await TestWorkspace.CreateAsync();
        var file = File($"order_id,customer_id,ordered_at,unit_price\no1,c1,{text},5\n");

        await ws.Importer.ImportAsync(new ImportRequest(ImportKind.Orders, file, SourceTimeZone: zone));

        // Then the stored instant is the UTC one (Berlin is UTC+1 in March, +2 in July)
        Assert.Equal(utc, await ws.Engine.ScalarAsync<string>("SELECT strftime(ordered_at, '%Y-%m-%d %H:%M') FROM orders"));
    }

    [Fact]
    public async Task Import_SpacesAroundValues_TrimmedAndBlankIsMissing()
    {
        // Given values padded with spaces and a no-break space, and a customer id of spaces only
        await using var ws = await TestWorkspace.CreateAsync();
        var file = File("order_id,customer_id,ordered_at,unit_price\n o1 ,c1\u00a0, 2024-03-01 10:00:00,5\no2,   ,2024-03-01 10:00:00,5\n");

        var report = await ws.Importer.ImportAsync(new ImportRequest(ImportKind.Orders, file));

        // Then o1 is stored as 'o1' for 'c1' at 10:00, and row 2 is quarantined for its missing customer
        var sample = Assert.Single(report.Samples);
        Assert.Equal((2L, "customer_id", "missing"), (sample.Row, sample.Field, sample.Reason));
        var row = await ws.Engine.QueryAsync("SELECT order_id, customer_id, strftime(ordered_at, '%H:%M') FROM orders");
        Assert.Equal(new object?[] { "o1", "c1", "10:00" }, row.Rows.Single());
    }

    [Fact]
    public async Task Import_NumbersPaddedWithSpaces_SameValuesAndVerdictsAsTheTrimmedText()
    {
        // Given quantities and prices as read with spaces, a tab, no-break and ideographic spaces around
        // them (only the trim makes the last two numbers), a blank quantity and padded bad or negative ones
        await using var ws = await TestWorkspace.CreateAsync();
        var file = File(
            "order_id,customer_id,ordered_at,quantity,unit_price\n" +
            "o1,c1,2024-03-01 10:00:00, 2 ,5\n" +
            "o2,c1,2024-03-01 10:00:00,\t3,5\n" +
            "o3,c1,2024-03-01 10:00:00,\u00a04,5\n" +
            "o4,c1,2024-03-01 10:00:00,4\u3000,5\n" +
            "o5,c1,2024-03-01 10:00:00,   ,5\n" +
            "o6,c1,2024-03-01 10:00:00,\u00a0x ,5\n" +
            "o7,c1,2024-03-01 10:00:00, -2 ,5\n" +
            "o8,c1,2024-03-01 10:00:00,1,\u00a0-3\n" +
            "o9,c1,2024-03-01 10:00:00,1, 0\n");

        var report = await ws.Importer.ImportAsync(new ImportRequest(ImportKind.Orders, file));

        // Then the padded numbers are the numbers, the blank quantity is missing (1 item), and the bad and
        // negative ones are quarantined with their trimmed text in the message
        Assert.Equal((9L, 6L, 3L), (report.RowsRead, report.RowsAccepted, report.RowsQuarantined));
        Assert.Equal(
            new[]
            {
                (6L, "quantity", "bad_number", "'x' is not a number"),
                (7L, "quantity", "negative_quantity", "quantity -2 is negative on a sale (only cancellations may be negative)"),
                (8L, "unit_price", "negative_price", "unit price -3 is negative"),
            },
            report.Samples.Select(s => (s.Row, s.Field, s.Reason, s.Detail)).ToArray());
        var lines = await ws.Engine.QueryAsync("SELECT order_id, quantity, unit_price, flags FROM order_lines ORDER BY order_id");
        Assert.Equal(
            new[]
            {
                new object?[] { "o1", 2.0, 5.0, null }, ["o2", 3.0, 5.0, null], ["o3", 4.0, 5.0, null], ["o4", 4.0, 5.0, null],
                ["o5", 1.0, 5.0, null], ["o9", 1.0, 0.0, "zero_price"],
            },
            lines.Rows.ToArray());
        // and a file without kind or status columns holds placed sales
        Assert.Equal(6, await ws.CountAsync("SELECT count(*) FROM orders WHERE kind = 'sale' AND status = 'placed' AND country IS NULL AND coupon_code IS NULL"));
    }
}
