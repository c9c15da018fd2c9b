using Segmenta.Engine.Alerts;

namespace Segmenta.Dashboard.Tests.Alerts;

/// <summary>The two KPI rules on hand-computed series (docs/dashboard.md#alerts).</summary>
public sealed class KpiRulesTests
{
    private static readonly DateOnly Start = new(2025, 1, 1);

    private static DailyKpi Series(params double[] values) => new("net_revenue", Start, values);

    [Fact]
    public void WeekOverWeek_ThirtyPercentLower_FiresAtTwentyButNotThirtyFive()
    {
        // Given 7 days of 100 then 7 days of 70: 490 against 700, a change of −30 %
        var series = Series([.. Enumerable.Repeat(100.0, 7), .. Enumerable.Repeat(70.0, 7)]);

        // When judged with a 20 % threshold, then a 35 % one
        var alert = KpiRules.WeekOverWeek(series, 0.2);

        // Then it fires with the figures of the two weeks, judged on the last day
        Assert.NotNull(alert);
        Assert.Equal(KpiRules.WeekOverWeekDrop, alert.Rule);
        Assert.Equal(490, alert.Value, 9);
        Assert.Equal(700, alert.Baseline, 9);
        Assert.Equal(-0.3, alert.Score, 9);
        Assert.Equal(new DateOnly(2025, 1, 14), alert.Day);
        Assert.Null(KpiRules.WeekOverWeek(series, 0.35));
    }

    [Fact]
    public void WeekOverWeek_OnlyTheLastFourteenDaysCount_AndRisesOrEmptyWeeksNeverFire()
    {
        // A collapse three weeks ago does not matter: 80 → 60 is −25 %
        Assert.Equal(-0.25, KpiRules.WeekOverWeek(Series([5000, 5000, .. Enumerable.Repeat(80.0, 7), .. Enumerable.Repeat(60.0, 7)]), 0.2)!.Score, 9);
        // A rise, a previous week of zero, and fewer than 14 days never fire
        Assert.Null(KpiRules.WeekOverWeek(Series([.. Enumerable.Repeat(70.0, 7), .. Enumerable.Repeat(100.0, 7)]), 0.0));
        Assert.Null(KpiRules.WeekOverWeek(Series([.. Enumerable.Repeat(0.0, 7), .. Enumerable.Repeat(0.0, 7)]), 0.2));
        Assert.Null(KpiRules.WeekOverWeek(Series([.. Enumerable.Repeat(100.0, 7), .. Enumerable.Repeat(0.0, 6)]), 0.2));
    }

    [Fact]
    public void ZScore_SlumpAgainstAlternating90And110_IsMinus3Point928()
    {
        // Given 28 trailing days alternating 90 and 110: mean 100, sample sd √(28·100/27) = 10.183502
        var trailing = Enumerable.Range(0, 28).Select(i => i % 2 == 0 ? 90.0 : 110.0).ToArray();

        // When the last day is 60: z = −40 / 10.183502 = −3.927922
        var alert = KpiRules.ZScore(Series([.. trailing, 60]), 3);

        // Then the rule fires with that z, the day's value and the trailing mean
        Assert.NotNull(alert);
        Assert.Equal(KpiRules.DailyZScore, alert.Rule);
        Assert.Equal(-3.927922, alert.Score, 6);
        Assert.Equal(60, alert.Value);
        Assert.Equal(100, alert.Baseline, 9);
        Assert.Equal(new DateOnly(2025, 1, 29), alert.Day);
        // A spike fires too (|z|), a day at 75 (z = −2.454951) does not, and older days are outside the window
        Assert.Equal(3.927922, KpiRules.ZScore(Series([.. trailing, 140]), 3)!.Score, 6);
        Assert.Null(KpiRules.ZScore(Series([.. trailing, 75]), 3));
        Assert.Equal(-2.454951, KpiRules.ZScore(Series([.. trailing, 75]), 2)!.Score, 6);
        Assert.Equal(-3.927922, KpiRules.ZScore(Series([1e6, -1e6, .. trailing, 60]), 3)!.Score, 6);
    }

    [Fact]
    public void ZScore_WithoutSpreadOrHistory_NeverFires()
    {
        Assert.Null(KpiRules.ZScore(Series([.. Enumerable.Repeat(100.0, 28), 0]), 3));
        Assert.Null(KpiRules.ZScore(Series([.. Enumerable.Repeat(100.0, 27), 0]), 3));
        // A 7-day window: 1..7 has mean 4 and sample sd 2.160247; 14 gives z = 4.629100
        Assert.Equal(4.629100, KpiRules.ZScore(Series(1, 2, 3, 4, 5, 6, 7, 14), 3, trailingDays: 7)!.Score, 6);
    }
}
