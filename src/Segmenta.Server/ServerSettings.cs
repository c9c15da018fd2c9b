using System.Text.Json;
using Segmenta.Core;
using Segmenta.Engine.Workspaces;

namespace Segmenta.Server;

/// <summary>
/// The <c>server</c> section of segmenta.json (all optional; defaults in docs/api.md). Read by the
/// server alone, so other commands ignore it.
/// </summary>
public sealed record ServerSettings
{
    /// <summary>Browser origins allowed to call the ingestion routes (CORS), e.g. <c>https://shop.example</c>. Empty: none.</summary>
    public IReadOnlyList<string> CorsOrigins { get; init; } = [];

    /// <summary>Requests per second each API key may make (token bucket refilled every second).</summary>
    public int RequestsPerSecondPerKey { get; init; } = 2_000;

    /// <summary>Largest request body accepted on an ingestion route, bytes (Segment's own batch limit is 500 KB).</summary>
    public int MaxBodyBytes { get; init; } = 512 * 1024;

    /// <summary>Acknowledged events and orders not yet loaded above which ingestion answers 429.</summary>
    public int MaxPendingMessages { get; init; } = 400_000;

    /// <summary>DuckDB worker threads while serving (0 = one per core); fewer leaves cores to acknowledge requests.</summary>
    public int EngineThreads { get; init; } = 1;

    /// <summary>Reads the section from the workspace's segmenta.json (defaults when absent).</summary>
    public static ServerSettings Read(string workspaceDirectory)
    {
        var file = Path.Combine(workspaceDirectory, Workspace.SettingsFile);
        if (!File.Exists(file))
        {
            return new ServerSettings();
        }
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            var settings = doc.RootElement.TryGetProperty("server", out var section)
                ? section.Deserialize<ServerSettings>(Workspace.JsonOptions) ?? new ServerSettings()
                : new ServerSettings();
            if (settings.RequestsPerSecondPerKey <= 0 || settings.MaxBodyBytes <= 0 || settings.MaxPendingMessages <= 0)
            {
                throw new SegmentaInputException($"{file}: server.requests_per_second_per_key, max_body_bytes and max_pending_messages must be positive");
            }
            return settings;
        }
        catch (JsonException e)
        {
            throw new SegmentaInputException($"{file}: the server section is not valid ({e.Message})", e);
        }
    }
}
