using System.Globalization;
using Segmenta.Core;

namespace Segmenta.Storage.ClickHouse;

/// <summary>
/// Where a ClickHouse deployment lives, parsed from
/// <c>clickhouse://[user[:password]@]host:port[,host:port…]/database[?cluster=name]</c>.
/// The first host receives the queries; with more than one host every host is one shard of the
/// <c>remote_servers</c> cluster <paramref name="Cluster"/> (default <c>segmenta</c>).
/// </summary>
/// <param name="Hosts">HTTP endpoints (host, port), the first one the query initiator.</param>
/// <param name="Database">Database holding the shop's tables.</param>
/// <param name="User">ClickHouse user.</param>
/// <param name="Password">Its password (empty for none).</param>
/// <param name="Cluster">The cluster name the Distributed tables use (several hosts only).</param>
public sealed record ClickHouseLocation(IReadOnlyList<(string Host, int Port)> Hosts, string Database, string User, string Password, string Cluster)
{
    /// <summary>The URL prefix of the engine option.</summary>
    public const string Scheme = "clickhouse://";

    /// <summary>Whether the tables are sharded over several servers.</summary>
    public bool IsSharded => Hosts.Count > 1;

    /// <summary>Parses an engine location; a malformed one raises an input error that shows the expected form.</summary>
    public static ClickHouseLocation Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        const string Form = "expected clickhouse://[user[:password]@]host:port[,host:port...]/database[?cluster=name]";
        if (!text.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            throw new SegmentaInputException($"engine '{text}': {Form}");
        }
        var rest = text[Scheme.Length..];
        var user = "default";
        var password = "";
        var at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            var credentials = rest[..at];
            rest = rest[(at + 1)..];
            var colon = credentials.IndexOf(':', StringComparison.Ordinal);
            user = Uri.UnescapeDataString(colon >= 0 ? credentials[..colon] : credentials);
            password = colon >= 0 ? Uri.UnescapeDataString(credentials[(colon + 1)..]) : "";
        }
        var cluster = "segmenta";
        var question = rest.IndexOf('?', StringComparison.Ordinal);
        if (question >= 0)
        {
            foreach (var pair in rest[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var kv = pair.Split('=', 2);
                if (kv.Length == 2 && kv[0] == "cluster" && IsName(kv[1]))
                {
                    cluster = kv[1];
                }
                else
                {
                    throw new SegmentaInputException($"engine '{Redacted(text)}': unknown option '{pair}'; {Form}");
                }
            }
            rest = rest[..question];
        }
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var database = slash >= 0 ? rest[(slash + 1)..] : "";
        if (!IsName(database))
        {
            throw new SegmentaInputException($"engine '{Redacted(text)}': database name '{database}' must be letters, digits and underscores; {Form}");
        }
        var hosts = new List<(string, int)>();
        foreach (var endpoint in rest[..slash].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = endpoint.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(endpoint[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                throw new SegmentaInputException($"engine '{Redacted(text)}': '{endpoint}' is not host:port (the HTTP port, usually 8123); {Form}");
            }
            hosts.Add((endpoint[..colon], port));
        }
        if (hosts.Count == 0)
        {
            throw new SegmentaInputException($"engine '{Redacted(text)}': no host; {Form}");
        }
        return new ClickHouseLocation(hosts, database, user, password, cluster);
    }

    /// <summary>The location as text without the password, for messages.</summary>
    public override string ToString() =>
        $"{Scheme}{User}@{string.Join(',', Hosts.Select(h => $"{h.Host}:{h.Port.ToString(CultureInfo.InvariantCulture)}"))}/{Database}" +
        (IsSharded ? $"?cluster={Cluster}" : "");

    private static string Redacted(string text)
    {
        var at = text.LastIndexOf('@');
        var colon = text.IndexOf(':', Scheme.Length);
        return at > 0 && colon > 0 && colon < at ? text[..(colon + 1)] + "***" + text[at..] : text;
    }

    private static bool IsName(string s) =>
        s.Length > 0 && s.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && !char.IsAsciiDigit(s[0]);
}
