namespace Segmenta.ML;

/// <summary>One person's features at a cutoff, and the outcome in the horizon after it.</summary>
/// <param name="PersonId">Customer id, or <c>anon:…</c> for an anonymous visitor.</param>
/// <param name="Features">Values in the order of the model's feature names.</param>
/// <param name="Label">The outcome the model learns (bought in [cutoff, cutoff + horizon) for purchase models).</param>
/// <param name="Visited">Had a session in [cutoff, cutoff + horizon) (the outcome of visit-churn models).</param>
public sealed record FeatureRow(string PersonId, float[] Features, bool Label, bool Visited = false);
