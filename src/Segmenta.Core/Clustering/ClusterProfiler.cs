using System.Globalization;

namespace Segmenta.Core.Clustering;

/// <summary>
/// Describes clusters: size, share, per-feature means in original units and z-scores against the
/// whole population, and a generated name.
/// </summary>
/// <remarks>
/// Naming rule: features whose cluster z-score is at least <see cref="NameThreshold"/> (0.5) in
/// absolute value are "high &lt;feature&gt;" (z ≥ 0.5) or "low &lt;feature&gt;" (z ≤ −0.5); the
/// <see cref="MaxNameFeatures"/> (3) with the largest |z| (column order on a tie) are joined with
/// " · ". A cluster with no such feature is "average"; noise (label −1) is "noise". When two
/// clusters get the same name, the later ones (in label order) get " #2", " #3", ….
/// </remarks>
public static class ClusterProfiler
{
    /// <summary>|z| from which a feature counts as high or low in a name: 0.5.</summary>
    public const double NameThreshold = 0.5;

    /// <summary>Most features named: 3.</summary>
    public const int MaxNameFeatures = 3;

    /// <summary>Profiles the clusters, standardising <paramref name="original"/> with <paramref name="options"/>.</summary>
    /// <param name="original">Features in original units.</param>
    /// <param name="labels">Cluster of each row.</param>
    /// <param name="options">Standardisation (log columns, sd); null for the defaults. Use the
    /// same options as for the clustering.</param>
    /// <returns>One profile per distinct label, ascending by label.</returns>
    public static IReadOnlyList<ClusterProfile> Profile(FeatureMatrix original, IReadOnlyList<int> labels, StandardizeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(original);
        return Profile(original, original.Standardize(options), labels);
    }

    /// <summary>Profiles the clusters given the standardisation already computed from <paramref name="original"/>.</summary>
    /// <param name="original">Features in original units.</param>
    /// <param name="standardized">The result of <c>original.Standardize(…)</c>.</param>
    /// <param name="labels">Cluster of each row.</param>
    /// <returns>One profile per distinct label, ascending by label.</returns>
    /// <exception cref="SegmentaInputException">Row or feature counts do not match.</exception>
    public static IReadOnlyList<ClusterProfile> Profile(FeatureMatrix original, StandardizedFeatures standardized, IReadOnlyList<int> labels) =>
        Profile(original, standardized, labels, null);

    /// <summary>Profiles the clusters, naming them with <paramref name="naming"/> (shop words per feature, features left out of names, a suffix).</summary>
    /// <param name="original">Features in original units.</param>
    /// <param name="standardized">The result of <c>original.Standardize(…)</c>.</param>
    /// <param name="labels">Cluster of each row.</param>
    /// <param name="naming">Words for names; null names features as "high/low ‹feature›".</param>
    /// <returns>One profile per distinct label, ascending by label.</returns>
    /// <exception cref="SegmentaInputException">Row or feature counts do not match.</exception>
    public static IReadOnlyList<ClusterProfile> Profile(FeatureMatrix original, StandardizedFeatures standardized, IReadOnlyList<int> labels, ClusterNaming? naming)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(standardized);
        ArgumentNullException.ThrowIfNull(labels);
        var n = original.RowCount;
        var d = original.ColumnCount;
        if (labels.Count != n || standardized.Matrix.RowCount != n || standardized.Matrix.ColumnCount != d)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"profiles need one label and one standardised row per customer: {n} customers, {labels.Count} labels, {standardized.Matrix.RowCount} standardised rows"));
        }
        var clusters = new SortedDictionary<int, int>();
        foreach (var label in labels)
        {
            clusters.TryAdd(label, clusters.Count);
        }
        var order = clusters.Keys.ToArray();
        var slot = new Dictionary<int, int>();
        for (var s = 0; s < order.Length; s++)
        {
            slot[order[s]] = s;
        }
        var k = order.Length;
        var sums = new double[k * d];
        var zSums = new double[k * d];
        var sizes = new int[k];
        var overall = new double[d];
        var raw = original.Data;
        var z = standardized.Matrix.Data;
        for (var i = 0; i < n; i++)
        {
            var c = slot[labels[i]];
            sizes[c]++;
            for (var j = 0; j < d; j++)
            {
                sums[(c * d) + j] += raw[(i * d) + j];
                zSums[(c * d) + j] += z[(i * d) + j];
                overall[j] += raw[(i * d) + j];
            }
        }
        var used = new Dictionary<string, int>(StringComparer.Ordinal);
        var profiles = new List<ClusterProfile>(k);
        for (var c = 0; c < k; c++)
        {
            var features = new FeatureProfile[d];
            for (var j = 0; j < d; j++)
            {
                features[j] = new FeatureProfile(original.FeatureNames[j], sums[(c * d) + j] / sizes[c],
                    overall[j] / n, zSums[(c * d) + j] / sizes[c]);
            }
            var name = order[c] == -1 ? "noise" : Name(features, naming);
            var seen = used.GetValueOrDefault(name) + 1;
            used[name] = seen;
            if (seen > 1)
            {
                name = string.Create(CultureInfo.InvariantCulture, $"{name} #{seen}");
            }
            profiles.Add(new ClusterProfile(order[c], name, sizes[c], (double)sizes[c] / n, features));
        }
        return profiles;
    }

    /// <summary>The name from the naming rule (see the class remarks).</summary>
    /// <param name="features">The cluster's feature profiles.</param>
    /// <returns>E.g. "high monetary · low frequency", or "average".</returns>
    public static string Name(IReadOnlyList<FeatureProfile> features) => Name(features, null);

    /// <summary>The name from the naming rule with shop words (see <see cref="ClusterNaming"/>).</summary>
    /// <param name="features">The cluster's feature profiles.</param>
    /// <param name="naming">Words, unnamed features and suffix; null for "high/low ‹feature›".</param>
    /// <returns>E.g. "big spenders · rare visitors · around 20:00".</returns>
    public static string Name(IReadOnlyList<FeatureProfile> features, ClusterNaming? naming)
    {
        ArgumentNullException.ThrowIfNull(features);
        var notable = new List<(int Index, FeatureProfile Feature)>();
        for (var j = 0; j < features.Count; j++)
        {
            if (naming is not null && naming.Unnamed.Contains(features[j].Feature))
            {
                continue;
            }
            if (Math.Abs(features[j].ZScore) >= NameThreshold)
            {
                notable.Add((j, features[j]));
            }
        }
        var suffix = naming?.Suffix?.Invoke(features);
        if (notable.Count == 0)
        {
            return suffix is null ? "average" : "average · " + suffix;
        }
        notable.Sort((a, b) =>
        {
            var byStrength = Math.Abs(b.Feature.ZScore).CompareTo(Math.Abs(a.Feature.ZScore));
            return byStrength != 0 ? byStrength : a.Index.CompareTo(b.Index);
        });
        var words = new List<string>(MaxNameFeatures);
        for (var t = 0; t < notable.Count && t < MaxNameFeatures; t++)
        {
            var f = notable[t].Feature;
            words.Add(naming is not null && naming.Words.TryGetValue(f.Feature, out var w) ? (f.ZScore > 0 ? w.High : w.Low)
                : (f.ZScore > 0 ? "high " : "low ") + f.Feature);
        }
        if (suffix is not null)
        {
            words.Add(suffix);
        }
        return string.Join(" · ", words);
    }
}
