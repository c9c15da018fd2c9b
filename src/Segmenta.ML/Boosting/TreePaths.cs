using System.Globalization;

namespace Segmenta.ML.Boosting;

/// <summary>
/// The trees of a LightGBM model text, walked in C# to attribute each score to features along its
/// decision paths (Saabas): at every split the change from the node's value to the child's value goes
/// to the split's feature, so per row the contributions plus the roots' values add up to the raw
/// score. That costs one path per tree — TreeSHAP, exact but about depth² per tree, took 67 s for the
/// demo's 238,273 people against well under a second for this (docs/models.md).
/// </summary>
internal sealed class TreePaths
{
    private const float ZeroThreshold = 1e-35f;
    private readonly Tree[] _trees;

    private TreePaths(Tree[] trees) => _trees = trees;

    /// <summary>Reads the "Tree=" blocks of LightGBM's model text (numerical splits only).</summary>
    public static TreePaths Parse(string modelText)
    {
        var trees = new List<Tree>();
        Dictionary<string, string>? block = null;
        foreach (var raw in modelText.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("Tree=", StringComparison.Ordinal))
            {
                Add();
                block = new Dictionary<string, string>(StringComparer.Ordinal);
            }
            else if (line.Length == 0 || line.StartsWith("end of trees", StringComparison.Ordinal))
            {
                Add();
            }
            else if (block is not null && line.IndexOf('=', StringComparison.Ordinal) is var eq and > 0)
            {
                block[line[..eq]] = line[(eq + 1)..];
            }
        }
        Add();
        return new TreePaths([.. trees]);

        void Add()
        {
            if (block is { Count: > 0 })
            {
                trees.Add(Tree.From(block));
            }
            block = null;
        }
    }

    /// <summary>Per row: <paramref name="features"/> contributions, then the sum of the roots' values.</summary>
    public double[] Contributions(float[] matrix, int rows, int features)
    {
        var result = new double[(long)rows * (features + 1)];
        Parallel.For(0, rows, r =>
        {
            var x = matrix.AsSpan(r * features, features);
            var output = result.AsSpan(r * (features + 1), features + 1);
            foreach (var tree in _trees)
            {
                tree.Attribute(x, output, features);
            }
        });
        return result;
    }

    private sealed record Tree(int[] Feature, double[] Threshold, int[] Decision, int[] Left, int[] Right, double[] LeafValue, double[] InternalValue)
    {
        public static Tree From(Dictionary<string, string> b)
        {
            var leaves = int.Parse(b["num_leaves"], CultureInfo.InvariantCulture);
            if (b.TryGetValue("num_cat", out var cats) && cats != "0")
            {
                throw new NotSupportedException("categorical splits are not used by Segmenta's models");
            }
            double[] Doubles(string key) => leaves > 1 || key == "leaf_value"
                ? b[key].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray()
                : [];
            int[] Ints(string key) => leaves > 1
                ? b[key].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray()
                : [];
            return new Tree(Ints("split_feature"), Doubles("threshold"), Ints("decision_type"), Ints("left_child"), Ints("right_child"),
                Doubles("leaf_value"), Doubles("internal_value"));
        }

        public void Attribute(ReadOnlySpan<float> x, Span<double> output, int features)
        {
            if (Feature.Length == 0)
            {
                output[features] += LeafValue[0];
                return;
            }
            var node = 0;
            var value = InternalValue[0];
            output[features] += value;
            while (true)
            {
                var f = Feature[node];
                var child = Next(node, x[f]);
                var childValue = child >= 0 ? InternalValue[child] : LeafValue[~child];
                output[f] += childValue - value;
                if (child < 0)
                {
                    return;
                }
                node = child;
                value = childValue;
            }
        }

        // LightGBM's numerical decision (tree.h NumericalDecision): missing type in bits 2–3 of
        // decision_type (0 none, 1 zero, 2 NaN), "default left" in bit 1.
        private int Next(int node, float value)
        {
            var missing = (Decision[node] >> 2) & 3;
            double v = value;
            if (double.IsNaN(v) && missing != 2)
            {
                v = 0;
            }
            if ((missing == 1 && v >= -ZeroThreshold && v <= ZeroThreshold) || (missing == 2 && double.IsNaN(v)))
            {
                return (Decision[node] & 2) != 0 ? Left[node] : Right[node];
            }
            return v <= Threshold[node] ? Left[node] : Right[node];
        }
    }
}
