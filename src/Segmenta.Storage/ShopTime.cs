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
}
