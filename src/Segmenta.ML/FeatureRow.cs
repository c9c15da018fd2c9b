namespace Segmenta.ML;

/// <summary>One person's features at a cutoff, and whether they bought in the horizon after it.</summary>
/// <param name="PersonId">Customer id, or <c>anon:…</c> for an anonymous visitor.</param>
/// <param name="Features">Values in the order of the model's feature names.</param>
/// <param name="Label">Bought in [cutoff, cutoff + horizon).</param>
public sealed record FeatureRow(string PersonId, float[] Features, bool Label);
