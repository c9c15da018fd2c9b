using System.Globalization;
using System.Text;
using Segmenta.Core.Experiments;

namespace Segmenta.Core.Tests.Experiments;

/// <summary>Reads the Hillstrom e-mail experiment CSV (RFC 4180 quoting) into experiment rows, once per test run.</summary>
internal static class HillstromData
{
    private static readonly Lazy<IReadOnlyList<ExperimentObservation>> Cached = new(Load);

    public static IReadOnlyList<ExperimentObservation> Rows => Cached.Value;

    private static List<ExperimentObservation> Load()
    {
        var path = Segmenta.Testing.TestData.Path(
            "hillstrom/Kevin_Hillstrom_MineThatData_E-MailAnalytics_DataMiningChallenge_2008.03.20.csv");
        using var reader = new StreamReader(path, Encoding.UTF8);
        var header = SplitCsvLine(reader.ReadLine()!);
        int segment = header.IndexOf("segment"), visit = header.IndexOf("visit");
        int conversion = header.IndexOf("conversion"), spend = header.IndexOf("spend");
        var rows = new List<ExperimentObservation>(64_000);
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length == 0)
            {
                continue;
            }
            var f = SplitCsvLine(line);
            rows.Add(new ExperimentObservation(
                f[segment],
                f[conversion] == "1",
                double.Parse(f[spend], NumberStyles.Float, CultureInfo.InvariantCulture),
                f[visit] == "1"));
        }
        return rows;
    }

    internal static List<string> SplitCsvLine(string line)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else if (c != '\r')
            {
                current.Append(c);
            }
        }
        fields.Add(current.ToString());
        return fields;
    }
}
