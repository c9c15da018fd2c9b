using System.Globalization;

namespace Segmenta.Storage;

/// <summary>A small, materialised query result: column names and rows of CLR values (null for SQL NULL).</summary>
public sealed class ResultTable
{
    /// <summary>Creates a result from its column names and rows.</summary>
    public ResultTable(IReadOnlyList<string> columns, IReadOnlyList<object?[]> rows)
    {
        Columns = columns;
        Rows = rows;
    }

    /// <summary>Column names in query order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Rows; each has one value per column.</summary>
    public IReadOnlyList<object?[]> Rows { get; }

    /// <summary>The index of a column by name (case-insensitive).</summary>
    public int IndexOf(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (string.Equals(Columns[i], column, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        throw new KeyNotFoundException($"column '{column}' is not in the result ({string.Join(", ", Columns)})");
    }

    /// <summary>A value converted to <typeparamref name="T"/> (numbers are converted invariantly; NULL gives default).</summary>
    public T? Get<T>(int row, string column)
    {
        var value = Rows[row][IndexOf(column)];
        return Convert<T>(value);
    }

    /// <summary>Converts a database value to <typeparamref name="T"/>, treating DBNull and null as default.</summary>
    public static T? Convert<T>(object? value)
    {
        if (value is null or DBNull)
        {
            return default;
        }
        if (value is T typed)
        {
            return typed;
        }
        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        if (value is System.Numerics.BigInteger big)
        {
            value = (decimal)big;
        }
        return (T)System.Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
    }

    /// <summary>Rows as dictionaries keyed by column name, for JSON output.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object?>> ToDictionaries()
    {
        var list = new List<IReadOnlyDictionary<string, object?>>(Rows.Count);
        foreach (var row in Rows)
        {
            var d = new Dictionary<string, object?>(Columns.Count, StringComparer.Ordinal);
            for (var i = 0; i < Columns.Count; i++)
            {
                d[Columns[i]] = row[i] is System.Numerics.BigInteger b ? (decimal)b : row[i];
            }
            list.Add(d);
        }
        return list;
    }
}
