namespace Segmenta.Engine.Alerts;

/// <summary>One KPI's values on consecutive days (shop time zone), oldest first.</summary>
/// <param name="Kpi">The KPI's id (<c>net_revenue</c>, <c>orders</c>, <c>customers</c>, <c>sessions</c>).</param>
/// <param name="FirstDay">The day of <paramref name="Values"/>[0].</param>
/// <param name="Values">One value per day, missing days as 0.</param>
public sealed record DailyKpi(string Kpi, DateOnly FirstDay, IReadOnlyList<double> Values)
{
    /// <summary>The day of the last value.</summary>
    public DateOnly LastDay => FirstDay.AddDays(Values.Count - 1);
}
