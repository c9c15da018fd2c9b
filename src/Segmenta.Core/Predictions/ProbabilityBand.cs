namespace Segmenta.Core.Predictions;

/// <summary>One band of customers by predicted probability, with what actually happened.</summary>
/// <param name="Band">1 = lowest predicted probabilities … Bands = highest.</param>
/// <param name="Customers">Customers in the band.</param>
/// <param name="MinProbability">Lowest predicted probability in the band.</param>
/// <param name="MaxProbability">Highest predicted probability in the band.</param>
/// <param name="MeanPredicted">Mean predicted probability.</param>
/// <param name="ActualRate">Share of the band that actually converted.</param>
public sealed record ProbabilityBand(int Band, int Customers, double MinProbability, double MaxProbability, double MeanPredicted, double ActualRate);
