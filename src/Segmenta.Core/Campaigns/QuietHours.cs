namespace Segmenta.Core.Campaigns;

/// <summary>
/// Hours of the shop's day in which nothing is sent: from <see cref="StartHour"/> (included) to
/// <see cref="EndHour"/> (excluded), wrapping past midnight when start &gt; end (21 → 8 = 21:00–07:59).
/// Start = end means no quiet hours.
/// </summary>
/// <param name="StartHour">First quiet hour, 0–23.</param>
/// <param name="EndHour">First hour after the quiet period, 0–23.</param>
public readonly record struct QuietHours(int StartHour, int EndHour)
{
    /// <summary>Whether <paramref name="hour"/> (0–23) is quiet.</summary>
    public bool Contains(int hour) =>
        StartHour != EndHour && (StartHour < EndHour ? hour >= StartHour && hour < EndHour : hour >= StartHour || hour < EndHour);

    /// <summary>Throws a <see cref="SegmentaInputException"/> when an hour is outside 0–23.</summary>
    public QuietHours Validate()
    {
        if (StartHour is < 0 or > 23 || EndHour is < 0 or > 23)
        {
            throw new SegmentaInputException(FormattableString.Invariant($"quiet hours {StartHour}–{EndHour}: hours must be 0–23"));
        }
        return this;
    }
}
