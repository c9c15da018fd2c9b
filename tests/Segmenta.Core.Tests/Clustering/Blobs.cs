using Segmenta.Core.Clustering;

namespace Segmenta.Core.Tests.Clustering;

/// <summary>Seeded Gaussian blobs for invariant tests.</summary>
internal static class Blobs
{
    /// <summary>
    /// <paramref name="perBlob"/> points around each centre with unit sd per coordinate
    /// (Box–Muller from System.Random(seed)), blob by blob; truth[i] is the blob index.
    /// </summary>
    public static (FeatureMatrix Points, int[] Truth) Make(double[][] centres, int perBlob, double sd, int seed)
    {
        var rng = new Random(seed);
        var d = centres[0].Length;
        var n = centres.Length * perBlob;
        var values = new double[n * d];
        var truth = new int[n];
        var ids = new string[n];
        for (var b = 0; b < centres.Length; b++)
        {
            for (var p = 0; p < perBlob; p++)
            {
                var i = (b * perBlob) + p;
                truth[i] = b;
                ids[i] = "c" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                for (var j = 0; j < d; j++)
                {
                    values[(i * d) + j] = centres[b][j] + (sd * Normal(rng));
                }
            }
        }
        var names = Enumerable.Range(0, d).Select(j => "f" + j.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return (FeatureMatrix.FromRowMajor(ids, names, values), truth);
    }

    public static double[][] FourCorners => [[0, 0], [10, 0], [0, 10], [10, 10]];

    public static FeatureMatrix Matrix(params double[][] rows) =>
        new(Enumerable.Range(0, rows.Length).Select(i => "c" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
            Enumerable.Range(0, rows[0].Length).Select(j => "f" + j.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
            rows);

    private static double Normal(Random rng)
    {
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
