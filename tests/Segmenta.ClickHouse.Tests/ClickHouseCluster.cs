using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Segmenta.Storage.ClickHouse;
using Segmenta.Testing;

namespace Segmenta.ClickHouse.Tests;

/// <summary>
/// Two real ClickHouse servers on loopback, the two shards of cluster <c>segmenta</c>, started by
/// .ci/scripts/clickhouse-cluster.sh in a temporary folder and stopped on dispose.
/// </summary>
public sealed class ClickHouseCluster : IDisposable
{
    private readonly TempFolder _folder = new("segmenta-ch-");
    private readonly string _script = Path.Combine(TestData.RepositoryRoot, ".ci", "scripts", "clickhouse-cluster.sh");

    public ClickHouseCluster()
    {
        BasePort = FreeBasePort();
        Run("start", BasePort.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Shard 1's HTTP port; shard 2 listens on BasePort + 10.</summary>
    public int BasePort { get; }

    /// <summary>The engine location of <paramref name="database"/> on both shards.</summary>
    public ClickHouseLocation Location(string database, string user = "default", string password = "") =>
        ClickHouseLocation.Parse(string.Create(CultureInfo.InvariantCulture,
            $"clickhouse://{user}:{password}@127.0.0.1:{BasePort},127.0.0.1:{BasePort + 10}/{database}?cluster=segmenta"));

    public void Dispose()
    {
        Run("stop");
        _folder.Dispose();
    }

    private void Run(string command, string? port = null)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { _script, command, _folder.Path, port }.OfType<string>())
        {
            info.ArgumentList.Add(a);
        }
        using var p = Process.Start(info)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(60_000) || p.ExitCode != 0)
        {
            throw new InvalidOperationException($"clickhouse-cluster.sh {command} failed: {stdout}{stderr.Result}");
        }
    }

    private static int FreeBasePort()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var basePort = Random.Shared.Next(20_000, 40_000);
            if (new[] { 0, 1, 2, 10, 11, 12 }.All(o => IsFree(basePort + o)))
            {
                return basePort;
            }
        }
        throw new InvalidOperationException("no free loopback ports for the ClickHouse cluster");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var l = new TcpListener(IPAddress.Loopback, port);
            l.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
