using System.Globalization;

namespace Segmenta.Core.Rfm;

/// <summary>
/// A customer's recency, frequency and monetary scores, each from 1 (worst) to 5 (best).
/// R = 5 means the most recent activity, F = 5 the most frequent, M = 5 the highest spend.
/// </summary>
/// <param name="R">Recency score, 1..5 (5 = most recent).</param>
/// <param name="F">Frequency score, 1..5 (5 = most frequent).</param>
/// <param name="M">Monetary score, 1..5 (5 = highest spend).</param>
public readonly record struct RfmScore(int R, int F, int M)
{
    /// <summary>The lowest score a dimension can have.</summary>
    public const int Min = 1;

    /// <summary>The highest score a dimension can have.</summary>
    public const int Max = 5;

    /// <summary>Recency score, 1..5 (5 = most recent).</summary>
    public int R { get; init; } = Check(R, nameof(R));

    /// <summary>Frequency score, 1..5 (5 = most frequent).</summary>
    public int F { get; init; } = Check(F, nameof(F));

    /// <summary>Monetary score, 1..5 (5 = highest spend).</summary>
    public int M { get; init; } = Check(M, nameof(M));

    /// <summary>The three digits R, F, M run together, e.g. <c>"543"</c>, as marketers usually write them.</summary>
    public string Code => string.Create(CultureInfo.InvariantCulture, $"{R}{F}{M}");

    /// <summary>Every score combination, R slowest and M fastest: 111, 112, …, 555 (125 items).</summary>
    public static IReadOnlyList<RfmScore> All { get; } = BuildAll();

    private static int Check(int value, string name)
    {
        if (value is < Min or > Max)
        {
            throw new SegmentaInputException(string.Create(
                CultureInfo.InvariantCulture,
                $"RFM score {name} must be between {Min} and {Max}, got {value}"));
        }
        return value;
    }

    private static RfmScore[] BuildAll()
    {
        var all = new List<RfmScore>(125);
        for (var r = Min; r <= Max; r++)
        {
            for (var f = Min; f <= Max; f++)
            {
                for (var m = Min; m <= Max; m++)
                {
                    all.Add(new RfmScore(r, f, m));
                }
            }
        }
        return [.. all];
    }
}
