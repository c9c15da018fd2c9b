using System.Globalization;
using Segmenta.Core.Rfm;

namespace Segmenta.Storage.Tests.Rfm;

/// <summary>
/// The cut-value scoring in DuckDB (RfmSql.Thresholds) against the C# reference rule (RfmScorer:
/// 1 + floor(5 (rank − 1) / n), ties at their first rank) over many random inputs full of ties.
/// </summary>
public sealed class ThresholdScoreTests
{
    [Theory]
    [InlineData(1, 3)]
    [InlineData(2, 2)]
    [InlineData(3, 5)]
    [InlineData(4, 1)]
    [InlineData(5, 4)]
    [InlineData(7, 3)]
    [InlineData(11, 100)]
    [InlineData(37, 6)]
    [InlineData(100, 2)]
    [InlineData(1000, 40)]
    [InlineData(2503, 100000)]
    public async Task ThresholdScores_RandomValuesWithTies_SameAsRankRule(int n, int distinct)
    {
        await using var ws = await TestWorkspace.CreateAsync();
        var random = new Random(n * 7919 + distinct);
        for (var round = 0; round < 5; round++)
        {
            // Given n values drawn from few (or many) distinct ones
            var values = Enumerable.Range(0, n).Select(_ => (double)random.Next(distinct)).ToArray();
            var rows = string.Join(", ", values.Select((x, i) => string.Create(CultureInfo.InvariantCulture, $"({i}, {x})")));
            await ws.Engine.ExecuteAsync($"CREATE OR REPLACE TEMP TABLE v AS SELECT * FROM (VALUES {rows}) t(i, x)");

            foreach (var lowerIsBetter in new[] { false, true })
            {
                // When scored by cut values in SQL
                var t = await ws.Engine.QueryAsync($"""
                    SELECT i, {RfmSql.ThresholdScore("x", lowerIsBetter, "c")} FROM v
                    CROSS JOIN ({RfmSql.Thresholds("v", "x", lowerIsBetter, "c")}) ORDER BY i
                    """);

                // Then every value gets the rank rule's score
                var expected = RfmScorer.ScoreQuintiles(values, lowerIsBetter);
                var actual = t.Rows.Select(r => Convert.ToInt32(r[1], CultureInfo.InvariantCulture)).ToArray();
                Assert.Equal(expected, actual);
            }
        }
    }
}
