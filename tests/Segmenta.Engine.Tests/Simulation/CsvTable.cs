namespace Segmenta.Engine.Tests.Simulation;

/// <summary>A CSV file read with a small, independent RFC 4180 parser (for checking the simulator's output).</summary>
public sealed class CsvTable
{
    public CsvTable(string path)
    {
        var rows = Parse(File.ReadAllText(path));
        Header = rows[0];
        Rows = rows.GetRange(1, rows.Count - 1);
        for (var i = 0; i < Header.Length; i++)
        {
            Columns[Header[i]] = i;
        }
    }

    public string[] Header { get; }

    public List<string[]> Rows { get; }

    public Dictionary<string, int> Columns { get; } = new(StringComparer.Ordinal);

    public string Get(string[] row, string column) => row[Columns[column]];

    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (ch == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                rows.Add([.. fields]);
                fields.Clear();
            }
            else
            {
                field.Append(ch);
            }
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            rows.Add([.. fields]);
        }
        return rows;
    }
}
