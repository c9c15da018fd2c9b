using Segmenta.Storage.Import;
using Segmenta.Testing;

namespace Segmenta.Storage.Tests.Import;

/// <summary>Each preset on its real public dataset, with the published counts (../shared/data/README.md, REFERENCES.md).</summary>
public sealed class PresetImportTests
{
    [Fact]
    public async Task Import_OnlineRetail_MatchesPublishedCounts()
    {
        // Given the UCI Online Retail file (541,909 rows)
        await using var ws = await TestWorkspace.CreateAsync();

        // When it is imported with the online-retail preset
        var report = await ws.Importer.ImportAsync(new ImportRequest(ImportKind.Orders, TestData.Path("online_retail/OnlineRetail.csv.gz"), "online-retail"));

        // Then every row is accounted for and the published counts hold
        Assert.Equal(541_909, report.RowsRead);
        Assert.Equal(report.RowsRead, report.RowsAccepted + report.RowsQuarantined);
        Assert.Equal(25_900, report.Facts["orders_read"]);
        Assert.Equal(3_836, report.Facts["cancellation_orders_read"]);
        Assert.Equal(9_288, report.Facts["cancellation_rows_read"]);
        Assert.Equal(4_372, report.Facts["customers_read"]);
        Assert.Equal(135_080, report.Facts["rows_without_customer_read"]);
        Assert.Equal(3, report.Facts["adjustment_orders_read"]);
        // The three "A" invoices are quarantined as adjustments; the 1,336 negative-quantity stock
        // corrections on non-cancellation invoices as negative quantities.
        Assert.Equal(3, report.QuarantinedByReason["adjustment"]);
        Assert.Equal(1_336, report.QuarantinedByReason["negative_quantity"]);
        Assert.Equal(1_339, report.RowsQuarantined);
        // Zero prices are kept (free items still make baskets) but flagged: 2,515 rows minus the 1,336 above with price 0.
        Assert.Equal(2_515 - 1_336, report.Flagged["zero_price"]);
        Assert.Equal(4_372, report.Facts["customers"]);
        Assert.Equal(135_080 - 1_336 - 3, report.Facts["lines_without_customer"]);

        // And the RFM base of REFERENCES.md is reproducible from the stored lines
        var baseRows = await ws.CountAsync("SELECT count(*) FROM order_lines WHERE customer_id IS NOT NULL AND kind = 'sale' AND unit_price > 0");
        Assert.Equal(397_884, baseRows);
        var revenue = await ws.Engine.ScalarAsync<double>("SELECT sum(amount) FROM order_lines WHERE customer_id IS NOT NULL AND kind = 'sale' AND unit_price > 0");
        Assert.Equal(8_911_407.90, revenue, 2);
        var invoices = await ws.CountAsync("SELECT count(DISTINCT order_id) FROM order_lines WHERE customer_id IS NOT NULL AND kind = 'sale' AND unit_price > 0");
        Assert.Equal(18_532, invoices);
    }

    [Fact]
    public async Task Import_OnlineRetail_StoresUtcFromLondonTime()
    {
        // Given invoice 536365 at 2010-12-01 08:26 London time (GMT, so UTC is the same) and a summer invoice
        await using var ws = await TestWorkspace.CreateAsync();
        await ws.Importer.ImportAsync(new ImportRequest(ImportKind.Orders, TestData.Path("online_retail/OnlineRetail.csv.gz"), "online-retail"));

        // Then winter times are unchanged and British Summer Time is shifted back one hour
        var winter = await ws.Engine.ScalarAsync<string>("SELECT strftime(ordered_at, '%Y-%m-%d %H:%M') FROM orders WHERE order_id = '536365'");
        Assert.Equal("2010-12-01 08:26", winter);
        // Invoice 556201 is at 13:01 London time on 9 June 2011 (BST, UTC+1): stored as 12:01 UTC
        var summer = await ws.Engine.ScalarAsync<string>("SELECT strftime(ordered_at, '%Y-%m-%d %H:%M') FROM orders WHERE order_id = '556201'");
        Assert.Equal("2011-06-09 12:01", summer);
    }

