namespace Segmenta.Core.Lifetime;

/// <summary>The unit in which recency, age and forecast horizons are expressed.</summary>
public enum LifetimeTimeUnit
{
    /// <summary>Calendar days.</summary>
    Days = 0,

    /// <summary>Weeks of seven days; day counts are divided by 7 (so 213 days is 30.43 weeks).</summary>
    Weeks = 1,
}
