namespace Segmenta.Core.Lifetime;

/// <summary>
/// One customer's calibration-period summary in the notation of Fader, Hardie and Lee:
/// <c>x</c> repeat purchases, recency <c>t_x</c> (time of the last purchase measured from the first),
/// age <c>T</c> (time from the first purchase to the end of calibration) and the mean spend of the
/// repeat purchases. Times are in one unit chosen by the caller (days or weeks).
/// </summary>
/// <param name="CustomerId">The customer's identifier (not used by the models).</param>
/// <param name="Frequency">Number of repeat purchases <c>x</c> (purchases after the first); 0 or more.</param>
/// <param name="Recency">Time <c>t_x</c> from the first to the last purchase; between 0 and <paramref name="Age"/>.</param>
/// <param name="Age">Time <c>T</c> from the first purchase to the end of the calibration period.</param>
/// <param name="MonetaryValue">Mean spend of the repeat purchases; 0 when there are none.</param>
public readonly record struct CustomerHistory(
    string CustomerId,
    double Frequency,
    double Recency,
    double Age,
    double MonetaryValue = 0);
