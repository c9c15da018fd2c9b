namespace Segmenta.Core.Clustering;

/// <summary>How <see cref="Dbscan.SuggestEps"/> reads eps off the sorted k-distance curve.</summary>
public enum EpsRule
{
    /// <summary>
    /// The knee: with both axes scaled to [0, 1], the point of the ascending curve farthest below the
    /// straight line from its first to its last point (the "kneedle" idea of Satopää et al. 2011).
    /// </summary>
    Knee,

    /// <summary>The median k-distance: about half the points become core points.</summary>
    Median,
}
