using Segmenta.Storage.DuckDb;
using Segmenta.Storage.Metrics;

namespace Segmenta.Storage.Tests.Metrics;

/// <summary>The data's first and last day in the shop's zone, from the UTC extremes of orders and events.</summary>
public sealed class DataRangeTests
{
    [Theory]
    [InlineData("UTC", "2024-12-31", "2025-03-06")]
    [InlineData("Asia/Seoul", "2024-12-31", "2025-03-06")]          // 12-31 23:59 and 03-06 12:00 local
    [InlineData("America/Los_Angeles", "2024-12-31", "2025-03-05")] // 12-31 06:59 and 03-05 19:00 local (PST)
    public async Task DataRange_OrdersAndEvents_AreLocalDaysOfTheExtremes(string zone, string from, string to)
    {
        // Given an event at 2024-12-31 14:59 UTC, an order at 2025-01-01 15:30 UTC and an event at 2025-03-06 03:00 UTC
        await using var engine = await DuckDbEngine.OpenAsync(":memory:");
        await engine.ExecuteAsync("INSERT INTO events (event_id, occurred_at) VALUES ('e1', '2024-12-31 14:59:00'), ('e2', '2025-03-06 03:00:00')");
        await engine.ExecuteAsync("INSERT INTO orders (order_id, ordered_at, kind) VALUES ('o1', '2025-01-01 15:30:00', 'sale')");

        // When the range is read in the shop's zone
        var range = await MetricsQueries.DataRangeAsync(engine, zone);

        // Then its days are those of the extremes, converted to the zone
        Assert.Equal((DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture)), range);
    }

    [Fact]
    public async Task DataRange_OrdersOnly_OrNothing()
    {
        await using var engine = await DuckDbEngine.OpenAsync(":memory:");
        Assert.Null(await MetricsQueries.DataRangeAsync(engine, "Asia/Seoul"));
        await engine.ExecuteAsync("INSERT INTO orders (order_id, ordered_at, kind) VALUES ('o1', '2025-01-01 15:30:00', 'sale'), ('o2', NULL, 'sale')");
        Assert.Equal((new DateOnly(2025, 1, 2), new DateOnly(2025, 1, 2)), await MetricsQueries.DataRangeAsync(engine, "Asia/Seoul"));
    }
}
