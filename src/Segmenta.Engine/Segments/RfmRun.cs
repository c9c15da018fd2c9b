using Segmenta.Core.Rfm;
using Segmenta.Storage;

namespace Segmenta.Engine.Segments;

/// <summary>What one RFM + segmentation run produced (docs/segments.md).</summary>
/// <param name="AsOf">Scores use activity before this day.</param>
/// <param name="Basis">purchases or visits.</param>
/// <param name="WindowDays">Look-back window, 0 = all history.</param>
/// <param name="Scored">People scored.</param>
/// <param name="Summary">Means, medians and maxima of the RFM inputs.</param>
/// <param name="Segments">Per segment: customers, share, revenue share, revenue, AOV, repeat rate, next-period conversion.</param>
/// <param name="Note">Why nothing was scored, when nothing was.</param>
public sealed record RfmRun(
    DateOnly AsOf,
    RfmBasis Basis,
    int WindowDays,
    long Scored,
    IReadOnlyDictionary<string, object?> Summary,
    IReadOnlyList<IReadOnlyDictionary<string, object?>> Segments,
    string? Note);
