using System.Globalization;
using Segmenta.Core;
using Segmenta.Core.Experiments;
using Segmenta.Storage.DuckDb;

namespace Segmenta.Storage.External;

/// <summary>
/// Reads an external experiment table (one row per customer: arm and outcomes; CSV, CSV.gz or
/// Parquet) with DuckDB's reader, checking every value; a bad value names its row and column.
/// </summary>
public static class ExperimentTableReader
{
    private const string Truthy = "('1', 'true', 't', 'yes', 'y')";
    private const string Falsy = "('0', 'false', 'f', 'no', 'n')";

    /// <summary>Reads <paramref name="file"/>; the revenue and visit columns are optional.</summary>
    public static async Task<IReadOnlyList<ExperimentObservation>> ReadAsync(
        DuckDbEngine engine, string file, string armColumn, string conversionColumn, string? revenueColumn, string? visitColumn,
        CancellationToken cancellationToken = default)
    {
        if (!File.Exists(file))
        {
            throw new SegmentaInputException($"{file}: file not found");
        }
        var reader = file.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase)
            ? $"read_parquet({SqlText.Literal(Path.GetFullPath(file))})"
            : $"read_csv({SqlText.Literal(Path.GetFullPath(file))}, all_varchar = true, header = true)";
        ResultTable columns;
        try
        {
            columns = await engine.QueryAsync($"SELECT column_name FROM (DESCRIBE SELECT * FROM {reader})", null, cancellationToken).ConfigureAwait(false);
        }
        catch (DuckDB.NET.Data.DuckDBException e)
        {
            throw new SegmentaInputException($"{file}: cannot read the file ({e.Message.Split('\n')[0]})", e);
        }
        var names = columns.Rows.Select(r => (string)r[0]!).ToList();
        string Column(string? wanted, string option)
        {
            var hit = names.FirstOrDefault(n => string.Equals(n, wanted, StringComparison.OrdinalIgnoreCase));
            return hit is null
                ? throw new SegmentaInputException($"{option} {wanted}: {file} has no such column; its columns are: {string.Join(", ", names)}")
                : SqlText.Identifier(hit);
        }
        var arm = Column(armColumn, "--arm");
        var conversion = Column(conversionColumn, "--conversion");
        var revenue = revenueColumn is null ? "NULL" : Column(revenueColumn, "--revenue");
        var visit = visitColumn is null ? "NULL" : Column(visitColumn, "--visit");
        var table = await engine.QueryAsync($"""
            SELECT row_number() OVER () AS row_no,
                   CAST({arm} AS VARCHAR) AS arm,
                   lower(trim(CAST({conversion} AS VARCHAR))) AS conversion,
                   CAST({revenue} AS VARCHAR) AS revenue,
                   lower(trim(CAST({visit} AS VARCHAR))) AS visit
            FROM {reader}
            """, null, cancellationToken).ConfigureAwait(false);
        var rows = new List<ExperimentObservation>(table.Rows.Count);
        foreach (var r in table.Rows)
        {
            var row = ResultTable.Convert<long>(r[0]);
            var armName = (string?)r[1];
            if (string.IsNullOrWhiteSpace(armName))
            {
                throw new SegmentaInputException($"{file} row {row}, column {armColumn}: the arm is empty");
            }
            var converted = Flag((string?)r[2], file, row, conversionColumn)
                ?? throw new SegmentaInputException($"{file} row {row}, column {conversionColumn}: empty");
            var money = 0.0;
            if (revenueColumn is not null && r[3] is string text && !string.IsNullOrWhiteSpace(text)
                && !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out money))
            {
                throw new SegmentaInputException($"{file} row {row}, column {revenueColumn}: '{text}' is not a number");
            }
            var visited = visitColumn is null ? null : Flag((string?)r[4], file, row, visitColumn);
            rows.Add(new ExperimentObservation(armName, converted, money, visited));
        }
        return rows;
    }

    private static bool? Flag(string? text, string file, long row, string column) => text switch
    {
        null or "" => null,
        _ when Truthy.Contains($"'{text}'", StringComparison.Ordinal) => true,
        _ when Falsy.Contains($"'{text}'", StringComparison.Ordinal) => false,
        _ => throw new SegmentaInputException($"{file} row {row}, column {column}: '{text}' is not 1/0 or true/false"),
    };
}
