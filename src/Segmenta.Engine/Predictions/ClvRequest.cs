namespace Segmenta.Engine.Predictions;

/// <summary>Settings of <c>segmenta clv</c>.</summary>
public sealed record ClvRequest
{
    /// <summary><c>bgnbd</c> (default), <c>mbgnbd</c> or <c>paretonbd</c>.</summary>
    public string Model { get; init; } = "bgnbd";

    /// <summary>Last calibration day; default the last day with an order.</summary>
    public DateOnly? CalibrationEnd { get; init; }

    /// <summary>Days ahead for expected purchases and CLV.</summary>
    public int HorizonDays { get; init; } = 365;

    /// <summary><c>days</c> or <c>weeks</c>: the time unit models are fitted in (results are the same up to rounding).</summary>
    public string Unit { get; init; } = "days";

    /// <summary>Monthly discount rate for CLV.</summary>
    public double MonthlyDiscountRate { get; init; } = 0.01;

    /// <summary>How many top customers to list.</summary>
    public int Top { get; init; } = 10;
}
