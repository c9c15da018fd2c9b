// The "no overhead" line of the benchmarks: one hand-written SQL statement run by DuckDB itself on a
// workspace's database file, nothing of Segmenta in between. Prints the statement's wall time and the
// rows it returned, as JSON, so bench scripts can set it beside the whole `segmenta` process.
// usage: DuckDbSql DATABASE SQLFILE [threads]     (read-only unless SEGMENTA_BENCH_WRITE=1; the result
// printed is the last statement's)
using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: DuckDbSql DATABASE SQLFILE [threads]");
    return 2;
}
var sql = File.ReadAllText(args[1]);
var write = Environment.GetEnvironmentVariable("SEGMENTA_BENCH_WRITE") == "1";
using var connection = new DuckDBConnection($"Data Source={args[0]}" + (write ? "" : ";ACCESS_MODE=READ_ONLY"));
connection.Open();
if (args.Length > 2)
{
    using var set = connection.CreateCommand();
    set.CommandText = "SET threads = " + int.Parse(args[2], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
    set.ExecuteNonQuery();
}
var clock = Stopwatch.StartNew();
using var command = connection.CreateCommand();
command.CommandText = sql;
long rows = 0;
using (var reader = command.ExecuteReader())
{
    while (reader.Read())
    {
        rows++;
    }
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{{\"seconds\": {clock.Elapsed.TotalSeconds:F3}, \"rows\": {rows}}}"));
return 0;
