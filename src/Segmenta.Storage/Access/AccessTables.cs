namespace Segmenta.Storage.Access;

/// <summary>
/// API keys (only their SHA-256 hashes) and the audit log of admin actions, in the workspace
/// database so they travel with the workspace (docs/api.md, "Security").
/// </summary>
public static class AccessTables
{
    private const string Ddl = """
        CREATE TABLE IF NOT EXISTS api_keys (
            name VARCHAR, scope VARCHAR, key_hash VARCHAR, created_at TIMESTAMP, revoked_at TIMESTAMP);
        CREATE TABLE IF NOT EXISTS audit_log (
            acted_at TIMESTAMP, key_name VARCHAR, action VARCHAR, target VARCHAR, status INTEGER);
        """;

    /// <summary>Creates the tables when missing.</summary>
    public static Task EnsureAsync(IAnalyticsEngine engine, CancellationToken cancellationToken = default) =>
        engine.ExecuteAsync(Ddl, null, cancellationToken);

    /// <summary>Stores a new key's hash; refuses a name already held by an active key.</summary>
    public static async Task InsertKeyAsync(IAnalyticsEngine engine, string name, string scope, string keyHash, DateTime createdAtUtc, CancellationToken cancellationToken = default)
    {
        await EnsureAsync(engine, cancellationToken).ConfigureAwait(false);
        var taken = await engine.ScalarAsync<long>("SELECT count(*) FROM api_keys WHERE name = $1 AND revoked_at IS NULL", [name], cancellationToken).ConfigureAwait(false);
        if (taken > 0)
        {
            throw new Core.SegmentaInputException($"an active API key named '{name}' already exists: revoke it first or pick another name");
        }
        await engine.ExecuteAsync("INSERT INTO api_keys VALUES ($1, $2, $3, $4, NULL)", [name, scope, keyHash, createdAtUtc], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Marks the active key <paramref name="name"/> revoked; false when there is none.</summary>
    public static async Task<bool> RevokeKeyAsync(IAnalyticsEngine engine, string name, DateTime revokedAtUtc, CancellationToken cancellationToken = default)
    {
        await EnsureAsync(engine, cancellationToken).ConfigureAwait(false);
        var active = await engine.ScalarAsync<long>("SELECT count(*) FROM api_keys WHERE name = $1 AND revoked_at IS NULL", [name], cancellationToken).ConfigureAwait(false);
        if (active == 0)
        {
            return false;
        }
        await engine.ExecuteAsync("UPDATE api_keys SET revoked_at = $2 WHERE name = $1 AND revoked_at IS NULL", [name, revokedAtUtc], cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Every key (active and revoked): name, scope, key_hash, created_at, revoked_at; oldest first.</summary>
    public static async Task<ResultTable> KeysAsync(IAnalyticsEngine engine, CancellationToken cancellationToken = default)
    {
        await EnsureAsync(engine, cancellationToken).ConfigureAwait(false);
        return await engine.QueryAsync("SELECT name, scope, key_hash, created_at, revoked_at FROM api_keys ORDER BY created_at, name", null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Appends audit rows (who did what to which target, with the HTTP status).</summary>
    public static async Task AppendAuditAsync(IAnalyticsEngine engine, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        await EnsureAsync(engine, cancellationToken).ConfigureAwait(false);
        foreach (var e in entries)
        {
            await engine.ExecuteAsync("INSERT INTO audit_log VALUES ($1, $2, $3, $4, $5)", [e.AtUtc, e.KeyName, e.Action, e.Target, e.Status], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The newest audit rows first.</summary>
    public static async Task<ResultTable> AuditAsync(IAnalyticsEngine engine, int limit, CancellationToken cancellationToken = default)
    {
        await EnsureAsync(engine, cancellationToken).ConfigureAwait(false);
        return await engine.QueryAsync("SELECT acted_at, key_name, action, target, status FROM audit_log ORDER BY acted_at DESC LIMIT $1", [limit], cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>One admin action: when, by which key, what (method and route), on what, with which outcome.</summary>
/// <param name="AtUtc">When the request finished (UTC).</param>
/// <param name="KeyName">The key's name (never the key).</param>
/// <param name="Action">HTTP method and route pattern, e.g. <c>GET /v1/segments/{id}/members</c>.</param>
/// <param name="Target">The concrete path.</param>
/// <param name="Status">HTTP status returned.</param>
public sealed record AuditEntry(DateTime AtUtc, string KeyName, string Action, string Target, int Status);
