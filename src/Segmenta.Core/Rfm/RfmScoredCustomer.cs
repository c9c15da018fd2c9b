namespace Segmenta.Core.Rfm;

/// <summary>One customer's raw measures together with the scores they earned.</summary>
/// <param name="Values">The measures that were scored.</param>
/// <param name="Score">The R, F and M scores.</param>
public readonly record struct RfmScoredCustomer(RfmValues Values, RfmScore Score);
