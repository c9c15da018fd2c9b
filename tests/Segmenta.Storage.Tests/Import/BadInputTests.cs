using Segmenta.Testing;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using Segmenta.Core;
using Segmenta.Storage.Import;

namespace Segmenta.Storage.Tests.Import;

/// <summary>Bad input: each problem is named by file, row and field; good rows are kept; unreadable files change nothing.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly TempFolder _temp = new("segmenta-bad-");

    public void Dispose() => _temp.Dispose();

    /// <summary>A clean order-level file of <paramref name="rows"/> orders, with <paramref name="edit"/> applied to row i (1-based).</summary>
    private string OrdersFile(int rows, Func<int, string, string>? edit = null, string name = "orders.csv")
    {
        var text = new StringBuilder("order_id,customer_id,ordered_at,quantity,unit_price\n");
        for (var i = 1; i <= rows; i++)
        {
            var line = string.Create(CultureInfo.InvariantCulture, $"o{i},c{i % 7},2024-03-{1 + (i % 28):00} 10:00:00,{1 + (i % 3)},9.5");
            text.Append(edit is null ? line : edit(i, line)).Append('\n');
        }
        var path = _temp.File(name);
        File.WriteAllText(path, text.ToString());
        return path;
    }

    private static async Task<ImportReport> Import(TestWorkspace ws, string path, IReadOnlyDictionary<string, string>? map = null) =>
        await ws.Importer.ImportAsync(new ImportRequest(ImportKind.Orders, path, Map: map));

    [Fact]
    public async Task Import_BadDateInRow17_QuarantinesThatRowOnly()
    {
        // Given 30 orders, row 17 with 30 February
        await using var ws = await TestWorkspace.CreateAsync();
        var file = OrdersFile(30, (i, line) => i == 17 ? line.Replace("2024-03-18 10:00:00", "2024-02-30 10:00:00", StringComparison.Ordinal) : line);

        // When imported
        var report = await Import(ws, file);

        // Then row 17 is quarantined for its date, the other 29 are stored
        Assert.Equal(30, report.RowsRead);
        Assert.Equal(29, report.RowsAccepted);
        var sample = Assert.Single(report.Samples);
        Assert.Equal((17L, "ordered_at", "bad_date"), (sample.Row, sample.Field, sample.Reason));
        Assert.Contains("2024-02-30", sample.Detail, StringComparison.Ordinal);
        Assert.Equal(29, await ws.CountAsync("SELECT count(*) FROM orders"));
        Assert.Equal(1, await ws.CountAsync("SELECT count(*) FROM quarantine WHERE row_number = 17 AND raw_row LIKE '%o17%'"));
    }

    [Fact]
    public async Task Import_NegativeQuantity_Quarantined()
    {
        await using var ws = await TestWorkspace.CreateAsync();
        var file = OrdersFile(10, (i, line) => i == 4 ? line.Replace(",9.5", "", StringComparison.Ordinal) + "X" : line);
        file = OrdersFile(10, (i, line) => i == 4 ? "o4,c4,2024-03-05 10:00:00,-2,9.5" : line);

        var report = await Import(ws, file);

        var sample = Assert.Single(report.Samples);
        Assert.Equal((4L, "quantity", "negative_quantity"), (sample.Row, sample.Field, sample.Reason));
        Assert.Equal(9, report.RowsAccepted);
    }

    [Fact]
    public async Task Import_MissingCustomerId_Quarantined()
    {
        await using var ws = await TestWorkspace.CreateAsync();
        var file = OrdersFile(10, (i, line) => i == 9 ? "o9,,2024-03-10 10:00:00,1,9.5" : line);

        var report = await Import(ws, file);

        var sample = Assert.Single(report.Samples);
        Assert.Equal((9L, "customer_id", "missing"), (sample.Row, sample.Field, sample.Reason));
    }

    [Fact]
    public async Task Import_DuplicatedOrderId_SecondQuarantined()
    {
        // Given an order-level file where row 6 repeats order o2
        await using var ws = await TestWorkspace.CreateAsync();
        var file = OrdersFile(8, (i, line) => i == 6 ? "o2,c2,2024-03-03 10:00:00,3,9.5" : line);

        var report = await Import(ws, file);

        // Then the repeat is quarantined as a duplicate pointing at row 2
        var sample = Assert.Single(report.Samples);
        Assert.Equal((6L, "order_id", "duplicate_order"), (sample.Row, sample.Field, sample.Reason));
        Assert.Contains("row 2", sample.Detail, StringComparison.Ordinal);

        // And importing the same file again quarantines every order as already imported
        var again = await Import(ws, file);
        Assert.Equal(0, again.RowsAccepted);
        Assert.Equal(8, again.RowsQuarantined);
        Assert.Equal(7, await ws.CountAsync("SELECT count(*) FROM orders"));
    }

    [Fact]
    public async Task Import_UnknownMapColumn_NamesColumnAndListsTheFile()
    {
        await using var ws = await TestWorkspace.CreateAsync();
        var file = OrdersFile(3);

        var error = await Assert.ThrowsAsync<SegmentaInputException>(() => Import(ws, file, new Dictionary<string, string> { ["OrderNumber"] = "order_id" }));

        Assert.Contains("no column 'OrderNumber'", error.Message, StringComparison.Ordinal);
        Assert.Contains("order_id, customer_id, ordered_at", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await ws.CountAsync("SELECT count(*) FROM import_log"));
    }

    [Fact]
    public async Task Import_TruncatedGzip_LeavesWorkspaceUnchanged()
    {
        // Given a workspace with 5 orders, and a gzip file cut in half
        await using var ws = await TestWorkspace.CreateAsync();
        await Import(ws, OrdersFile(5, name: "first.csv"));
        var big = OrdersFile(20_000, (i, line) => line.Replace("o", "g", StringComparison.Ordinal), "big.csv");
        var gz = _temp.File("big.csv.gz");
        using (var output = File.Create(gz))
        using (var zip = new GZipStream(output, CompressionLevel.Fastest))
        {
            zip.Write(File.ReadAllBytes(big));
        }
        var bytes = File.ReadAllBytes(gz);
        File.WriteAllBytes(gz, bytes[..(bytes.Length / 2)]);

        // When imported
        var error = await Assert.ThrowsAsync<SegmentaInputException>(() => Import(ws, gz));

        // Then the message names the file and nothing changed
        Assert.Contains("big.csv.gz", error.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was imported", error.Message, StringComparison.Ordinal);
        Assert.Equal(5, await ws.CountAsync("SELECT count(*) FROM orders"));
        Assert.Equal(1, await ws.CountAsync("SELECT count(*) FROM import_log"));
        Assert.Equal(0, await ws.CountAsync("SELECT count(*) FROM quarantine"));
    }

    [Fact]
    public async Task Import_MissingFile_Fails()
    {
        await using var ws = await TestWorkspace.CreateAsync();
        var error = await Assert.ThrowsAsync<SegmentaInputException>(() => Import(ws, _temp.File("nope.csv")));
        Assert.Contains("nope.csv: file not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_EmptyFileOrHeaderOnly_Fails()
    {
        await using var ws = await TestWorkspace.CreateAsync();
        var empty = _temp.File("empty.csv");
        File.WriteAllText(empty, "");
        var header = _temp.File("header.csv");
        File.WriteAllText(header, "order_id,customer_id,ordered_at,quantity,unit_price\n");

        var e1 = await Assert.ThrowsAsync<SegmentaInputException>(() => Import(ws, empty));
        var e2 = await Assert.ThrowsAsync<SegmentaInputException>(() => Import(ws, header));

        Assert.Contains("empty.csv: the file is empty", e1.Message, StringComparison.Ordinal);
        Assert.Contains("header.csv: the file has no data rows", e2.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_RowWithExtraColumns_QuarantinedWithTrueRowNumber()
    {
        // Given 12 rows where row 5 has two extra fields
        await using var ws = await TestWorkspace.CreateAsync();
        var file = OrdersFile(12, (i, line) => i == 5 ? line + ",x,y" : line);

        var report = await Import(ws, file);

        // Then row 5 is quarantined as malformed, and a later bad row keeps its own number
        Assert.Equal(12, report.RowsRead);
        Assert.Equal(11, report.RowsAccepted);
        var sample = Assert.Single(report.Samples);
        Assert.Equal((5L, "malformed_row"), (sample.Row, sample.Reason));
        Assert.Equal(1, await ws.CountAsync("SELECT count(*) FROM orders WHERE order_id = 'o6'"));
    }

    [Fact]
    public async Task Import_UnknownMapTarget_ListsCanonicalFields()
    {
        await using var ws = await TestWorkspace.CreateAsync();
        var error = await Assert.ThrowsAsync<SegmentaInputException>(() => Import(ws, OrdersFile(2), new Dictionary<string, string> { ["order_id"] = "invoice" }));
        Assert.Contains("'invoice' is not a orders field", error.Message, StringComparison.Ordinal);
    }
}
