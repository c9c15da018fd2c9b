using Segmenta.Testing;

namespace Segmenta.Cli.Tests;

/// <summary>The real command, its JSON and its exit codes (docs/cli.md).</summary>
public sealed class CliTests : IDisposable
{
    private readonly TempFolder _temp = new("segmenta-cli-");

    public void Dispose() => _temp.Dispose();

    private string Workspace => _temp.File("ws");

    [Fact]
    public async Task ImportOrders_OnlineRetail_PrintsPublishedCountsAsJson()
    {
        // When the Online Retail file is imported with --json
        var run = await SegmentaProcess.RunAsync("-w", Workspace, "import", "orders", TestData.Path("online_retail/OnlineRetail.csv.gz"), "--format", "online-retail", "--json");

        // Then stdout is one JSON document with the published counts, and read = accepted + quarantined
        Assert.Equal(0, run.ExitCode);
        var json = run.Json;
        Assert.Equal(541_909, json.GetProperty("rows_read").GetInt64());
        Assert.Equal(json.GetProperty("rows_read").GetInt64(), json.GetProperty("rows_accepted").GetInt64() + json.GetProperty("rows_quarantined").GetInt64());
        var facts = json.GetProperty("facts");
        Assert.Equal(25_900, facts.GetProperty("orders_read").GetDouble());
        Assert.Equal(3_836, facts.GetProperty("cancellation_orders_read").GetDouble());
        Assert.Equal(4_372, facts.GetProperty("customers").GetDouble());
        Assert.Equal(135_080, facts.GetProperty("rows_without_customer_read").GetDouble());
        Assert.Equal(3, json.GetProperty("quarantined_by_reason").GetProperty("adjustment").GetInt64());

        // And quality agrees and balances
        var quality = await SegmentaProcess.RunAsync("-w", Workspace, "--json", "quality");
        Assert.Equal(0, quality.ExitCode);
        Assert.True(quality.Json.GetProperty("all_imports_balanced").GetBoolean());
        Assert.Equal(8_905 + 383, quality.Json.GetProperty("stored").GetProperty("cancellation_lines").GetInt64());
    }

    [Fact]
    public async Task Import_MissingFile_ExitsOneWithJsonError()
    {
        var run = await SegmentaProcess.RunAsync("-w", Workspace, "--json", "import", "orders", _temp.File("nope.csv"));

        Assert.Equal(1, run.ExitCode);
        var error = run.Json.GetProperty("error");
        Assert.Equal(1, error.GetProperty("code").GetInt32());
        Assert.EndsWith("nope.csv: file not found", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownCommand_ExitsTwo()
    {
        var run = await SegmentaProcess.RunAsync("-w", Workspace, "frobnicate");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("frobnicate", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadDateInRow17_MessageNamesFileRowAndField()
    {
        // Given a CSV whose data row 17 has an impossible date
        var file = _temp.File("orders.csv");
        var lines = new List<string> { "order_id,customer_id,ordered_at,amount" };
        for (var i = 1; i <= 20; i++)
        {
            lines.Add(FormattableString.Invariant($"o{i},c{i},{(i == 17 ? "2024-13-01" : "2024-01-01")} 10:00:00,5"));
        }
        File.WriteAllLines(file, lines);

        // When imported (human output)
        var run = await SegmentaProcess.RunAsync("-w", Workspace, "import", "orders", file);

        // Then it succeeds for the 19 good rows and names row 17 and its field
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("orders.csv row 17, field ordered_at: '2024-13-01 10:00:00' is not a date/time (bad_date)", run.Stdout.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExperimentAnalyze_Hillstrom_ReproducesPublishedArms()
    {
        var run = await SegmentaProcess.RunAsync("-w", Workspace, "--json", "experiment", "analyze",
            TestData.Path("hillstrom/Kevin_Hillstrom_MineThatData_E-MailAnalytics_DataMiningChallenge_2008.03.20.csv"),
            "--arm", "segment", "--control", "No E-Mail", "--revenue", "spend", "--visit", "visit");

        Assert.Equal(0, run.ExitCode);
        var arms = run.Json.GetProperty("arms").EnumerateArray().ToDictionary(a => a.GetProperty("arm").GetString()!);
        Assert.Equal(21_307, arms["Mens E-Mail"].GetProperty("count").GetInt32());
        Assert.Equal(0.182757, arms["Mens E-Mail"].GetProperty("visit_rate").GetDouble(), 6);
        Assert.Equal(0.008837, arms["Womens E-Mail"].GetProperty("conversion_rate").GetDouble(), 6);
        Assert.Equal(0.6528, arms["No E-Mail"].GetProperty("revenue_per_customer").GetDouble(), 4);
    }
}
