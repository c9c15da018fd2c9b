namespace Segmenta.Core.Rfm;

/// <summary>The outcome of scoring a population: one entry per input customer, in input order.</summary>
/// <param name="Customers">The scored customers, in the order they were given.</param>
public sealed record RfmScoringResult(IReadOnlyList<RfmScoredCustomer> Customers);
