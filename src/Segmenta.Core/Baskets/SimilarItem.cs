namespace Segmenta.Core.Baskets;

/// <summary>An item related to a query item ("customers who bought X also bought Y").</summary>
/// <param name="Item">The related item Y.</param>
/// <param name="Cosine">n(X, Y) / sqrt(n(X) · n(Y)) over the incidence rows.</param>
/// <param name="CoOccurrenceCount">n(X, Y): rows (baskets or customers) with both items.</param>
/// <param name="Confidence">n(X, Y) / n(X): share of X's rows that also hold Y.</param>
public sealed record SimilarItem(string Item, double Cosine, int CoOccurrenceCount, double Confidence);
