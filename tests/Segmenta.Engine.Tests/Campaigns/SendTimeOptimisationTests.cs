using System.Globalization;
using Segmenta.Core.Campaigns;
using Segmenta.Engine.Simulation;
using Segmenta.Engine.Workspaces;
using Segmenta.Storage;
using Segmenta.Storage.Campaigns;
using Segmenta.Storage.Import;
using Segmenta.Testing;
using Xunit.Abstractions;

namespace Segmenta.Engine.Tests.Campaigns;

/// <summary>Send-time optimisation against the simulator's true preferred hour (docs/simulator.md, docs/campaigns.md §3).</summary>
public sealed class SendTimeOptimisationTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _temp = new("segmenta-sto-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task MostActiveHour_SimulatedShop_RecoversThePreferredHourForEightyPercentOfActiveCustomers()
    {
        // Given a simulated shop (UTC) imported through the real importers
        var data = _temp.File("data");
        new ShopSimulator(new SimulationOptions { Customers = 2000, Days = 180, Seed = 11 }).WriteTo(data);
        await using var ws = await Workspace.OpenAsync(_temp.File("ws"));
        var importer = ws.CreateImporter();
        await importer.ImportAsync(new ImportRequest(ImportKind.Customers, Path.Combine(data, ShopSimulator.CustomersFile), "csv", SourceTimeZone: "UTC"));
        await importer.ImportAsync(new ImportRequest(ImportKind.Events, Path.Combine(data, ShopSimulator.EventsFile), "csv", SourceTimeZone: "UTC"));

        // When each customer's most active hour is taken from their sessions
        var hours = await CampaignStore.ActivityHoursAsync(ws.Engine, "UTC", new DateTime(2100, 1, 1));
        var truth = await ws.Engine.QueryAsync(
            $"SELECT person_id, preferred_hour FROM read_csv({SqlText.Literal(Path.Combine(data, ShopSimulator.TruthFile))}, header = true) WHERE is_customer");

        // Then for active customers (at least 8 sessions in the period) it is the simulated preferred hour for ≥ 80 %
        long active = 0, recovered = 0;
        foreach (var row in truth.Rows)
        {
            if (!hours.TryGetValue((string)row[0]!, out var counts) || counts.Sum() < 8)
            {
                continue;
            }
            active++;
            if (SendTimePlanner.MostActiveHour(counts) == Convert.ToInt32(row[1], CultureInfo.InvariantCulture))
            {
                recovered++;
            }
        }
        var share = (double)recovered / active;
        output.WriteLine($"active customers {active}, recovered {recovered} ({share:P1})");
        Assert.InRange(active, 200, 2000);
        Assert.True(share >= 0.80, $"recovered the preferred hour for {share:P1} of {active} active customers");
    }
}
