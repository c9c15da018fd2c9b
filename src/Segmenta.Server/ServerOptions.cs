namespace Segmenta.Server;

/// <summary>How <c>segmenta serve</c> runs: which workspace, on which addresses.</summary>
public sealed record ServerOptions
{
    /// <summary>The default address: loopback only, so a laptop never exposes its shop by accident.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>The workspace folder the server serves (one workspace per server).</summary>
    public required string WorkspaceDirectory { get; init; }

    /// <summary>Addresses to listen on (ASP.NET Core <c>--urls</c> syntax; port 0 picks a free port).</summary>
    public string Urls { get; init; } = DefaultUrls;
}
