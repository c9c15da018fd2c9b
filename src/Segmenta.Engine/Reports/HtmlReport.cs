using System.Globalization;
using System.Net;
using System.Text;

namespace Segmenta.Engine.Reports;

/// <summary>
/// A self-contained HTML report (no external files, opens offline): sections of KPI cards, tables
/// and inline SVG bar charts. Each analysis adds its own section.
/// </summary>
public sealed class HtmlReport
{
    private readonly StringBuilder _body = new();
    private readonly string _title;

    /// <summary>Starts a report titled <paramref name="title"/>.</summary>
    public HtmlReport(string title) => _title = title;

    /// <summary>Starts a section.</summary>
    public HtmlReport Section(string title, string? note = null)
    {
        _body.Append(CultureInfo.InvariantCulture, $"<h2>{Encode(title)}</h2>");
        if (note is not null)
        {
            _body.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">{Encode(note)}</p>");
        }
        return this;
    }

    /// <summary>A row of headline figures.</summary>
    public HtmlReport Cards(IEnumerable<(string Label, string Value)> cards)
    {
        _body.Append("<div class=\"cards\">");
        foreach (var (label, value) in cards)
        {
            _body.Append(CultureInfo.InvariantCulture, $"<div class=\"card\"><div class=\"v\">{Encode(value)}</div><div class=\"l\">{Encode(label)}</div></div>");
        }
        _body.Append("</div>");
        return this;
    }

    /// <summary>A table of rows (values formatted invariantly).</summary>
    public HtmlReport Table(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<object?>> rows)
    {
        _body.Append("<table><thead><tr>");
        foreach (var c in columns)
        {
            _body.Append(CultureInfo.InvariantCulture, $"<th>{Encode(c)}</th>");
        }
        _body.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            _body.Append("<tr>");
            foreach (var v in row)
            {
                var numeric = v is double or float or decimal or int or long;
                _body.Append(CultureInfo.InvariantCulture, $"<td{(numeric ? " class=\"n\"" : "")}>{Encode(Format(v))}</td>");
            }
            _body.Append("</tr>");
        }
        _body.Append("</tbody></table>");
        return this;
    }

    /// <summary>A vertical bar chart as inline SVG.</summary>
    public HtmlReport BarChart(string caption, IReadOnlyList<(string Label, double Value)> bars)
    {
        const int height = 160;
        const int barWidth = 28;
        var max = bars.Count == 0 ? 1 : Math.Max(bars.Max(b => b.Value), 1e-9);
        var width = Math.Max(bars.Count * (barWidth + 6) + 10, 200);
        const int labelSpace = 100;
        _body.Append(CultureInfo.InvariantCulture, $"<figure><svg width=\"{width + 40}\" height=\"{height + labelSpace}\" role=\"img\" aria-label=\"{Encode(caption)}\">");
        for (var i = 0; i < bars.Count; i++)
        {
            var h = Math.Max(0, bars[i].Value / max * height);
            var x = 45 + i * (barWidth + 6);
            _body.Append(CultureInfo.InvariantCulture,
                $"<rect x=\"{x}\" y=\"{height - h:0.#}\" width=\"{barWidth}\" height=\"{h:0.#}\" fill=\"#3b6fd8\"><title>{Encode(bars[i].Label)}: {Encode(Format(bars[i].Value))}</title></rect>");
            // Full labels, slanted so long ones (segment ids, months) stay readable.
            var lx = x + barWidth / 2;
            _body.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{lx}\" y=\"{height + 12}\" font-size=\"10\" text-anchor=\"end\" transform=\"rotate(-40 {lx} {height + 12})\">{Encode(bars[i].Label)}</text>");
        }
        _body.Append(CultureInfo.InvariantCulture, $"</svg><figcaption>{Encode(caption)}</figcaption></figure>");
        return this;
    }

    private static readonly string[] Palette = ["#3b6fd8", "#e0703a", "#2e9e5b", "#c0398e", "#8a6d3b", "#17a2b8", "#6f42c1", "#d4a017", "#5a6270"];

    /// <summary>A scatter plot as inline SVG: one colour per group (group −1 grey), axes scaled to the points.</summary>
    public HtmlReport Scatter(string caption, IReadOnlyList<(double X, double Y, int Group)> points, IReadOnlyDictionary<int, string> groupNames)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(groupNames);
        const int size = 360;
        var (minX, maxX) = points.Count == 0 ? (0.0, 1.0) : (points.Min(p => p.X), points.Max(p => p.X));
        var (minY, maxY) = points.Count == 0 ? (0.0, 1.0) : (points.Min(p => p.Y), points.Max(p => p.Y));
        double Sx(double x) => 10 + ((x - minX) / Math.Max(maxX - minX, 1e-9) * (size - 20));
        double Sy(double y) => size - 10 - ((y - minY) / Math.Max(maxY - minY, 1e-9) * (size - 20));
        string Colour(int g) => g < 0 ? "#bbb" : Palette[g % Palette.Length];
        _body.Append(CultureInfo.InvariantCulture, $"<figure><svg width=\"{size + 260}\" height=\"{size}\" role=\"img\" aria-label=\"{Encode(caption)}\"><rect x=\"0\" y=\"0\" width=\"{size}\" height=\"{size}\" fill=\"none\" stroke=\"#dde\"/>");
        foreach (var p in points)
        {
            _body.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{Sx(p.X):0.#}\" cy=\"{Sy(p.Y):0.#}\" r=\"2\" fill=\"{Colour(p.Group)}\" fill-opacity=\"0.6\"/>");
        }
        var row = 0;
        foreach (var (group, name) in groupNames.OrderBy(g => g.Key))
        {
            var y = 16 + (row++ * 16);
            _body.Append(CultureInfo.InvariantCulture, $"<rect x=\"{size + 10}\" y=\"{y - 9}\" width=\"10\" height=\"10\" fill=\"{Colour(group)}\"/><text x=\"{size + 26}\" y=\"{y}\" font-size=\"11\">{Encode(name)}</text>");
        }
        _body.Append(CultureInfo.InvariantCulture, $"</svg><figcaption>{Encode(caption)}</figcaption></figure>");
        return this;
    }

    /// <summary>A heatmap as inline SVG: blue below 0, red above, white at 0, full colour at ±<paramref name="limit"/>; each cell shows its value.</summary>
    public HtmlReport Heatmap(string caption, IReadOnlyList<string> rows, IReadOnlyList<string> columns, double[,] values, double limit = 2)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(values);
        const int cellW = 74;
        const int cellH = 22;
        const int labelW = 300;
        const int headH = 90;
        _body.Append(CultureInfo.InvariantCulture, $"<figure><svg width=\"{labelW + (columns.Count * cellW) + 10}\" height=\"{headH + (rows.Count * cellH) + 4}\" role=\"img\" aria-label=\"{Encode(caption)}\">");
        for (var c = 0; c < columns.Count; c++)
        {
            var x = labelW + (c * cellW) + (cellW / 2);
            _body.Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"{headH - 6}\" font-size=\"10\" transform=\"rotate(-35 {x} {headH - 6})\">{Encode(columns[c])}</text>");
        }
        for (var r = 0; r < rows.Count; r++)
        {
            var y = headH + (r * cellH);
            _body.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelW - 6}\" y=\"{y + 15}\" font-size=\"11\" text-anchor=\"end\">{Encode(rows[r])}</text>");
            for (var c = 0; c < columns.Count; c++)
            {
                var v = values[r, c];
                var t = Math.Clamp(Math.Abs(v) / limit, 0, 1);
                var fade = (int)Math.Round(255 * (1 - t));
                var fill = v >= 0 ? $"rgb(255,{fade},{fade})" : $"rgb({fade},{fade},255)";
                _body.Append(CultureInfo.InvariantCulture,
                    $"<rect x=\"{labelW + (c * cellW)}\" y=\"{y}\" width=\"{cellW - 2}\" height=\"{cellH - 2}\" fill=\"{fill}\"/><text x=\"{labelW + (c * cellW) + (cellW / 2)}\" y=\"{y + 15}\" font-size=\"10\" text-anchor=\"middle\">{v:+0.00;-0.00;0.00}</text>");
            }
        }
        _body.Append(CultureInfo.InvariantCulture, $"</svg><figcaption>{Encode(caption)}</figcaption></figure>");
        return this;
    }

    /// <summary>A paragraph.</summary>
    public HtmlReport Paragraph(string text)
    {
        _body.Append(CultureInfo.InvariantCulture, $"<p>{Encode(text)}</p>");
        return this;
    }

    /// <summary>The whole document.</summary>
    public string Render(DateTimeOffset generatedAt) => $$"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>{{Encode(_title)}}</title>
        <style>
        body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#1d2433}
        h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #dde;padding-bottom:.2em}
        .cards{display:flex;flex-wrap:wrap;gap:.8em}.card{border:1px solid #dde;border-radius:6px;padding:.6em 1em;min-width:9em}
        .card .v{font-size:1.3em;font-weight:600}.card .l{color:#667;font-size:.85em}
        table{border-collapse:collapse;margin:.8em 0;font-size:.9em}th,td{border-bottom:1px solid #eef;padding:.25em .7em;text-align:left}
        td.n{text-align:right;font-variant-numeric:tabular-nums}.note{color:#667}figure{margin:1em 0}figcaption{color:#667;font-size:.85em}
        </style></head><body>
        <h1>{{Encode(_title)}}</h1><p class="note">Generated {{generatedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}} by Segmenta. Every figure is defined in docs/metrics.md and docs/quality.md.</p>
        {{_body}}
        </body></html>
        """;

    /// <summary>Formats a value the way the report shows it.</summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        double d when Math.Abs(d) < 1 && d != 0 => d.ToString("0.####", CultureInfo.InvariantCulture),
        double d => d.ToString("#,0.##", CultureInfo.InvariantCulture),
        decimal m => m.ToString("#,0.##", CultureInfo.InvariantCulture),
        long or int => string.Format(CultureInfo.InvariantCulture, "{0:#,0}", value),
        bool b => b ? "yes" : "no",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
