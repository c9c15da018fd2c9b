namespace Segmenta.Engine.Simulation;

/// <summary>
/// The latent parameters of one customer type (see docs/simulator.md). Individual traits are drawn
/// around these: purchase rate ~ Gamma, dropout ~ Beta, price sensitivity ~ Beta, and so on.
/// </summary>
internal sealed class CustomerTypeProfile
{
    public required string Name { get; init; }
    public required double Share { get; init; }
    public required double RateShape { get; init; }
    public required double RateMean { get; init; }
    public required double DropoutA { get; init; }
    public required double DropoutB { get; init; }
    public required double SessionRateMedian { get; init; }
    public required double PriceSensitivityA { get; init; }
    public required double PriceSensitivityB { get; init; }
    public required double UpliftBase { get; init; }
    public required double ExtraLinesMean { get; init; }
    public required double FirstPurchaseAtSignup { get; init; }
    public required double HourMean { get; init; }
    public required double HourSd { get; init; }
    public required double MobileShare { get; init; }
    public required double EmailConsent { get; init; }
    public required double OpenProbability { get; init; }
    public required double ClickGivenOpen { get; init; }
    public required double CartProbability { get; init; }
    public required double ProductViews { get; init; }
    public required double[] WeekdayWeights { get; init; }

    /// <summary>The five customer types, in a fixed order (the index is the type code).</summary>
    public static IReadOnlyList<CustomerTypeProfile> All { get; } =
    [
        new CustomerTypeProfile
        {
            Name = "loyal_high_spender", Share = 0.08, RateShape = 6, RateMean = 0.018, DropoutA = 1, DropoutB = 49,
            SessionRateMedian = 0.14, PriceSensitivityA = 1, PriceSensitivityB = 19, UpliftBase = 0.02, ExtraLinesMean = 1.3,
            FirstPurchaseAtSignup = 0.7, HourMean = 20, HourSd = 1.0, MobileShare = 0.25, EmailConsent = 0.85,
            OpenProbability = 0.45, ClickGivenOpen = 0.25, CartProbability = 0.45, ProductViews = 2.5,
            WeekdayWeights = Normalise([1.0, 1.0, 1.0, 1.0, 1.0, 0.9, 1.1]),
        },
        new CustomerTypeProfile
        {
            Name = "regular", Share = 0.30, RateShape = 4, RateMean = 0.0055, DropoutA = 2, DropoutB = 30,
            SessionRateMedian = 0.07, PriceSensitivityA = 10, PriceSensitivityB = 10, UpliftBase = 0.06, ExtraLinesMean = 0.6,
            FirstPurchaseAtSignup = 0.55, HourMean = 8, HourSd = 1.0, MobileShare = 0.6, EmailConsent = 0.7,
            OpenProbability = 0.25, ClickGivenOpen = 0.15, CartProbability = 0.26, ProductViews = 1.2,
            WeekdayWeights = Normalise([0.9, 0.9, 0.9, 1.0, 1.1, 1.1, 1.1]),
        },
        new CustomerTypeProfile
        {
            Name = "bargain_hunter", Share = 0.20, RateShape = 4, RateMean = 0.005, DropoutA = 2, DropoutB = 20,
            SessionRateMedian = 0.09, PriceSensitivityA = 19, PriceSensitivityB = 1, UpliftBase = 0.22, ExtraLinesMean = 0.5,
            FirstPurchaseAtSignup = 0.45, HourMean = 16, HourSd = 1.0, MobileShare = 0.7, EmailConsent = 0.75,
            OpenProbability = 0.3, ClickGivenOpen = 0.25, CartProbability = 0.33, ProductViews = 1.5,
            WeekdayWeights = Normalise([0.8, 0.8, 0.9, 0.9, 1.2, 1.1, 1.3]),
        },
        new CustomerTypeProfile
        {
            Name = "one_off_buyer", Share = 0.20, RateShape = 3, RateMean = 0.0025, DropoutA = 8, DropoutB = 4,
            SessionRateMedian = 0.02, PriceSensitivityA = 4, PriceSensitivityB = 4, UpliftBase = 0.05, ExtraLinesMean = 0.2,
            FirstPurchaseAtSignup = 0.9, HourMean = 12, HourSd = 1.0, MobileShare = 0.6, EmailConsent = 0.55,
            OpenProbability = 0.08, ClickGivenOpen = 0.1, CartProbability = 0.13, ProductViews = 0.3,
            WeekdayWeights = Normalise([1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]),
        },
        new CustomerTypeProfile
        {
            Name = "window_shopper", Share = 0.22, RateShape = 2, RateMean = 0.0008, DropoutA = 3, DropoutB = 7,
            SessionRateMedian = 0.07, PriceSensitivityA = 5, PriceSensitivityB = 4, UpliftBase = 0.04, ExtraLinesMean = 0.2,
            FirstPurchaseAtSignup = 0.1, HourMean = 0, HourSd = 1.0, MobileShare = 0.75, EmailConsent = 0.6,
            OpenProbability = 0.12, ClickGivenOpen = 0.1, CartProbability = 0.1, ProductViews = 3.5,
            WeekdayWeights = Normalise([0.7, 0.7, 0.8, 0.8, 1.0, 1.5, 1.5]),
        },
    ];

    /// <summary>Scales weekday weights (Monday first) to a mean of exactly 1.</summary>
    private static double[] Normalise(double[] w)
    {
        var sum = 0.0;
        foreach (var x in w)
        {
            sum += x;
        }
        for (var i = 0; i < w.Length; i++)
        {
            w[i] = w[i] * w.Length / sum;
        }
        return w;
    }
}