    [Fact]
    public async Task Import_OnlineRetail_LinksCancellationsToEarlierSales()
    {
        // Given Online Retail with cancellations
        await using var ws = await TestWorkspace.CreateAsync();
        var report = await ws.Importer.ImportAsync(new ImportRequest(ImportKind.Orders, TestData.Path("online_retail/OnlineRetail.csv.gz"), "online-retail"));

        // Then every linked cancellation line points at an earlier sale of the same customer and product
        var wrong = await ws.CountAsync("""
            SELECT count(*) FROM order_lines c JOIN order_lines s ON s.order_id = c.linked_order_id AND s.product_id = c.product_id
            WHERE c.kind = 'cancellation' AND (s.customer_id <> c.customer_id OR s.ordered_at > c.ordered_at OR s.kind <> 'sale')
            """);
        Assert.Equal(0, wrong);
        Assert.Equal(8_905, report.Facts["cancellation_lines"] - await ws.CountAsync("SELECT count(*) FROM order_lines WHERE kind = 'cancellation' AND customer_id IS NULL"));
        // 7,599 of them find an earlier sale of the same customer and product — the same count the
        // independent pandas implementation (bench/scripts/pandas_import.py) gets
        Assert.Equal(7_599, report.Facts["cancellation_lines_linked"]);
        // And net revenue is gross minus the cancelled amounts
        var cancelled = await ws.Engine.ScalarAsync<double>("SELECT sum(amount) FROM order_lines WHERE kind = 'cancellation'");
        Assert.Equal(report.Facts["gross_revenue"] + cancelled, report.Facts["net_revenue"], 0.001);
    }

    [Fact]
    public async Task Import_CdnowMaster_MatchesPublishedCounts()
    {
        // Given the CDNOW master file (header line added by lifetimes, fixed-width, CRLF)
        await using var ws = await TestWorkspace.CreateAsync();

        // When imported with the cdnow preset
        var report = await ws.Importer.ImportAsync(new ImportRequest(ImportKind.Orders, TestData.Path("cdnow/CDNOW_master.txt"), "cdnow"));

        // Then 69,659 purchases by 23,570 customers worth $2,500,315.63, 167,881 CDs
        Assert.Equal(69_659, report.RowsRead);
        Assert.Equal(69_659, report.RowsAccepted);
        Assert.Equal(0, report.RowsQuarantined);
        Assert.Equal(23_570, report.Facts["customers"]);
        Assert.Equal(2_500_315.63, report.Facts["gross_revenue"], 2);
        Assert.Equal(167_881, report.Facts["items"]);
        var range = await ws.Engine.ScalarAsync<string>("SELECT strftime(min(ordered_at), '%Y-%m-%d') || '..' || strftime(max(ordered_at), '%Y-%m-%d') FROM orders");
        Assert.Equal("1997-01-01..1998-06-30", range);
    }

    [Fact]
    public async Task Import_CdnowSample_MatchesPublishedCounts()
    {
        // Given the 1/10 CDNOW sample (no header, five columns)
        await using var ws = await TestWorkspace.CreateAsync();

        // When imported
        var report = await ws.Importer.ImportAsync(new ImportRequest(ImportKind.Orders, TestData.Path("cdnow/CDNOW_sample.txt"), "cdnow"));

        // Then 6,919 purchases, 2,357 customers, $244,091.94 and 16,479 CDs
        Assert.Equal(6_919, report.RowsRead);
        Assert.Equal(6_919, report.RowsAccepted);
        Assert.Equal(2_357, report.Facts["customers"]);
        Assert.Equal(244_091.94, report.Facts["gross_revenue"], 2);
        Assert.Equal(16_479, report.Facts["items"]);
    }

    [Fact]
    public async Task Import_Groceries_MatchesArulesSummary()
    {
        // Given Groceries, one basket per line
        await using var ws = await TestWorkspace.CreateAsync();

        // When imported with the baskets preset
        var report = await ws.Importer.ImportAsync(new ImportRequest(ImportKind.Orders, TestData.Path("groceries/groceries.csv"), "baskets"));

        // Then 9,835 baskets, 169 distinct items, 43,367 item occurrences, whole milk in 2,513 baskets
        Assert.Equal(9_835, report.RowsRead);
        Assert.Equal(9_835, report.Facts["orders"]);
        Assert.Equal(169, report.Facts["products"]);
        Assert.Equal(43_367, report.Facts["lines"]);
        Assert.Equal(2_513, await ws.CountAsync("SELECT count(DISTINCT order_id) FROM order_lines WHERE product_id = 'whole milk'"));
        // Names are kept byte for byte, trailing spaces included
        Assert.True(await ws.CountAsync("SELECT count(*) FROM order_lines WHERE product_id = 'cream cheese '") > 0);
    }
}
