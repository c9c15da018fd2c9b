using Segmenta.Core;
using Segmenta.Storage.DuckDb;

namespace Segmenta.Storage.External;

/// <summary>
/// Reads a randomised experiment for uplift modelling: arm, a 0/1 outcome and feature columns. A
/// numeric column is used as is; a text column becomes one 0/1 column per value (at most 50 values).
/// </summary>
public static class UpliftTableReader
{
    private const int MaxLevels = 50;

    /// <summary>Rows of the two arms, in file order, with the expanded feature names.</summary>
    public static async Task<UpliftTable> ReadAsync(DuckDbEngine engine, string file, string armColumn, string treatment, string control,
        string outcomeColumn, IReadOnlyList<string> featureColumns, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(featureColumns);
        if (!File.Exists(file))
        {
            throw new SegmentaInputException($"{file}: file not found");
        }
        if (featureColumns.Count == 0)
        {
            throw new SegmentaInputException("--features: name at least one feature column");
        }
        var reader = $"read_csv({SqlText.Literal(Path.GetFullPath(file))}, all_varchar = true, header = true)";
        var names = (await engine.QueryAsync($"SELECT column_name FROM (DESCRIBE SELECT * FROM {reader})", null, cancellationToken).ConfigureAwait(false))
            .Rows.Select(r => (string)r[0]!).ToList();
        string Column(string wanted, string option) =>
            names.FirstOrDefault(n => string.Equals(n, wanted, StringComparison.OrdinalIgnoreCase)) is { } hit
                ? SqlText.Identifier(hit)
                : throw new SegmentaInputException($"{option} {wanted}: {file} has no such column; its columns are: {string.Join(", ", names)}");
        var arm = Column(armColumn, "--arm");
        var outcome = Column(outcomeColumn, "--outcome");
        var features = featureColumns.Select(f => (Name: f, Sql: Column(f, "--features"))).ToList();

        // Decide per feature: numeric when every non-empty value casts to a number, else categorical.
        var expanded = new List<(string Name, string Sql)>();
        foreach (var (name, sql) in features)
        {
            var nonNumeric = await engine.ScalarAsync<long>(
                $"SELECT count(*) FROM {reader} WHERE {sql} IS NOT NULL AND TRY_CAST({sql} AS DOUBLE) IS NULL", null, cancellationToken).ConfigureAwait(false);
            if (nonNumeric == 0)
            {
                expanded.Add((name, $"coalesce(TRY_CAST({sql} AS DOUBLE), 0)"));
                continue;
            }
            var levels = (await engine.QueryAsync($"SELECT DISTINCT {sql} FROM {reader} WHERE {sql} IS NOT NULL ORDER BY 1 LIMIT {MaxLevels + 1}", null, cancellationToken).ConfigureAwait(false))
                .Rows.Select(r => (string)r[0]!).ToList();
            if (levels.Count > MaxLevels)
            {
                throw new SegmentaInputException($"--features {name}: a text column with more than {MaxLevels} distinct values cannot be one-hot encoded; leave it out or bucket it");
            }
            expanded.AddRange(levels.Select(level => ($"{name}={level}", $"CASE WHEN {sql} = {SqlText.Literal(level)} THEN 1.0 ELSE 0.0 END")));
        }

        var table = await engine.QueryAsync($"""
            SELECT * EXCLUDE (arm_value) FROM (
              SELECT row_number() OVER () + 1 AS file_row, {arm} AS arm_value, {arm} = {SqlText.Literal(treatment)} AS treated,
                     lower(trim({outcome})) AS outcome, {string.Join(", ", expanded.Select(e => e.Sql))}
              FROM {reader})
            WHERE arm_value IN ({SqlText.Literal(treatment)}, {SqlText.Literal(control)})
            ORDER BY file_row
            """, null, cancellationToken).ConfigureAwait(false);
        var rows = new List<UpliftRow>(table.Rows.Count);
        foreach (var r in table.Rows)
        {
            // file_row counts the header as row 1, like a spreadsheet, so the message points at the line to fix.
            var value = (string?)r[2];
            var converted = value is "1" or "true" or "yes" ? true
                : value is "0" or "false" or "no" ? false
                : throw new SegmentaInputException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{file}: row {Convert.ToInt64(r[0], System.Globalization.CultureInfo.InvariantCulture)}, column {outcomeColumn}: '{value}' is not 0/1"));
            var x = new float[expanded.Count];
            for (var i = 0; i < x.Length; i++)
            {
                x[i] = Convert.ToSingle(r[i + 3], System.Globalization.CultureInfo.InvariantCulture);
            }
            rows.Add(new UpliftRow(r[1] is true, converted, x));
        }
        if (!rows.Any(r => r.Treated) || rows.All(r => r.Treated))
        {
            throw new SegmentaInputException($"{file}: --treatment '{treatment}' and --control '{control}' must both have rows in column {armColumn}");
        }
        return new UpliftTable(expanded.Select(e => e.Name).ToList(), rows);
    }
}

/// <summary>One customer of the experiment: arm, outcome, features.</summary>
public sealed record UpliftRow(bool Treated, bool Outcome, float[] Features);

/// <summary>The experiment rows and their feature names (text columns expanded to name=value).</summary>
public sealed record UpliftTable(IReadOnlyList<string> FeatureNames, IReadOnlyList<UpliftRow> Rows);
