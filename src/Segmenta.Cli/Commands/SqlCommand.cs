using System.CommandLine;
using System.Globalization;
using Segmenta.Core;
using Spectre.Console;

namespace Segmenta.Cli.Commands;

/// <summary>
/// <c>segmenta sql "QUERY"</c>: an analyst's escape hatch — any SQL on the workspace's engine, the
/// result as a table or JSON rows. Everything Segmenta stores (docs/cli.md#tables) can be queried.
/// </summary>
internal static class SqlCommand
{
    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var query = new Argument<string>("query") { Description = "The SQL to run (DuckDB dialect)" };
        var limit = new Option<int>("--limit") { Description = "Rows to print at most", DefaultValueFactory = _ => 1000 };
        var command = new Command("sql", "Run SQL on the workspace database and print the result") { query, limit };
        command.SetAction(SegmentaCli.Action(context, async (parse, ctx, ct) =>
        {
            await using var workspace = await ctx.OpenWorkspaceAsync(ct).ConfigureAwait(false);
            Storage.ResultTable result;
            try
            {
                result = await workspace.Engine.QueryAsync(parse.GetValue(query)!, null, ct).ConfigureAwait(false);
            }
            catch (DuckDB.NET.Data.DuckDBException e)
            {
                throw new SegmentaInputException("sql: " + e.Message.Split('\n')[0], e);
            }
            var rows = result.Rows.Take(parse.GetValue(limit)).ToList();
            ctx.Emit(rows.Select(r => result.Columns.Select((c, i) => (c, r[i])).ToDictionary(t => t.c, t => t.Item2 is System.Numerics.BigInteger b ? (object)(decimal)b : t.Item2)).ToList(), c =>
            {
                var table = new Table().AddColumns(result.Columns.Select(Markup.Escape).ToArray());
                foreach (var r in rows)
                {
                    table.AddRow(r.Select(v => Markup.Escape(Convert.ToString(v, CultureInfo.InvariantCulture) ?? "")).ToArray());
                }
                c.Write(table);
                c.MarkupLine($"{result.Rows.Count:N0} rows");
            });
        }));
        return command;
    }
}
