using System.Globalization;
using Segmenta.Core.Lifetime;
using Segmenta.Testing;

namespace Segmenta.Core.Tests.Lifetime;

/// <summary>Loads the CDNOW files once per test run and shares the (deterministic) BG/NBD fit.</summary>
internal static class CdnowData
{
    private static readonly Lazy<IReadOnlyList<CustomerHistory>> LazySummary = new(() => ReadSummary(
        "cdnow/cdnow_customers_summary.csv", withMoney: false));

    private static readonly Lazy<IReadOnlyList<CustomerHistory>> LazyWithMoney = new(() => ReadSummary(
        "cdnow/cdnow_customers_summary_with_transactions.csv", withMoney: true));

    private static readonly Lazy<BetaGeoModel> LazyBetaGeo = new(() => BetaGeoModel.Fit(Summary));

    /// <summary>cdnow_customers_summary.csv: ID, frequency, recency, T (weeks).</summary>
    public static IReadOnlyList<CustomerHistory> Summary => LazySummary.Value;

    /// <summary>cdnow_customers_summary_with_transactions.csv: ID, x, t_x, T, zbar.</summary>
    public static IReadOnlyList<CustomerHistory> WithMoney => LazyWithMoney.Value;

    /// <summary>BG/NBD fitted on <see cref="Summary"/>.</summary>
    public static BetaGeoModel BetaGeo => LazyBetaGeo.Value;

    /// <summary>CDNOW_sample.txt as purchases keyed by the sample id (1..2357).</summary>
    public static IReadOnlyList<Purchase> SamplePurchases()
    {
        var list = new List<Purchase>();
        foreach (var line in File.ReadLines(TestData.Path("cdnow/CDNOW_sample.txt")))
        {
            var f = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 5)
            {
                continue;
            }
            var date = DateOnly.ParseExact(f[2], "yyyyMMdd", CultureInfo.InvariantCulture);
            list.Add(new Purchase(
                int.Parse(f[1], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
                date,
                double.Parse(f[4], CultureInfo.InvariantCulture)));
        }
        return list;
    }

    private static List<CustomerHistory> ReadSummary(string file, bool withMoney)
    {
        var rows = new List<CustomerHistory>();
        foreach (var line in File.ReadLines(TestData.Path(file)).Skip(1))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var f = line.Split(',');
            double D(int i) => double.Parse(f[i], CultureInfo.InvariantCulture);
            rows.Add(new CustomerHistory(f[0], D(1), D(2), D(3), withMoney ? D(4) : 0));
        }
        return rows;
    }
}
