namespace Segmenta.Server;

/// <summary>Authorisation policy names: every route requires one of them.</summary>
public static class SegmentaPolicies
{
    /// <summary>Ingest-only keys (browsers and apps): the /v1 ingestion routes.</summary>
    public const string Ingest = "ingest";

    /// <summary>Admin keys: every query, management and dashboard route.</summary>
    public const string Admin = "admin";
}
