namespace Segmenta.Storage.Tests;

/// <summary>The SQL for shop-local times and days against .NET's own time-zone conversion.</summary>
public sealed class ShopTimeTests
{
    [Theory]
    [InlineData("UTC")]
    [InlineData("Asia/Seoul")]
    [InlineData("Europe/Berlin")]
    [InlineData("America/Santiago")]
    public async Task LocalTimeAndDay_RandomInstants_MatchTimeZoneInfo(string zone)
    {
        // Given 500 random UTC instants over 2023–2025 (both clock changes included where the zone has them)
        await using var ws = await TestWorkspace.CreateAsync();
        var random = new Random(3);
        var start = new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var instants = Enumerable.Range(0, 500).Select(_ => start.AddSeconds(random.NextInt64(3L * 365 * 86_400))).ToList();
        await ws.Engine.ExecuteAsync("CREATE TABLE t (i INTEGER, happened TIMESTAMP)");
        for (var i = 0; i < instants.Count; i++)
        {
            await ws.Engine.ExecuteAsync("INSERT INTO t VALUES ($1, $2)", [i, instants[i]]);
        }

        // When the shop-local time and day are computed in SQL
        var rows = await ws.Engine.QueryAsync(
            $"SELECT i, {ShopTime.LocalTimeSql("happened", zone)} AS local_at, {ShopTime.LocalDaySql("happened", zone)} AS local_day FROM t ORDER BY i");

        // Then each is the instant converted by .NET's time-zone database
        var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
        foreach (var r in rows.Rows)
        {
            var i = ResultTable.Convert<int>(r[0]);
            var expected = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(instants[i], DateTimeKind.Utc), tz);
            Assert.Equal(expected, ResultTable.Convert<DateTime>(r[1]));
            Assert.Equal(DateOnly.FromDateTime(expected), r[2] is DateOnly d ? d : DateOnly.FromDateTime(ResultTable.Convert<DateTime>(r[2])));
        }
    }
}
