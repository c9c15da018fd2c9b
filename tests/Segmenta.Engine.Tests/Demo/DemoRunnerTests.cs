using Segmenta.Testing;
using Segmenta.Core;
using Segmenta.Engine.Demo;
using Segmenta.Engine.Workspaces;

namespace Segmenta.Engine.Tests.Demo;

/// <summary>The demo end to end on a small shop: simulator → importers → analyses → report.</summary>
public sealed class DemoRunnerTests : IDisposable
{
    private readonly TempFolder _temp = new("segmenta-demo-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Run_SmallShop_ImportsEverythingTheSimulatorWrote()
    {
        // Given an empty workspace
        await using var ws = await Workspace.OpenAsync(_temp.Path);

        // When the demo simulates 1,500 customers over 60 days
        var result = await DemoRunner.RunAsync(ws, new DemoOptions { Customers = 1_500, Days = 60, Seed = 7 }, TimeProvider.System);

        // Then every simulated row was accepted (the simulator writes clean data) and read = accepted + quarantined
        Assert.All(result.Imports, i => Assert.Equal(i.RowsRead, i.RowsAccepted + i.RowsQuarantined));
        Assert.All(result.Imports, i => Assert.Equal(0, i.RowsQuarantined));
        Assert.Equal(result.Simulation.Events, result.Imports.Single(i => i.Kind == Storage.Import.ImportKind.Events).RowsAccepted);
        Assert.Equal(result.Simulation.OrderLines, result.Imports.Single(i => i.Kind == Storage.Import.ImportKind.Orders).RowsAccepted);
        // Derived sessions (30-minute rule, anonymous visits stitched to the customer who signed up) can only
        // merge simulated ones, never split them
        var sessions = Convert.ToInt64(result.Quality.Stored["sessions"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(sessions, result.Simulation.Sessions * 0.99, result.Simulation.Sessions);
        Assert.Equal((double)result.Simulation.Revenue, result.Metrics!.GrossRevenue, 0.01);
        // And the shop looks like a shop: most visitors never buy, a few percent of sessions convert
        Assert.InRange(result.Metrics.VisitorsWithoutPurchaseShare, 0.6, 0.95);
        Assert.InRange(result.Metrics.SessionConversionRate, 0.01, 0.10);
        Assert.Equal(result.Simulation.Customers + result.Simulation.Visitors, await ws.Engine.ScalarAsync<long>("SELECT count(*) FROM sim_truth"));
        Assert.True(File.Exists(result.Report));
        Assert.False(Directory.Exists(_temp.File("demo-data")));
    }

    [Fact]
    public async Task Run_WorkspaceWithData_RefusesWithoutReset()
    {
        await using var ws = await Workspace.OpenAsync(_temp.Path);
        await DemoRunner.RunAsync(ws, new DemoOptions { Customers = 200, Days = 20 }, TimeProvider.System);

        var error = await Assert.ThrowsAsync<SegmentaInputException>(() => DemoRunner.RunAsync(ws, new DemoOptions { Customers = 200, Days = 20 }, TimeProvider.System));
        Assert.Contains("--reset", error.Message, StringComparison.Ordinal);

        var again = await DemoRunner.RunAsync(ws, new DemoOptions { Customers = 200, Days = 20, Reset = true }, TimeProvider.System);
        Assert.Equal(again.Simulation.Customers, await ws.Engine.ScalarAsync<long>("SELECT count(*) FROM customers"));
    }
}
