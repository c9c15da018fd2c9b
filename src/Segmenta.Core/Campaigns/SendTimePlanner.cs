namespace Segmenta.Core.Campaigns;

/// <summary>
/// When a message is due (docs/campaigns.md §3, send time). Times are shop-local wall-clock times; the caller
/// converts with the shop's time zone. Pure: the run's "now" is passed in.
/// </summary>
public static class SendTimePlanner
{
    /// <summary>
    /// The due time of a message planned at <paramref name="now"/>: with a preferred hour, the next start of that
    /// hour at or after now (today or tomorrow); without one, now. A due time inside quiet hours moves to the end
    /// of the quiet period.
    /// </summary>
    public static DateTime Due(DateTime now, int? preferredHour, QuietHours quiet)
    {
        var due = now;
        if (preferredHour is { } h)
        {
            var today = now.Date.AddHours(h);
            due = today >= now ? today : today.AddDays(1);
            // Within the current preferred hour it is still that hour: send now rather than tomorrow.
            if (now.Hour == h)
            {
                due = now;
            }
        }
        if (quiet.Contains(due.Hour))
        {
            var end = due.Date.AddHours(quiet.EndHour);
            due = end > due ? end : end.AddDays(1);
        }
        return due;
    }

    /// <summary>
    /// A customer's most active hour from their activity counts per hour of day (24 values, shop-local):
    /// the hour with the largest smoothed count <c>c[h−1] + 2·c[h] + c[h+1]</c> (hours wrap around midnight),
    /// so a person whose visits scatter ±1 hour around a habit is placed on the habit; ties go to the earlier
    /// hour. Null when there is no activity or fewer than <paramref name="minimumActivity"/> events.
    /// </summary>
    public static int? MostActiveHour(IReadOnlyList<long> countsByHour, long minimumActivity = 1)
    {
        ArgumentNullException.ThrowIfNull(countsByHour);
        if (countsByHour.Count != 24)
        {
            throw new ArgumentException("expected 24 hourly counts", nameof(countsByHour));
        }
        if (countsByHour.Sum() < Math.Max(1, minimumActivity))
        {
            return null;
        }
        var best = 0;
        var bestScore = long.MinValue;
        for (var h = 0; h < 24; h++)
        {
            var score = countsByHour[(h + 23) % 24] + 2 * countsByHour[h] + countsByHour[(h + 1) % 24];
            if (score > bestScore)
            {
                best = h;
                bestScore = score;
            }
        }
        return best;
    }
}
