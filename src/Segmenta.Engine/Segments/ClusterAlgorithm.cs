namespace Segmenta.Engine.Segments;

/// <summary>Clustering algorithms of <c>segmenta cluster --algorithm</c> (docs/models.md#clustering).</summary>
public enum ClusterAlgorithm
{
    /// <summary>k-means++ with restarts.</summary>
    KMeans,

    /// <summary>k-medoids: PAM up to 2,000 customers, CLARA above.</summary>
    KMedoids,

    /// <summary>DBSCAN with eps from the k-distance curve; outliers labelled noise (−1).</summary>
    Dbscan,

    /// <summary>Hierarchical Ward on a 2,000-customer sample, the rest joining the nearest centroid.</summary>
    Ward,
}
