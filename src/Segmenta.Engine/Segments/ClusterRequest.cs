namespace Segmenta.Engine.Segments;

/// <summary>What <see cref="BuyerClusters.RunAsync(Workspaces.Workspace, ClusterRequest, CancellationToken)"/> clusters and how.</summary>
public sealed record ClusterRequest
{
    /// <summary>Number of clusters; null = auto (best k-means silhouette for k = 2..8). Not used by DBSCAN.</summary>
    public int? K { get; init; }

    /// <summary>Seed for seeding and samples: the same seed gives the same clusters.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Snapshot day (data strictly before it); null = the day after the last data.</summary>
    public DateOnly? AsOf { get; init; }

    /// <summary>The algorithm.</summary>
    public ClusterAlgorithm Algorithm { get; init; } = ClusterAlgorithm.KMeans;

    /// <summary>Feature names (docs/models.md#features-for-clustering); null = the behaviour set when customers have sessions, else the purchase set.</summary>
    public IReadOnlyList<string>? Features { get; init; }

    /// <summary>DBSCAN radius in z-score units; null = suggested from the k-distance curve.</summary>
    public double? Eps { get; init; }

    /// <summary>
    /// With session features and k-means: customers with fewer sessions than this do not shape the
    /// clusters (nor the choice of k) but are placed in the nearest one — their per-session rates
    /// come from one or two visits (docs/models.md#features-for-clustering). 1 = everyone shapes them.
    /// </summary>
    public int MinSessions { get; init; } = 3;

    /// <summary>DBSCAN minimum points of a core point (itself included).</summary>
    public int MinPoints { get; init; } = 5;
}
