namespace Segmenta.Storage;

/// <summary>Day boundaries in the shop's zone as the UTC instants stored timestamps are compared with.</summary>
public static class ShopTime
{
    /// <summary>The UTC instant of local midnight starting <paramref name="day"/> in <paramref name="timeZone"/> (IANA).</summary>
    public static DateTime LocalMidnightToUtc(DateOnly day, string timeZone)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        var local = DateTime.SpecifyKind(day.ToDateTime(TimeOnly.MinValue), DateTimeKind.Unspecified);
        // A midnight skipped by a DST change does not exist; the day then starts at the first valid instant.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }
        return DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeToUtc(local, zone), DateTimeKind.Unspecified);
    }

    /// <summary>
    /// SQL for the shop-local wall-clock time of a stored UTC <paramref name="instant"/> expression in
    /// <paramref name="timeZone"/> (an IANA id, rendered as a quoted literal). In UTC it is the instant
    /// itself, so the per-row zone conversion (costly over millions of rows) is skipped.
    /// </summary>
    public static string LocalTimeSql(string instant, string timeZone) =>
        string.Equals(timeZone, "UTC", StringComparison.OrdinalIgnoreCase)
            ? $"CAST({instant} AS TIMESTAMP)"
            : $"timezone({SqlText.Literal(timeZone)}, ({instant})::TIMESTAMPTZ)";

    /// <summary>SQL for the shop-local day of a stored UTC <paramref name="instant"/>, as <see cref="LocalTimeSql"/>.</summary>
    public static string LocalDaySql(string instant, string timeZone) => $"CAST({LocalTimeSql(instant, timeZone)} AS DATE)";
}
